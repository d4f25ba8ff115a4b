//! When the network fails: a silent link (a [`Relay`](crate::lab::relay::Relay) that is cut),
//! a reset, and a crashed process, each without and with ZMTP heartbeats, timed with monitor
//! events. Each experiment returns what it saw; the claims it extends (PL5, PS5, PS7, RR4,
//! RR6) read their verdicts from it.
//!
//! # What libzmq 4.3.4 does with heartbeats
//!
//! From its source (`src/stream_engine_base.cpp`, `src/zmtp_engine.cpp`, `src/options.cpp`)
//! and ZMTP 3.1 (RFC 37), which these experiments rely on:
//!
//! - A socket with `ZMQ_HEARTBEAT_IVL` sends a PING on each of its connections every interval,
//!   from the end of the handshake on, whether or not messages flow.
//! - Sending a PING arms a timer of `ZMQ_HEARTBEAT_TIMEOUT` (the interval if unset), unless
//!   one is armed already. *Anything* that arrives on the connection disarms it: a PONG, a PING
//!   of the peer's own, a message. If it fires, the connection is closed (the monitor says
//!   DISCONNECTED) and, on the connecting side, made again. So the pinging side notices a
//!   silent link between TIMEOUT − IVL and TIMEOUT + IVL after it fell silent.
//! - A PING carries `ZMQ_HEARTBEAT_TTL` in tenths of a second (libzmq rounds the option down:
//!   under 100 ms is no TTL at all). The peer needs no option of its own: each PING it receives
//!   arms a timer of that length, which anything arriving disarms; if it fires, the peer closes
//!   the connection too. Every PING is answered with a PONG.
//! - Heartbeats start after the handshake: a connection stuck in its handshake is timed out by
//!   `ZMQ_HANDSHAKE_IVL` (30 s by default) instead.
//!
//! So the side that must notice sets the interval and timeout. The TTL is a weaker guard than
//! it looks: its timer is armed by a PING and disarmed by *any* frame after it, and only the
//! next PING arms it again. A peer whose last frame before the silence was a message, not a
//! PING (or that had no PING yet: the first comes an interval after the handshake), never
//! times out. The experiments therefore set heartbeats on both ends of the failing link, and
//! [`push::puller_cut_for_good_pinged_by_the_push_alone`] measures the TTL alone.

use std::thread;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::lab::{self, Lab, Watched};

pub mod crash;
pub mod publish;
pub mod push;
pub mod request;

// ANCHOR: heartbeats
/// ZMTP heartbeats, as one socket sets them (before it binds or connects).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heartbeats {
    /// How often to PING each peer (`ZMQ_HEARTBEAT_IVL`).
    pub interval: Duration,
    /// How long after a PING to wait for anything at all (`ZMQ_HEARTBEAT_TIMEOUT`).
    pub timeout: Duration,
    /// How long the peer should wait for anything after a PING (`ZMQ_HEARTBEAT_TTL`;
    /// whole tenths of a second).
    pub ttl: Duration,
}

impl Heartbeats {
    /// Small enough that an experiment notices a dead link in well under a second.
    pub const LAB: Heartbeats = Heartbeats {
        interval: Duration::from_millis(20),
        timeout: Duration::from_millis(60),
        ttl: Duration::from_millis(100),
    };

    pub fn apply(&self, socket: &zmq::Socket) -> Result<()> {
        socket.set_heartbeat_ivl(lab::millis(self.interval))?;
        socket.set_heartbeat_timeout(lab::millis(self.timeout))?;
        socket.set_heartbeat_ttl(lab::millis(self.ttl))?;
        Ok(())
    }

    /// The latest the pinging side can notice a link that fell silent: a PING was sent just
    /// before, and its timeout runs a full interval later than the one before.
    pub fn noticed_by(&self) -> Duration {
        self.interval + self.timeout
    }
}
// ANCHOR_END: heartbeats

/// How long an experiment watches for a break to be noticed: long enough for [`Heartbeats::LAB`]
/// (80 ms on the pinging side, 100 ms by TTL) several times over, so that "not noticed within
/// the window" without heartbeats stands beside "noticed well within it" with them.
pub const WINDOW: Duration = Duration::from_millis(300);

/// How soon a connecting socket tries again after a connection was lost (libzmq's default is
/// 100 ms): short, so that a reconnection takes little of the experiment's time.
pub const RECONNECT: Duration = Duration::from_millis(20);

/// A socket of `kind` from `lab`, with `heartbeats` if any, that reconnects every [`RECONNECT`].
pub fn socket(
    lab: &Lab,
    kind: zmq::SocketType,
    heartbeats: Option<Heartbeats>,
) -> Result<zmq::Socket> {
    let socket = lab.socket(kind)?;
    socket.set_reconnect_ivl(lab::millis(RECONNECT))?;
    if let Some(heartbeats) = heartbeats {
        heartbeats.apply(&socket)?;
    }
    Ok(socket)
}

/// How long after `since` the watched socket reported `event` for the `nth` time in all, if it
/// did before `deadline`.
pub fn when(
    watched: &mut Watched,
    event: zmq::SocketEvent,
    nth: usize,
    since: Instant,
    deadline: Instant,
) -> Result<Option<Duration>> {
    let left = deadline.saturating_duration_since(Instant::now());
    match watched.wait_for(event, nth, left) {
        Ok(()) => Ok(Some(since.elapsed())),
        // The wait gives up with an error at its deadline (by libzmq's coarse clock, which may
        // end it a little early): that is the answer "not within".
        Err(_) if Instant::now() + lab::CLOCK_SLACK >= deadline => Ok(None),
        Err(error) => Err(error),
    }
}

/// [`when`] for two sockets at once, each on its own thread so that each time is its own.
pub fn when_both(
    (first, first_nth): (&mut Watched, usize),
    (second, second_nth): (&mut Watched, usize),
    event: zmq::SocketEvent,
    since: Instant,
    deadline: Instant,
) -> Result<(Option<Duration>, Option<Duration>)> {
    thread::scope(|scope| {
        let other = scope.spawn(move || when(second, event, second_nth, since, deadline));
        let mine = when(first, event, first_nth, since, deadline);
        let other = other
            .join()
            .map_err(|_| anyhow::anyhow!("a monitor thread panicked"))?;
        Ok((mine?, other?))
    })
}

/// Closes a watched socket in the middle of an experiment, when its context lives on.
///
/// libzmq closes a socket in the background, and a socket that is still busy (reconnecting,
/// say) may report one more event meanwhile; if the PAIR that reads its monitor is already
/// closed, that report blocks the context's I/O thread for good, and every later connection
/// in the context stalls. Pointing the monitor at a fresh address with no events first stops
/// the reports at once: libzmq swaps monitors under the same lock it reports under.
pub fn close_quietly(watched: Watched) -> Result<()> {
    let nowhere = format!("inproc://closed-{}-{}", std::process::id(), quiet_number());
    watched.socket.monitor(&nowhere, 0)?;
    drop(watched);
    Ok(())
}

fn quiet_number() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The number a numbered message carries (`usize::MAX` for anything else).
pub fn number(message: &[u8]) -> usize {
    lab::text(message).parse().unwrap_or(usize::MAX)
}

/// The numbers in `0..sent` that are not in `arrived`.
pub fn missing(sent: usize, arrived: &[usize]) -> Vec<usize> {
    (0..sent).filter(|n| !arrived.contains(n)).collect()
}
