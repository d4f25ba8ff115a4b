//! PL2 — pullers compete for the data: the load is shared.

use crate::tr;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Result};

use super::pl1::{received_by_each_puller, Dealt};
use super::{
    await_peers, collect_from, connected_pipeline, dealt_in_turn, proven_ready, tally,
    Pipeline,
};
use crate::claims::{listed, number, on_each, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Ready, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PL2",
    star: false,
    summary: "Pullers compete for the data: the load is shared",
    zh: "pull进行数据竞争获取处理",
    en: "PULL ends compete for the data and process it",
    glance: Glance {
        zh: "PULL 端竞争获取数据",
        en: "Pullers compete for the data",
        advice: "Wait until every worker is connected before the first task; to serve whoever is free, let workers ask.",
    },
    verdict: Verdict::DoesNotHold(
        "nothing competes; a PUSH deals in turn to every puller with room, busy or free",
    ),
    conditions: "The load is shared all the same: evenly among pullers connected before the pushing starts. A puller alone at first takes everything pushed meanwhile, and a busy puller is passed over only once its queue is full.",
    experiment: finding,
    beyond: None,
};

/// Pullers connected before the pushing starts, and the messages pushed to them.
pub const PULLERS: usize = 3;
pub const MESSAGES: usize = 3000;
/// The pitfall: one puller first and this many messages, then more pullers and more
/// messages.
pub const LATE_PULLERS: usize = 2;
pub const EARLY: usize = 300;
pub const AFTER: usize = 300;
/// A busy puller and a free one: messages pushed to them…
pub const BUSY_AND_FREE: usize = 100;
/// …and the high-water mark on both sides when the busy one's queue is meant to fill
/// (inproc, where a pipe holds exactly the two marks together).
pub const SMALL_HWM: i32 = 5;
/// libzmq's high-water mark when none is set: far more than [`BUSY_AND_FREE`], so the busy
/// puller's queue never fills.
pub const DEFAULT_HWM: i32 = 1000;

/// What each puller got when they joined one by one, and the proof that the PUSH knew
/// the first alone before the early messages, and every one before the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub first: Ready,
    pub all: Ready,
    /// The numbers each puller received, the first puller first.
    pub received: Vec<Vec<usize>>,
}

