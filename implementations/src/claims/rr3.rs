//! RR3 on both implementations: many REQ clients and many REP workers through a
//! ROUTER/DEALER broker, every reply to its asker. The broker is what binds: libzmq's
//! (`zmq::proxy_steerable`) or zmq.rs's (`zeromq::proxy`); the clients and the workers
//! connect to it. libzmq's experiment, and so its judge, runs over tcp.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};
use futures::StreamExt as _;
use zeromq::Socket as _;
use zmq_workbook::claims::reqrep::rr3::{
    self, Arrival, Brokered, CLIENTS, ROUNDS, WORKERS,
};
use zmq_workbook::claims::reqrep::{answer_to, Exchange};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Transport, BOUND};

use crate::end::{bounded, run, End, Implementation, Kind, Pairing};

/// A running broker: its two endpoints, its DEALER's connection events, and how to stop
/// it.
struct Broker {
    front: String,
    back: String,
    stop: Box<dyn FnOnce() -> Result<()> + Send>,
    dealer: DealerEvents,
    /// A zmq.rs ROUTER's connection events, to connect the clients one at a time.
    front_events: Option<futures::channel::mpsc::Receiver<zeromq::SocketEvent>>,
}

/// Waits up to [`BOUND`] for `count` connections accepted by a zmq.rs socket whose events
/// are `events`; returns how many came.
async fn accepted(
    events: &mut futures::channel::mpsc::Receiver<zeromq::SocketEvent>,
    count: usize,
) -> usize {
    let mut known = 0;
    let deadline = Instant::now() + BOUND;
    while known < count {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, events.next()).await {
            Ok(Some(zeromq::SocketEvent::Accepted(..))) => known += 1,
            Ok(Some(_)) => {}
            _ => break,
        }
    }
    known
}

/// The broker's DEALER's connection events, read without waiting.
enum DealerEvents {
    Libzmq(lab::Monitor),
    Zmqrs(futures::channel::mpsc::Receiver<zeromq::SocketEvent>, usize),
}

impl DealerEvents {
    /// The workers the DEALER has seen connect so far.
    fn known(&mut self) -> Result<usize> {
        match self {
            DealerEvents::Libzmq(monitor) => {
                Ok(monitor.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?)
            }
            DealerEvents::Zmqrs(events, known) => {
                while let Ok(event) = events.try_recv() {
                    if let zeromq::SocketEvent::Accepted(..) = event {
                        *known += 1;
                    }
                }
                Ok(*known)
            }
        }
    }
}

