//! RR3 — routing nodes (devices) turn 1:N into N:M.

use crate::tr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use anyhow::{anyhow, Context as _, Result};

use super::{answer_to, own_answers, Exchange};
use crate::claims::{listed, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "RR3",
    star: false,
    summary: "Routing nodes (devices) turn 1:N into N:M",
    zh: "把 1:N 扩展为N:M (只需要加入若干路由节点)",
    en: "1:N extends to N:M (just add some routing nodes)",
    glance: Glance {
        zh: "加入路由节点，1:N 变为 N:M",
        en: "Routing nodes turn 1:N into N:M",
        advice: "Put a ROUTER/DEALER proxy between clients and workers; `proxy_steerable` lets you stop it.",
    },
    verdict: Verdict::Holds,
    conditions: "",
    experiment: finding,
    beyond: None,
};

/// The broker experiment: this many REQ clients…
pub const CLIENTS: usize = 4;
/// …and this many REP workers…
pub const WORKERS: usize = 2;
/// …and every client asks this many times.
pub const ROUNDS: usize = 3;

/// When the workers connect to the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// Every worker is known to the DEALER before the first request.
    AllFirst,
    /// The last worker connects only after the first round of requests was dealt.
    LastAfterFirstRound,
}

/// Result of the broker experiment: each client's exchange and how many requests each
/// worker served, and the broker's set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brokered {
    pub exchanges: Vec<Exchange>,
    pub served_per_worker: Vec<usize>,
    /// The broker's front end (for clients) and back end (for workers), read back.
    pub front: String,
    pub back: String,
    /// How many workers the DEALER had seen (handshakes its monitor reported) when the
    /// proxy started, then before each later round of requests.
    pub known: Vec<usize>,
}

/// A proxy on its own thread. Dropping it stops the proxy (`TERMINATE` on its control
/// socket) and waits for it, on every way out of the experiment, so that its sockets
/// close before anything declared earlier (their monitors).
struct RunningProxy {
    control: zmq::Socket,
    thread: Option<thread::JoinHandle<zmq::Result<()>>>,
}

impl RunningProxy {
    fn stop(mut self) -> Result<()> {
        self.control.send("TERMINATE", 0)?;
        let thread = self.thread.take().context("the proxy was stopped twice")?;
        thread
            .join()
            .map_err(|_| anyhow!("the proxy thread panicked"))?
            .context("the proxy failed")
    }
}

impl Drop for RunningProxy {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = self.control.send("TERMINATE", 0);
            let _ = thread.join();
        }
    }
}

// ANCHOR: broker
/// `clients` REQs and `workers` REPs that know only the broker: clients connect to its
/// ROUTER front end, workers to its DEALER back end, and `zmq::proxy_steerable` shuttles
/// between them.
pub fn broker(
    clients: usize,
    workers: usize,
    rounds: usize,
    arrival: Arrival,
) -> Result<Brokered> {
    let lab = Lab::new()?;
    let frontend = lab.socket(zmq::ROUTER)?;
    let mut backend = lab.socket(zmq::DEALER)?;
    let front = lab.bind(&frontend, Transport::Tcp)?;
    let back = lab.bind(&backend, Transport::Tcp)?;
    let mut dealer_events = lab.monitor(&backend)?;

    let first = match arrival {
        Arrival::AllFirst => workers,
        Arrival::LastAfterFirstRound => workers.saturating_sub(1),
    };
    let mut worker_sockets = lab.connected(zmq::REP, &back, first)?;
    // A DEALER deals only to the workers it knows: wait until it has seen them.
    dealer_events.wait_handshakes(first)?;

    // The proof of that wait, for the judge: the workers it had seen by then.
    let mut known = vec![dealer_events.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?];
    // The proxy runs until its control socket says TERMINATE.
    let control_address = lab.endpoint(Transport::Inproc)?;
    let control = lab.socket(zmq::PAIR)?;
    control.bind(&control_address)?;
    let mut proxy_control = lab.socket(zmq::PAIR)?;
    proxy_control.connect(&control_address)?;
    let proxy = RunningProxy {
        control,
        thread: Some(thread::spawn(move || {
            let mut frontend = frontend;
            zmq::proxy_steerable(&mut frontend, &mut backend, &mut proxy_control)
        })),
    };

    let done = Arc::new(AtomicBool::new(false));
    let mut serving = Vec::new();
    let client_sockets = lab.connected(zmq::REQ, &front, clients)?;
    let mut exchanges = Vec::new();
    for round in 0..rounds {
        if round == 1 && first < workers {
            worker_sockets.extend(lab.connected(zmq::REP, &back, workers - first)?);
            dealer_events.wait_handshakes(workers)?;
        }
        if round > 0 {
            known.push(dealer_events.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?);
        }
        // Workers serve until every client has its replies; then `done` tells them to
        // stop.
        for worker in worker_sockets.drain(..) {
            serving.push(serve(serving.len(), worker, Arc::clone(&done)));
        }
        for (c, client) in client_sockets.iter().enumerate() {
            client.send(format!("client {c} round {round}").as_str(), 0)?;
        }
        for (c, client) in client_sockets.iter().enumerate() {
            let reply = client.recv_bytes(0).context("a client got no reply")?;
            exchanges.push(Exchange {
                asked: format!("client {c} round {round}"),
                answered: lab::text(&reply),
            });
        }
    }

    done.store(true, Ordering::Relaxed);
    let served_per_worker = serving
        .into_iter()
        .map(|t| t.join().map_err(|_| anyhow!("a worker panicked"))?)
        .collect::<Result<Vec<_>>>()?;
    proxy.stop()?;
    Ok(Brokered {
        exchanges,
        served_per_worker,
        front,
        back,
        known,
    })
}

