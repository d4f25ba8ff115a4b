//! A lossy link: each packet, both ways, lost with some probability. TCP resends what is
//! lost, so PL1's exactly once and PS1's order still hold; what loss costs is time, and,
//! with heartbeats whose timeout is tight, connections dropped on a link that is alive.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Result};

use super::*;
use crate::claims::network::{number, Heartbeats};
use crate::claims::{ms, Finding};
use crate::lab;
use crate::lab::hosts::Fault;

/// The losses [`lossy_stream`] is run with, in percent.
pub const LOSSES: [u8; 3] = [1, 10, 30];

/// How many numbered messages [`lossy_stream`] sends for the figures, one every
/// [`LOSSY_TICK`].
pub const LOSSY_MESSAGES: usize = 100;

/// How often [`lossy_stream`] sends.
pub const LOSSY_TICK: Duration = Duration::from_millis(10);

/// The longest [`lossy_stream`] waits for the last message: at 30 % loss both ways a
/// segment lost many times over waits for TCP's retries, each twice as long as the one
/// before (a message once took 56 s).
pub const LOSSY_BOUND: Duration = Duration::from_secs(120);

/// How long a run with heartbeats waits in silence before it counts the rest as lost.
pub const LOSSY_QUIET: Duration = Duration::from_secs(3);

/// A stream across a lossy link.
#[derive(Debug, Clone, PartialEq)]
pub struct Lossy {
    pub across: Across,
    pub placed: Placed,
    pub heartbeats: [Option<Heartbeats>; 2],
    /// The loss asked for; across the relay, which cannot lose packets, none is applied.
    pub loss: u8,
    pub cut: Cut,
    /// The numbers A's PUSH took (a PUSH without a peer refuses them).
    pub accepted: Vec<usize>,
    /// The numbers B received, in the order it received them.
    pub received: Vec<usize>,
    /// How long each message took from A's send to B's receive, in the order received.
    pub latencies: Vec<Duration>,
    /// How many times B's monitor saw the connection lost.
    pub dropped: usize,
}

impl Lossy {
    /// The numbers taken and never received.
    pub fn lost(&self) -> Vec<usize> {
        (self.accepted.iter())
            .filter(|n| !self.received.contains(n))
            .copied()
            .collect()
    }

    /// Whether a number was received twice.
    pub fn duplicated(&self) -> bool {
        let mut seen = self.received.clone();
        seen.sort_unstable();
        seen.windows(2).any(|pair| pair[0] == pair[1])
    }

    pub fn in_order(&self) -> bool {
        self.received.windows(2).all(|pair| pair[0] < pair[1])
    }

    /// The `quantile` (0 to 1) of the latencies.
    pub fn latency(&self, quantile: f64) -> Option<Duration> {
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        let last = sorted.len().checked_sub(1)?;
        sorted
            .get(((last as f64) * quantile).round() as usize)
            .copied()
    }
}