/// The experiment: `clients` clients, `workers` workers, `rounds` rounds of one request
/// per client, all workers connected first.
pub async fn broker(
    pairing: Pairing,
    clients: usize,
    workers: usize,
    rounds: usize,
) -> Result<Brokered> {
    let lab = Lab::new()?;
    let (broker, worker_ends) = match pairing.binds {
        Implementation::Libzmq => {
            // The back end's address is known only once it is bound: bind first, then
            // connect the workers inside.
            let frontend = lab.socket(zmq::ROUTER)?;
            let backend = lab.socket(zmq::DEALER)?;
            let front = lab.bind(&frontend, Transport::Tcp)?;
            let back = lab.bind(&backend, Transport::Tcp)?;
            let mut dealer_events = lab.monitor(&backend)?;
            let mut ends = Vec::new();
            for _ in 0..workers {
                let mut worker = End::new(&lab, pairing.connects, Kind::Rep)?;
                worker.connect(&back).await?;
                ends.push(worker);
            }
            let _ = dealer_events.wait_handshakes(workers);
            let control_address = lab.endpoint(Transport::Inproc)?;
            let control = lab.socket(zmq::PAIR)?;
            control.bind(&control_address)?;
            let mut proxy_control = lab.socket(zmq::PAIR)?;
            proxy_control.connect(&control_address)?;
            let thread = std::thread::spawn(move || {
                let (mut frontend, mut backend) = (frontend, backend);
                let result =
                    zmq::proxy_steerable(&mut frontend, &mut backend, &mut proxy_control);
                // The proxy's sockets close here, before the monitor that watches one of
                // them (the broker's, dropped after `stop`).
                drop((frontend, backend));
                result
            });
            let stop = Box::new(move || -> Result<()> {
                control.send("TERMINATE", 0)?;
                thread
                    .join()
                    .map_err(|_| anyhow!("the proxy thread panicked"))?
                    .context("the proxy failed")
            });
            (
                Broker {
                    front,
                    back,
                    stop,
                    dealer: DealerEvents::Libzmq(dealer_events),
                    front_events: None,
                },
                ends,
            )
        }
        Implementation::Zmqrs => {
            let mut frontend = zeromq::RouterSocket::new();
            let mut backend = zeromq::DealerSocket::new();
            let mut dealer_events = backend.monitor();
            let front = bounded("bind", BOUND, frontend.bind("tcp://127.0.0.1:0"))
                .await?
                .map_err(|e| anyhow!("zmq.rs: {e}"))?
                .to_string();
            let back = bounded("bind", BOUND, backend.bind("tcp://127.0.0.1:0"))
                .await?
                .map_err(|e| anyhow!("zmq.rs: {e}"))?
                .to_string();
            let front_events = frontend.monitor();
            // The workers connect one at a time, each once the DEALER has the one before:
            // several peers accepted at once by a zmq.rs socket can park a tokio worker for
            // good inside zmq.rs (see `End::connect`).
            let mut ends = Vec::new();
            let mut known = 0;
            for connected in 1..=workers {
                let mut worker = End::new(&lab, pairing.connects, Kind::Rep)?;
                worker.connect(&back).await?;
                ends.push(worker);
                known += accepted(&mut dealer_events, connected - known).await;
            }
            // zmq.rs's proxy is not `Send`: it runs on a thread of its own until told to
            // stop.
            let (stop_proxy, stopped) = tokio::sync::oneshot::channel::<()>();
            let thread = std::thread::spawn(move || {
                run(async move {
                    tokio::select! {
                        result = zeromq::proxy(frontend, backend, None) => {
                            result.map_err(|e| anyhow!("zmq.rs's proxy: {e}"))
                        }
                        _ = stopped => Ok(()),
                    }
                })
            });
            let stop = Box::new(move || -> Result<()> {
                let _ = stop_proxy.send(());
                thread
                    .join()
                    .map_err(|_| anyhow!("the proxy thread panicked"))?
            });
            (
                Broker {
                    front,
                    back,
                    stop,
                    dealer: DealerEvents::Zmqrs(dealer_events, known),
                    front_events: Some(front_events),
                },
                ends,
            )
        }
    };
    let mut broker = broker;

    // Each worker on a thread of its own: a libzmq worker's receive blocks its thread.
    let done = Arc::new(AtomicBool::new(false));
    let mut serving = Vec::new();
    for (w, mut worker) in worker_ends.into_iter().enumerate() {
        let done = Arc::clone(&done);
        serving.push(std::thread::spawn(move || {
            run(async move {
                let mut served = 0;
                while !done.load(Ordering::Relaxed) {
                    if let Some(request) =
                        worker.recv_within(Duration::from_millis(20)).await?
                    {
                        let request = lab::text(&request.concat());
                        worker
                            .send_one(format!("worker {w}: {}", answer_to(&request)))
                            .await?;
                        served += 1;
                    }
                }
                anyhow::Ok(served)
            })
        }));
    }
    let mut client_ends = Vec::new();
    for _ in 0..clients {
        let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
        client.connect(&broker.front).await?;
        client_ends.push(client);
        if let Some(events) = broker.front_events.as_mut() {
            // One at a time at a zmq.rs ROUTER too (as the workers above).
            accepted(events, 1).await;
        }
    }
    let mut exchanges = Vec::new();
    let mut known = Vec::new();
    let outcome = async {
        for round in 0..rounds {
            // Before each round, the workers the DEALER knew: the judge's proof that
            // every worker could be dealt to.
            known.push(broker.dealer.known()?);
            for (c, client) in client_ends.iter_mut().enumerate() {
                client.send_one(format!("client {c} round {round}")).await?;
            }
            for (c, client) in client_ends.iter_mut().enumerate() {
                let reply = client.recv().await?;
                exchanges.push(Exchange {
                    asked: format!("client {c} round {round}"),
                    answered: lab::text(&reply.concat()),
                });
            }
        }
        anyhow::Ok(())
    }
    .await;
    done.store(true, Ordering::Relaxed);
    let served_per_worker = serving
        .into_iter()
        .map(|t| t.join().map_err(|_| anyhow!("a worker panicked"))?)
        .collect::<Result<Vec<_>>>()?;
    let Broker {
        front,
        back,
        stop,
        dealer,
        ..
    } = broker;
    stop()?;
    drop(dealer);
    outcome?;
    if exchanges.len() != clients * rounds {
        bail!(
            "{} exchanges where {} were due",
            exchanges.len(),
            clients * rounds
        );
    }
    Ok(Brokered {
        exchanges,
        served_per_worker,
        front,
        back,
        known,
    })
}

/// Measures and judges RR3 as libzmq's run is judged, over tcp.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    if transport != Transport::Tcp {
        bail!("RR3 runs over tcp only");
    }
    let brokered = run(broker(pairing, CLIENTS, WORKERS, ROUNDS))?;
    Ok(rr3::judge(
        (CLIENTS, WORKERS, ROUNDS),
        Arrival::AllFirst,
        &brokered,
    ))
}