// ANCHOR: late_pullers
/// The pitfall: one puller is connected, `early` messages are pushed, then `late` more
/// pullers connect and `after` more messages are pushed. Returns what each puller got.
pub fn pullers_join_one_by_one(
    transport: Transport,
    late: usize,
    early: usize,
    after: usize,
) -> Result<Joined> {
    let lab = Lab::new()?;
    let Pipeline {
        mut pusher,
        pullers: mut sockets,
        ready: first,
    } = connected_pipeline(&lab, transport, 1)?;
    for i in 0..early {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    sockets.extend(lab.connected(zmq::PULL, &first.endpoint, late)?);
    let all = await_peers(&mut pusher, &first.endpoint, 1 + late, BOUND)?;
    for i in early..early + after {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    let received = collect_from(&sockets, early + after)?;
    Ok(Joined {
        first,
        all,
        received,
    })
}
// ANCHOR_END: late_pullers

/// What a busy puller and a free one were dealt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyAndFree {
    /// The numbers the puller that read nothing until the end found in its queue.
    pub busy: Vec<usize>,
    /// The numbers the puller that read each message as it came received.
    pub free: Vec<usize>,
    /// The PUSH's endpoint, and both pullers known to it before the first send.
    pub ready: Ready,
    /// The high-water marks read back: the PUSH's, the busy puller's, the free one's.
    pub marks: [i32; 3],
}

// ANCHOR: busy_and_free
/// Two pullers on one PUSH: the first is busy (it reads nothing until the end), the
/// second is free (it reads every message as it comes). `messages` are pushed, with
/// high-water marks of `hwm` on both sides if given. Who gets what?
pub fn busy_and_free(
    transport: Transport,
    messages: usize,
    hwm: Option<i32>,
) -> Result<BusyAndFree> {
    let lab = Lab::new()?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    if let Some(hwm) = hwm {
        pusher.socket.set_sndhwm(hwm)?;
    }
    let endpoint = lab.bind(&pusher.socket, transport)?;
    let mut pullers = Vec::new();
    for _ in 0..2 {
        let puller = lab.socket(zmq::PULL)?;
        if let Some(hwm) = hwm {
            puller.set_rcvhwm(hwm)?;
        }
        puller.connect(&endpoint)?;
        pullers.push(puller);
    }
    let ready = await_peers(&mut pusher, &endpoint, pullers.len(), BOUND)?;
    let (busy, free) = (pullers.remove(0), pullers.remove(0));
    let marks = [
        pusher.socket.get_sndhwm()?,
        busy.get_rcvhwm()?,
        free.get_rcvhwm()?,
    ];

    // The free puller reads as messages come, until the first "end".
    let (finished, free_done) = mpsc::channel();
    let reading = thread::spawn(move || -> Result<Vec<usize>> {
        let mut got = Vec::new();
        loop {
            match lab::recv_within(&free, BOUND)? {
                Some(message) if message == b"end" => break,
                Some(message) => got.push(number(&message)),
                None => bail!("the free puller waited {BOUND:?} for a message"),
            }
        }
        let _ = finished.send(());
        Ok(got)
    });
    for i in 0..messages {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    // "end" until the free puller has one: an "end" dealt to the busy one is skipped
    // later. Once it has one it stops reading, and every queue may fill before it says
    // so: an "end" that finds no room is not needed.
    let deadline = Instant::now() + BOUND;
    while free_done.recv_timeout(Duration::from_millis(1)).is_err()
        && Instant::now() < deadline
    {
        match pusher.socket.send("end", zmq::DONTWAIT) {
            Ok(()) | Err(zmq::Error::EAGAIN) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let free = reading
        .join()
        .map_err(|_| anyhow!("the free puller panicked"))??;
    // Every message went to exactly one puller (PL1): the busy one holds the others.
    let busy = lab::receive_expecting(&busy, messages.saturating_sub(free.len()))?
        .iter()
        .map(|m| number(m))
        .filter(|&n| n < messages)
        .collect();
    Ok(BusyAndFree {
        busy,
        free,
        ready,
        marks,
    })
}
// ANCHOR_END: busy_and_free

/// What round robin deals the first of two pullers when its queue holds `room` messages:
/// every other message from the first, until its queue is full.
pub fn dealt_to_the_first(messages: usize, room: usize) -> Vec<usize> {
    (0..messages).step_by(2).take(room).collect()
}

fn shown(numbers: &[usize]) -> String {
    if numbers.len() <= 6 {
        return listed(numbers);
    }
    format!(
        "{}, …, {}",
        listed(&numbers[..3]),
        numbers[numbers.len() - 1]
    )
}

/// Everything PL2 measures on one transport.
#[derive(Debug, Clone)]
pub struct Measured {
    pub transport: Transport,
    /// PL1's experiment: [`PULLERS`] pullers connected first, [`MESSAGES`] pushed.
    pub connected_first: Dealt,
    pub late: Joined,
    pub busy_and_free: BusyAndFree,
    /// The same with small high-water marks: only measured on inproc, where a pipe's room
    /// is exact ([`SMALL_HWM`] on each side).
    pub busy_queue_full: Option<BusyAndFree>,
}

pub fn measure(transport: Transport) -> Result<Measured> {
    Ok(Measured {
        transport,
        connected_first: received_by_each_puller(transport, PULLERS, MESSAGES)?,
        late: pullers_join_one_by_one(transport, LATE_PULLERS, EARLY, AFTER)?,
        busy_and_free: busy_and_free(transport, BUSY_AND_FREE, None)?,
        busy_queue_full: match transport {
            Transport::Inproc => {
                Some(busy_and_free(transport, BUSY_AND_FREE, Some(SMALL_HWM))?)
            }
            _ => None,
        },
    })
}

fn shares(received: &[Vec<usize>]) -> Vec<usize> {
    received.iter().map(Vec::len).collect()
}

/// ", not dealt in turn" where the numbers were not; nothing where they were.
fn unless_in_turn(in_turn: bool) -> String {
    if in_turn {
        String::new()
    } else {
        tr!("pl2-not-in-turn")
    }
}

/// Judges what a busy and a free puller were dealt, the busy one's queue holding `room`.
fn judge_busy_and_free(
    finding: &mut Finding,
    transport: Transport,
    dealt: &BusyAndFree,
    hwm: i32,
    room: usize,
    text: &str,
) {
    let BusyAndFree {
        busy,
        free,
        ready,
        marks,
    } = dealt;
    proven_ready(
        finding,
        &tr!("pl2-text-the-push", text = text),
        transport,
        ready,
        2,
    );
    finding.set_up(
        *marks == [hwm; 3],
        tr!("pl2-marks", text = text, marks = listed(marks), hwm = hwm),
    );
    let in_turn = *busy == dealt_to_the_first(BUSY_AND_FREE, room);
    let (_, neither, both) = tally(&[busy.clone(), free.clone()], BUSY_AND_FREE);
    let rest = if (neither, both) == (0, 0) {
        String::new()
    } else {
        tr!("pl2-neither-both", neither = neither, both = both)
    };
    let how = match (in_turn, room < BUSY_AND_FREE) {
        (true, false) => tr!("pl2-how-in-turn"),
        (true, true) => tr!("pl2-how-until-full"),
        (false, _) => tr!("pl2-how-not-in-turn"),
    };
    finding.observe(
        in_turn && rest.is_empty(),
        tr!(
            "pl2-busy-and-free",
            text = text,
            busy = busy.len(),
            shown = shown(busy),
            how = how,
            free = free.len(),
            rest = rest
        ),
    );
}

/// Judges PL2 on one transport.
pub fn judge(measured: &Measured) -> Finding {
    let mut finding = Finding::new();
    let transport = measured.transport;

    let first = &measured.connected_first;
    proven_ready(
        &mut finding,
        &tr!("pl2-connected-first-the-push"),
        transport,
        &first.ready,
        PULLERS,
    );
    let in_turn = dealt_in_turn(&first.received, 0..MESSAGES);
    let shares_first = shares(&first.received);
    finding.observe(
        shares_first == vec![MESSAGES / PULLERS; PULLERS] && in_turn,
        tr!(
            "pl2-connected-first",
            pullers = PULLERS,
            messages = MESSAGES,
            shares = listed(&shares_first),
            in_turn = unless_in_turn(in_turn)
        ),
    );

    let late = &measured.late;
    proven_ready(
        &mut finding,
        &tr!("pl2-one-first-the-push"),
        transport,
        &late.first,
        1,
    );
    proven_ready(
        &mut finding,
        &tr!("pl2-late-joined-the-push"),
        transport,
        &late.all,
        1 + LATE_PULLERS,
    );
    let mut after = late.received.clone();
    let early_to_the_first = match after.first_mut() {
        Some(first) if first.iter().copied().take(EARLY).eq(0..EARLY) => {
            first.drain(..EARLY);
            true
        }
        _ => false,
    };
    let after_in_turn =
        after.len() == 1 + LATE_PULLERS && dealt_in_turn(&after, EARLY..EARLY + AFTER);
    let mut expected = vec![AFTER / (1 + LATE_PULLERS); 1 + LATE_PULLERS];
    expected[0] += EARLY;
    let shares_late = shares(&late.received);
    finding.observe(
        shares_late == expected && early_to_the_first && after_in_turn,
        tr!(
            "pl2-late",
            early = EARLY,
            late = LATE_PULLERS,
            after = AFTER,
            shares = listed(&shares_late),
            first = if early_to_the_first {
                String::new()
            } else {
                tr!("pl2-first-not-dealt", early = EARLY)
            },
            rest = if after_in_turn {
                String::new()
            } else {
                tr!("pl2-rest-not-in-turn")
            }
        ),
    );

    judge_busy_and_free(
        &mut finding,
        transport,
        &measured.busy_and_free,
        DEFAULT_HWM,
        BUSY_AND_FREE,
        &tr!("pl2-busy-and-free-text", pushed = BUSY_AND_FREE),
    );
    if let Some(full) = &measured.busy_queue_full {
        judge_busy_and_free(
            &mut finding,
            transport,
            full,
            SMALL_HWM,
            2 * SMALL_HWM as usize,
            &tr!("pl2-small-hwm-text", hwm = SMALL_HWM),
        );
    }
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, measure)?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, measured)| (transport, judge(&measured)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: before the first task, wait until every worker is connected, or
/// the first to arrive takes every early task. The socket's monitor reports each
/// handshake. Field order matters: the ventilator must close before its monitor reader.
pub struct Ventilator {
    pub socket: zmq::Socket,
    events: zmq::Socket,
}

pub fn ventilator(context: &zmq::Context, address: &str) -> zmq::Result<Ventilator> {
    let socket = context.socket(zmq::PUSH)?;
    let monitor = "inproc://ventilator-handshakes";
    socket.monitor(monitor, zmq::SocketEvent::HANDSHAKE_SUCCEEDED as i32)?;
    let events = context.socket(zmq::PAIR)?;
    events.connect(monitor)?;
    socket.bind(address)?;
    Ok(Ventilator { socket, events })
}

impl Ventilator {
    /// Waits for `workers` handshakes (tcp or ipc), at most `timeout_ms` for each.
    pub fn wait_for_workers(&self, workers: usize, timeout_ms: i64) -> zmq::Result<bool> {
        for _ in 0..workers {
            if self.events.poll(zmq::POLLIN, timeout_ms)? == 0 {
                return Ok(false);
            }
            self.events.recv_multipart(0)?; // one more worker is connected
        }
        self.socket.get_events()?; // take the new connections in before the first send
        Ok(true)
    }
}
// ANCHOR_END: own
