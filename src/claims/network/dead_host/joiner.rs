//! The slow joiner across a slow link: a publisher that starts publishing as soon as its
//! subscriber has called `connect` loses what it publishes before the handshake and the
//! subscription have crossed the link. On loopback that is a moment; across a slow link
//! (a tbf qdisc on the subscriber's way out) it is longer, and more is lost.

use std::time::{Duration, Instant};

use anyhow::Result;

use super::*;
use crate::claims::network::number;
use crate::claims::Finding;
use crate::lab;
use crate::lab::hosts::Fault;

/// The slow link's rate, in bits a second: the handshake's few small packets each take
/// milliseconds to leave the subscriber's host.
pub const SLOW_RATE: u64 = 64_000;

/// How many numbered messages the publisher sends, one every [`JOINER_TICK`].
pub const JOINER_MESSAGES: usize = 300;

/// How often the publisher sends.
pub const JOINER_TICK: Duration = Duration::from_millis(1);

/// A subscriber that joined late.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    pub across: Across,
    pub placed: Placed,
    /// Across hosts, what the slow link's qdisc sent (its rate in place); across the relay,
    /// no fault (loopback at full speed).
    pub cut: Cut,
    /// The numbers the subscriber received, in order.
    pub received: Vec<usize>,
}

impl Joined {
    /// How many were published before the first one the subscriber got: lost to the
    /// slow join.
    pub fn missed(&self) -> Option<usize> {
        self.received.first().copied()
    }
}

/// Host A (a PUB, bound) publishes [`JOINER_MESSAGES`] numbered messages, one every
/// [`JOINER_TICK`], from the moment host B's SUB (subscribed to everything) has called
/// `connect`: across the relay on loopback, or across hosts over a link of [`SLOW_RATE`].
pub fn slow_joiner(across: Across) -> Result<Joined> {
    let mut world = World::new(across)?;
    if let Some(hosts) = &world.hosts {
        hosts.apply(Fault::Rate(SLOW_RATE))?;
    }
    let (a, b, placed) =
        ends_connecting(&mut world, (zmq::PUB, None), (zmq::SUB, None), |socket| {
            match socket.get_socket_type()? {
                zmq::SUB => Ok(socket.set_subscribe(b"")?),
                _ => Ok(()),
            }
        })?;
    let mut next_send = Instant::now();
    let mut received = Vec::new();
    for n in 0..JOINER_MESSAGES {
        a.watched.socket.send(n.to_string().as_bytes(), 0)?;
        next_send += JOINER_TICK;
        let wait = next_send.saturating_duration_since(Instant::now());
        received.extend(
            lab::drain(&b.watched.socket, wait)?
                .iter()
                .map(|m| number(m)),
        );
    }
    // The rest: whatever was published after the subscriber joined is on its way.
    let deadline = Instant::now() + lab::BOUND;
    while received.last() != Some(&(JOINER_MESSAGES - 1)) && Instant::now() < deadline {
        if let Some(message) = lab::recv_within(&b.watched.socket, JOINER_TICK * 50)? {
            received.push(number(&message));
        }
    }
    let cut = match &world.hosts {
        Some(hosts) => Cut::Dropped(hosts.heal()?),
        None => Cut::Lossless,
    };
    Ok(Joined {
        across,
        placed,
        cut,
        received,
    })
}

/// The verdict on a slow join: the subscriber joined (it got the last message), and from
/// its first message on got every one, in order; what it missed is the figure.
pub fn joined(run: &Joined) -> Finding {
    let mut finding = Finding::new();
    proven(&mut finding, run.across, &run.placed, None, &[], None);
    match (run.across, run.cut) {
        (Across::Hosts, Cut::Dropped(sent)) => {
            finding.set_up(
                sent.bytes > 0,
                format!("the slow link sent {} bytes", sent.bytes),
            );
        }
        (Across::Relay, Cut::Lossless) => {}
        (across, cut) => {
            finding.set_up(false, format!("across the {across}: {}", cut.named()));
        }
    }
    let first = run.missed().unwrap_or(JOINER_MESSAGES);
    let contiguous = (run.received.iter().copied()).eq(first..JOINER_MESSAGES);
    finding.observe(
        !run.received.is_empty() && contiguous,
        format!(
            "across the {}: missed the first {first} of {JOINER_MESSAGES}, then every one in order",
            run.across
        ),
    );
    finding
}