/// Host A (a PUSH, bound) sends `messages` numbered messages, one every [`LOSSY_TICK`], to
/// host B (a PULL, connected), each packet of the link lost with probability `loss` in
/// percent (across hosts).
pub fn lossy_stream(
    across: Across,
    loss: u8,
    heartbeats: Option<Heartbeats>,
    messages: usize,
) -> Result<Lossy> {
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
    let sent_at: Vec<Instant> = Vec::with_capacity(messages);
    let mut sent_at = sent_at;
    world.lose(loss)?;
    let (mut accepted, mut received, mut latencies) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut next_send = Instant::now();
    let mut receive = |received: &mut Vec<usize>, sent_at: &[Instant], wait: Duration| {
        if b.watched
            .socket
            .poll(zmq::POLLIN, lab::millis(wait).into())?
            > 0
        {
            while let Ok(message) = b.watched.socket.recv_bytes(zmq::DONTWAIT) {
                let n = number(&message);
                let Some(at) = sent_at.get(n) else {
                    bail!("B received {:?}, never sent", lab::show(&message));
                };
                latencies.push(at.elapsed());
                received.push(n);
            }
        }
        anyhow::Ok(())
    };
    while sent_at.len() < messages {
        if Instant::now() >= next_send {
            let n = sent_at.len();
            sent_at.push(Instant::now());
            match a
                .watched
                .socket
                .send(n.to_string().as_bytes(), zmq::DONTWAIT)
            {
                Ok(()) => accepted.push(n),
                Err(zmq::Error::EAGAIN) => {}
                Err(other) => return Err(other.into()),
            }
            next_send += LOSSY_TICK;
        }
        let wait = next_send.saturating_duration_since(Instant::now());
        receive(&mut received, &sent_at, wait)?;
    }
    // The rest, until the last message taken arrives. Without heartbeats everything taken
    // comes, however late: the bound is long. With them, what went with a dropped
    // connection never comes: the wait ends after a quiet [`LOSSY_QUIET`] as well.
    let deadline = Instant::now() + LOSSY_BOUND;
    let mut last_arrival = Instant::now();
    while accepted.last().is_some_and(|last| !received.contains(last)) {
        let now = Instant::now();
        let quiet_for_long = heartbeats[1].is_some() && now - last_arrival > LOSSY_QUIET;
        if now >= deadline || quiet_for_long {
            break;
        }
        let before = received.len();
        receive(&mut received, &sent_at, LOSSY_TICK)?;
        if received.len() > before {
            last_arrival = Instant::now();
        }
    }
    let dropped = b.watched.seen(zmq::SocketEvent::DISCONNECTED)?;
    let cut = world.heal_loss()?;
    Ok(Lossy {
        across,
        placed,
        heartbeats,
        loss,
        cut,
        accepted,
        received,
        latencies,
        dropped,
    })
}

/// The verdict on a lossy stream: without heartbeats, every message taken arrives once and
/// in order, whatever the loss; with heartbeats, in order and never twice, and what is
/// lost was lost with a connection they dropped.
pub fn lossy(asked: Option<Heartbeats>, run: &Lossy) -> Finding {
    let mut finding = Finding::new();
    proven(
        &mut finding,
        run.across,
        &run.placed,
        None,
        &run.heartbeats,
        asked,
    );
    match (run.across, run.cut) {
        (Across::Hosts, Cut::Dropped(counted)) => {
            // A loss of 1 % may drop nothing in a short run; 10 % and more drop some.
            finding.set_up(
                counted.seen > 0 && (run.loss < 10 || counted.packets > 0),
                format!(
                    "the rules saw {} packets and dropped {} ({:.1} %)",
                    counted.seen,
                    counted.packets,
                    100.0 * counted.packets as f64 / counted.seen.max(1) as f64
                ),
            );
        }
        (Across::Relay, Cut::Lossless) => {}
        (across, cut) => {
            finding.set_up(false, format!("across the {across}: {}", cut.named()));
        }
    }
    finding.set_up(
        run.latencies.len() == run.received.len(),
        "a latency for every message received",
    );
    let lost = run.lost();
    finding.observe(
        !run.duplicated() && run.in_order(),
        format!(
            "{} of {} received, in order, none twice",
            run.received.len(),
            run.accepted.len()
        ),
    );
    match asked {
        None => finding.observe(
            lost.is_empty() && run.dropped == 0,
            format!("loss {} %, no heartbeats: {} lost", run.loss, lost.len()),
        ),
        Some(_) => finding.observe(
            lost.is_empty() || run.dropped > 0,
            format!(
                "loss {} %, heartbeats: {} lost, the connection dropped {} times",
                run.loss,
                lost.len(),
                run.dropped
            ),
        ),
    };
    if let (Some(median), Some(tail)) = (run.latency(0.5), run.latency(0.99)) {
        finding.figure(format!(
            "latency median {}, 99th percentile {}",
            ms(median),
            ms(tail)
        ));
    }
    finding
}

impl World {
    /// Puts a loss of `percent` on the link (across hosts; the relay cannot lose packets,
    /// and its run is the lossless baseline).
    fn lose(&mut self, percent: u8) -> Result<()> {
        if let Some(hosts) = &self.hosts {
            hosts.apply(Fault::Loss(percent))?;
        }
        Ok(())
    }

    /// Removes the loss; what it dropped.
    fn heal_loss(&mut self) -> Result<Cut> {
        match &self.hosts {
            Some(hosts) => Ok(Cut::Dropped(hosts.heal()?)),
            None => {
                ensure!(self.relay.is_some(), "no link");
                Ok(Cut::Lossless)
            }
        }
    }
}