/// A REP worker on its own thread: answers until `done`, and returns how many it served.
fn serve(
    w: usize,
    worker: zmq::Socket,
    done: Arc<AtomicBool>,
) -> thread::JoinHandle<Result<usize>> {
    thread::spawn(move || {
        let mut served = 0;
        while !done.load(Ordering::Relaxed) {
            if let Some(request) = lab::recv_within(&worker, Duration::from_millis(20))? {
                let answer = format!("worker {w}: {}", answer_to(&lab::text(&request)));
                worker.send(answer.as_str(), 0)?;
                served += 1;
            }
        }
        Ok(served)
    })
}
// ANCHOR_END: broker

/// How many requests each worker serves when a DEALER deals them in turn to the workers
/// it knows: workers that arrive later join the turn where it stands.
pub fn dealt(
    clients: usize,
    workers: usize,
    rounds: usize,
    arrival: Arrival,
) -> Vec<usize> {
    let mut served = vec![0; workers];
    let mut next = 0;
    for round in 0..rounds {
        let known = match arrival {
            Arrival::LastAfterFirstRound if round == 0 => workers.saturating_sub(1),
            _ => workers,
        }
        .max(1);
        for _ in 0..clients {
            served[next % known] += 1;
            next = (next + 1) % known;
        }
    }
    served
}

/// How many workers the DEALER should know when the proxy starts, then before each later
/// round: those that connect first, then all.
pub fn known_before_rounds(
    workers: usize,
    rounds: usize,
    arrival: Arrival,
) -> Vec<usize> {
    (0..rounds)
        .map(|round| match arrival {
            Arrival::LastAfterFirstRound if round == 0 => workers.saturating_sub(1),
            _ => workers,
        })
        .collect()
}

/// Judges the broker experiment.
pub fn judge(
    (clients, workers, rounds): (usize, usize, usize),
    arrival: Arrival,
    brokered: &Brokered,
) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(Transport::Tcp, &brokered.front);
    finding.used_transport(Transport::Tcp, &brokered.back);
    let due = known_before_rounds(workers, rounds, arrival);
    finding.set_up(
        brokered.known == due,
        tr!(
            "rr3-known",
            known = listed(&brokered.known),
            due = listed(&due)
        ),
    );
    let requests = clients * rounds;
    if finding.check_count(&tr!("rr1-exchanges"), brokered.exchanges.len(), requests) {
        let (own, stray) = own_answers(&brokered.exchanges);
        let mut text = tr!(
            "rr3-brokered",
            clients = clients,
            rounds = rounds,
            workers = workers,
            own = own,
            requests = requests
        );
        if let Some(stray) = stray {
            text += &tr!(
                "rr1-stray",
                asked = &stray.asked,
                answered = format!("{:?}", stray.answered)
            );
        }
        finding.observe(own == requests, text);
    }
    finding.observe(
        brokered.served_per_worker == dealt(clients, workers, rounds, arrival),
        tr!(
            "rr3-per-worker",
            served = listed(&brokered.served_per_worker)
        ),
    );
    finding
}

fn finding() -> Result<Finding> {
    let brokered = broker(CLIENTS, WORKERS, ROUNDS, Arrival::AllFirst)?;
    Ok(judge(
        (CLIENTS, WORKERS, ROUNDS),
        Arrival::AllFirst,
        &brokered,
    ))
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a broker for many clients and many workers. Clients connect their
/// REQ to `clients`, workers their REP to `workers`; the broker shuttles every message,
/// envelope and all, until a message "TERMINATE" comes on `control` (a PAIR bound there).
pub fn run_broker(
    context: &zmq::Context,
    clients: &str,
    workers: &str,
    control: &str,
) -> zmq::Result<()> {
    let mut frontend = context.socket(zmq::ROUTER)?; // remembers which client asked
    frontend.bind(clients)?;
    let mut backend = context.socket(zmq::DEALER)?; // deals requests to workers in turn
    backend.bind(workers)?;
    let mut commands = context.socket(zmq::PAIR)?;
    commands.connect(control)?;
    zmq::proxy_steerable(&mut frontend, &mut backend, &mut commands)
}
// ANCHOR_END: own
