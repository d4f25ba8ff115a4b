//! A partition that heals: when the first message flows again, and what is lost.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Result};

use super::*;
use crate::claims::network::{number, Heartbeats};
use crate::claims::{ms, Finding};
use crate::lab;

/// The longest [`partition_healed`] waits, after the heal, for the first message: longer
/// than TCP's backoff can make it after a partition of 10 s (a SYN is sent again 1, 3, 7,
/// 15 and 31 s after the first; data 0.2, 0.6, 1.4, 3, 6.2, 12.6 s after it was sent).
pub const AFTER_HEAL: Duration = Duration::from_secs(30);

/// A stream across a partition that healed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Healed {
    pub across: Across,
    pub placed: Placed,
    /// The heartbeats read back from A's socket and B's.
    pub heartbeats: [Option<Heartbeats>; 2],
    /// How long the partition was asked to last, and how long it lasted by the clock.
    pub asked: Duration,
    pub lasted: Duration,
    pub cut: Cut,
    /// How many numbered messages A's PUSH took (a PUSH without a peer refuses them).
    pub accepted: usize,
    /// The numbers that were taken and never arrived.
    pub lost: Vec<usize>,
    /// Whether what arrived came in the order it was sent.
    pub in_order: bool,
    /// How long after the heal the first message arrived.
    pub flowed_again: Option<Duration>,
    /// Whether B's monitor saw its connection lost.
    pub disconnected: bool,
}

/// Host A (a PUSH, bound) sends a numbered message every [`TICK`] to host B (a PULL,
/// connected); a partition falls for `partition`, then heals.
pub fn partition_healed(
    across: Across,
    heartbeats: Option<Heartbeats>,
    partition: Duration,
) -> Result<Healed> {
    let mut world = World::new(across)?;
    let (a, mut b, placed) = ends(
        &mut world,
        (zmq::PUSH, heartbeats),
        (zmq::PULL, heartbeats),
        |_| Ok(()),
    )?;
    let heartbeats = [
        Heartbeats::of(&a.watched.socket)?,
        Heartbeats::of(&b.watched.socket)?,
    ];
    let mut stream = Stream::new(&a.watched.socket, &b.watched.socket);
    // Flowing before the partition.
    stream.run(Instant::now() + lab::BOUND, |arrived| arrived >= 5)?;
    ensure!(
        stream.arrived.len() >= 5,
        "the stream did not flow before the partition"
    );
    let cut_at = world.partition()?;
    stream.run(cut_at + partition, |_| false)?;
    let (cut, healed_at) = world.heal()?;
    let before = stream.arrived.len();
    stream.run(healed_at + AFTER_HEAL, |arrived| arrived > before)?;
    let flowed_again = stream.arrival_times.get(before).map(|t| *t - healed_at);
    let (accepted, lost, in_order) = stream.finish()?;
    let disconnected = b.watched.seen(zmq::SocketEvent::DISCONNECTED)? > 0;
    Ok(Healed {
        across,
        placed,
        heartbeats,
        asked: partition,
        lasted: healed_at - cut_at,
        cut,
        accepted,
        lost,
        in_order,
        flowed_again,
        disconnected,
    })
}

/// A numbered stream from a PUSH to a PULL: what was taken, what arrived and when.
struct Stream<'a> {
    push: &'a zmq::Socket,
    pull: &'a zmq::Socket,
    next: usize,
    next_send: Instant,
    accepted: Vec<usize>,
    arrived: Vec<usize>,
    arrival_times: Vec<Instant>,
}

impl<'a> Stream<'a> {
    fn new(push: &'a zmq::Socket, pull: &'a zmq::Socket) -> Stream<'a> {
        Stream {
            push,
            pull,
            next: 0,
            next_send: Instant::now(),
            accepted: Vec::new(),
            arrived: Vec::new(),
            arrival_times: Vec::new(),
        }
    }

    /// Sends every [`TICK`] and receives what comes, until `until` or until `enough` says
    /// so of the count arrived.
    fn run(&mut self, until: Instant, enough: impl Fn(usize) -> bool) -> Result<()> {
        loop {
            let now = Instant::now();
            if enough(self.arrived.len()) || now >= until {
                return Ok(());
            }
            if now >= self.next_send {
                match self
                    .push
                    .send(self.next.to_string().as_bytes(), zmq::DONTWAIT)
                {
                    Ok(()) => self.accepted.push(self.next),
                    Err(zmq::Error::EAGAIN) => {}
                    Err(other) => return Err(other.into()),
                }
                self.next += 1;
                self.next_send += TICK;
            }
            let wait = self
                .next_send
                .min(until)
                .saturating_duration_since(Instant::now());
            if self.pull.poll(zmq::POLLIN, lab::millis(wait).into())? > 0 {
                while let Ok(message) = self.pull.recv_bytes(zmq::DONTWAIT) {
                    self.arrived.push(number(&message));
                    self.arrival_times.push(Instant::now());
                }
            }
        }
    }

    fn in_order(&self) -> bool {
        self.arrived.windows(2).all(|pair| pair[0] < pair[1])
    }

    /// Stops sending, sends an end marker, receives up to it; returns how many were taken,
    /// which of them never arrived, and whether what arrived came in order.
    fn finish(mut self) -> Result<(usize, Vec<usize>, bool)> {
        self.push.send(&b"end"[..], 0)?;
        let deadline = Instant::now() + AFTER_HEAL;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(message) = lab::recv_within(self.pull, left)? else {
                bail!("the end marker did not arrive within {AFTER_HEAL:?}");
            };
            if message == b"end" {
                break;
            }
            self.arrived.push(number(&message));
        }
        let lost = (self.accepted.iter())
            .filter(|n| !self.arrived.contains(n))
            .copied()
            .collect();
        Ok((self.accepted.len(), lost, self.in_order()))
    }
}

/// The verdict on a healed partition: without heartbeats the connection outlives it and
/// nothing is lost; with them, the connection is dropped and what was on its way is lost.
/// Across hosts the first message comes back only at TCP's next retry, after the heal.
pub fn healed(asked: Option<Heartbeats>, run: &Healed) -> Finding {
    let mut finding = Finding::new();
    proven(
        &mut finding,
        run.across,
        &run.placed,
        Some(&run.cut),
        &run.heartbeats,
        asked,
    );
    finding.set_up(
        run.lasted >= run.asked,
        format!("the partition lasted {}", ms(run.lasted)),
    );
    finding.observe(run.in_order, "what arrived came in order");
    finding.observe(
        run.flowed_again.is_some(),
        match run.flowed_again {
            Some(after) => format!("the first message came {} after the heal", ms(after)),
            None => format!("no message came within {AFTER_HEAL:?} of the heal"),
        },
    );
    match asked {
        None => {
            finding.observe(
                !run.disconnected && run.lost.is_empty(),
                format!(
                    "without heartbeats: connection kept, {} of {} lost",
                    run.lost.len(),
                    run.accepted
                ),
            );
        }
        Some(_) => {
            finding.observe(
                run.disconnected,
                format!(
                    "with heartbeats: connection dropped, {} of {} lost",
                    run.lost.len(),
                    run.accepted
                ),
            );
        }
    }
    finding
}
