//! PL2 — pullers compete for the data: the load is shared.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Result};

use super::connected_pipeline;
use super::pl1::received_by_each_puller;
use crate::claims::{listed, number, on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PL2",
    star: false,
    summary: "Pullers compete for the data: the load is shared",
    zh: "pull进行数据竞争获取处理",
    en: "PULL ends compete for the data and process it",
    verdict: Verdict::HoldsOnlyWhen(
        "the pullers are connected before the pushing starts: PUSH deals in turn to every puller whose queue has room, not to whoever is free, and a puller that is alone at first takes everything sent meanwhile",
    ),
    experiment: finding,
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

// ANCHOR: late_pullers
/// The pitfall: one puller is connected, `early` messages are pushed, then `late` more
/// pullers connect and `after` more messages are pushed. Returns how many each puller
/// got.
pub fn pullers_join_one_by_one(
    transport: Transport,
    late: usize,
    early: usize,
    after: usize,
) -> Result<Vec<usize>> {
    let lab = Lab::new()?;
    let (mut pusher, mut sockets) = connected_pipeline(&lab, transport, 1)?;
    for i in 0..early {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    let endpoint = lab::last_endpoint(&pusher.socket)?;
    sockets.extend(lab.connected(zmq::PULL, &endpoint, late)?);
    if transport != Transport::Inproc {
        pusher.wait_handshakes(1 + late)?;
    }
    // Take in the new connections now (see connected_pipeline).
    pusher.socket.get_events()?;
    for i in early..early + after {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    let received = super::collect_from(&sockets, early + after)?;
    Ok(received.iter().map(Vec::len).collect())
}
// ANCHOR_END: late_pullers

/// What a busy puller and a free one were dealt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyAndFree {
    /// The numbers the puller that read nothing until the end found in its queue.
    pub busy: Vec<usize>,
    /// The numbers the puller that read each message as it came received.
    pub free: Vec<usize>,
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
    if transport != Transport::Inproc {
        pusher.wait_handshakes(2)?;
    }
    pusher.socket.get_events()?;
    let (busy, free) = (pullers.remove(0), pullers.remove(0));

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
    Ok(BusyAndFree { busy, free })
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
    pub shares: Vec<usize>,
    pub late: Vec<usize>,
    pub busy_and_free: BusyAndFree,
    /// The same with small high-water marks: only measured on inproc, where a pipe's room
    /// is exact ([`SMALL_HWM`] on each side).
    pub busy_queue_full: Option<BusyAndFree>,
}

pub fn measure(transport: Transport) -> Result<Measured> {
    Ok(Measured {
        shares: received_by_each_puller(transport, PULLERS, MESSAGES)?
            .iter()
            .map(Vec::len)
            .collect(),
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

/// Judges PL2 on one transport.
pub fn judge(measured: &Measured) -> Finding {
    let mut finding = Finding::new();
    let even = vec![MESSAGES / PULLERS; PULLERS];
    finding.observe(
        measured.shares == even,
        format!(
            "{PULLERS} pullers connected first, {MESSAGES} pushed: shares {}",
            listed(&measured.shares)
        ),
    );
    let mut late = vec![AFTER / (1 + LATE_PULLERS); 1 + LATE_PULLERS];
    late[0] += EARLY;
    finding.observe(
        measured.late == late,
        format!(
            "1 puller first and {EARLY} pushed, then {LATE_PULLERS} more and {AFTER} pushed: shares {}",
            listed(&measured.late)
        ),
    );
    let BusyAndFree { busy, free } = &measured.busy_and_free;
    finding.observe(
        *busy == dealt_to_the_first(BUSY_AND_FREE, BUSY_AND_FREE),
        format!(
            "a busy puller (reading nothing) and a free one, {BUSY_AND_FREE} pushed: the busy one was dealt {} ({}), the free one {}",
            busy.len(),
            shown(busy),
            free.len()
        ),
    );
    if let Some(BusyAndFree { busy, free }) = &measured.busy_queue_full {
        let room = 2 * SMALL_HWM as usize;
        finding.observe(
            *busy == dealt_to_the_first(BUSY_AND_FREE, room),
            format!(
                "with high-water marks of {SMALL_HWM} on both sides: the busy one was dealt {} ({}), until its queue was full; the free one {}",
                busy.len(),
                shown(busy),
                free.len()
            ),
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
