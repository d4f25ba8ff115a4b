//! When the network fails: a silent link (a [`Relay`](crate::lab::relay::Relay) that is
//! cut), a reset, and a crashed process, each without and with ZMTP heartbeats, timed
//! with monitor events. Each experiment returns what it saw; the claims it extends (PL5,
//! PS5, PS7, RR4, RR6) read their verdicts from it.
//!
//! # What libzmq 4.3.4 does with heartbeats
//!
//! From its source (`src/stream_engine_base.cpp`, `src/zmtp_engine.cpp`,
//! `src/options.cpp`) and ZMTP 3.1 (RFC 37), which these experiments rely on:
//!
//! - A socket with `ZMQ_HEARTBEAT_IVL` sends a PING on each of its connections every
//!   interval, from the end of the handshake on, whether or not messages flow.
//! - Sending a PING arms a timer of `ZMQ_HEARTBEAT_TIMEOUT` (the interval if unset),
//!   unless one is armed already. *Anything* that arrives on the connection disarms it: a
//!   PONG, a PING of the peer's own, a message. If it fires, the connection is closed
//!   (the monitor says DISCONNECTED) and, on the connecting side, made again. So the
//!   pinging side notices a silent link between TIMEOUT − IVL and TIMEOUT + IVL after it
//!   fell silent.
//! - A PING carries `ZMQ_HEARTBEAT_TTL` in tenths of a second (libzmq rounds the option
//!   down: under 100 ms is no TTL at all). The peer needs no option of its own: each PING
//!   it receives arms a timer of that length, which anything arriving disarms; if it
//!   fires, the peer closes the connection too. Every PING is answered with a PONG.
//! - Heartbeats start after the handshake: a connection stuck in its handshake is timed
//!   out by `ZMQ_HANDSHAKE_IVL` (30 s by default) instead.
//!
//! So the side that must notice sets the interval and timeout. The TTL is a weaker guard
//! than it looks: its timer is armed by a PING and disarmed by *any* frame after it, and
//! only the next PING arms it again. A peer whose last frame before the silence was a
//! message, not a PING (or that had no PING yet: the first comes an interval after the
//! handshake), never times out. The experiments therefore set heartbeats on both ends of
//! the failing link, and [`push::puller_cut_for_good_pinged_by_the_push_alone`] measures
//! the TTL alone.
//!
//! On a loaded machine heartbeats can also drop a healthy connection: see [`Disturbed`].

use std::thread;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::lab::{self, Lab, Watched, BOUND};

pub mod crash;
pub mod dead_host;
pub mod judges;
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
    /// Small enough that an experiment notices a dead link in well under a second, and
    /// large enough that a loaded machine rarely stalls the I/O thread for longer than
    /// the timeout (see [`Disturbed`]).
    pub const LAB: Heartbeats = Heartbeats {
        interval: Duration::from_millis(20),
        timeout: Duration::from_millis(100),
        ttl: Duration::from_millis(200),
    };

    pub fn apply(&self, socket: &zmq::Socket) -> Result<()> {
        socket.set_heartbeat_ivl(lab::millis(self.interval))?;
        socket.set_heartbeat_timeout(lab::millis(self.timeout))?;
        socket.set_heartbeat_ttl(lab::millis(self.ttl))?;
        Ok(())
    }

    /// The latest the pinging side can notice a link that fell silent: a PING was sent
    /// just before, and its timeout runs a full interval later than the one before.
    pub fn noticed_by(&self) -> Duration {
        self.interval + self.timeout
    }
}
// ANCHOR_END: heartbeats

/// How long an experiment watches for a break that nothing may notice: two and a half
/// times what [`Heartbeats::LAB`] takes at most (120 ms), so that "not noticed within the
/// window" without heartbeats stands beside "noticed well within it" with them.
pub const WINDOW: Duration = Duration::from_millis(300);

// ANCHOR: reconnect
/// How soon a connecting socket tries again after a connection was lost (libzmq's
/// default is 100 ms): short, so that a reconnection takes little of the experiment's
/// time. libzmq adds a random part of up to as much again (`get_new_reconnect_ivl` in
/// `stream_connecter_base.cpp`): a retry comes 20–40 ms after the loss.
pub const RECONNECT: Duration = Duration::from_millis(20);

/// A socket of `kind` from `lab`, with `heartbeats` if any, that reconnects every
/// [`RECONNECT`].
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
// ANCHOR_END: reconnect

// ---------------------------------------------------------------- runs a stall disturbed

/// A run that says nothing about the link, because the machine stalled.
///
/// libzmq's I/O thread runs its timers before it reads what arrived while it waited for
/// the CPU. A machine so loaded that the thread waits longer than a heartbeat timeout
/// drops a healthy connection (the monitor says DISCONNECTED where no link failed), and a
/// stall after a cut delays the heartbeats' verdict past the window. Both are real (set
/// heartbeats longer than the stalls of your machine), but they are not what an
/// experiment measures: a run that shows either is run again, at most [`ATTEMPTS`] times,
/// and the count is part of the result.
#[derive(Debug)]
pub struct Disturbed(pub String);

impl std::fmt::Display for Disturbed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a stall of the machine disturbed the run: {}", self.0)
    }
}

impl std::error::Error for Disturbed {}

/// How many times an experiment is tried before a disturbance counts as a failure.
pub const ATTEMPTS: usize = 3;

/// Runs `attempt` until a run is not [`Disturbed`] (at most [`ATTEMPTS`] times); returns
/// its outcome and how many disturbed runs were repeated.
pub fn undisturbed<T>(mut attempt: impl FnMut() -> Result<T>) -> Result<(T, usize)> {
    let mut repeated = 0;
    loop {
        match attempt() {
            Err(error) if error.is::<Disturbed>() && repeated + 1 < ATTEMPTS => {
                repeated += 1
            }
            outcome => return outcome.map(|outcome| (outcome, repeated)),
        }
    }
}

/// The outcome of a run, unless a socket's monitor reported more lost connections than
/// the run can cause (`at_most` for each): then the run was [`Disturbed`], whatever it
/// returned. A run that failed while a connection was lost is taken for disturbed too: the
/// loss the run may cause can also have come before the run caused it (a stall in the
/// control phase, before the cut), and lost what the control waited for. Either way the run
/// is repeated, and a failure that is the world's comes back each time.
pub fn settle<T>(
    outcome: Result<T>,
    watched: &mut [(&str, &mut Watched, usize)],
) -> Result<T> {
    for (name, socket, at_most) in watched.iter_mut() {
        let lost = socket
            .events()?
            .iter()
            .filter(|e| **e == zmq::SocketEvent::DISCONNECTED)
            .count();
        let failed = match &outcome {
            Err(error) if lost > 0 => Some(format!("{error:#}")),
            _ => None,
        };
        if lost > *at_most || failed.is_some() {
            return Err(Disturbed(format!(
                "the {name} lost {lost} connections, where only {at_most} could fail{}",
                failed
                    .map(|f| format!(", and the run failed: {f}"))
                    .unwrap_or_default()
            ))
            .into());
        }
    }
    outcome
}

/// Until when to watch a socket for the loss of its connection: one with heartbeats of
/// its own must notice, and is waited for on evidence (up to [`BOUND`]); one without is
/// watched for [`WINDOW`].
pub fn watch_until(since: Instant, own: Option<Heartbeats>) -> Instant {
    since
        + match own {
            Some(_) => BOUND,
            None => WINDOW,
        }
}

/// Heartbeats that noticed later than [`WINDOW`] did not show what the window claims: the
/// machine stalled (see [`Disturbed`]).
pub fn in_time(name: &str, noticed: Option<Duration>) -> Result<()> {
    match noticed {
        Some(took) if took > WINDOW => Err(Disturbed(format!(
            "the {name} noticed only after {took:?}, later than the {WINDOW:?} window"
        ))
        .into()),
        _ => Ok(()),
    }
}

/// How long after `since` the watched socket reported `event` for the `nth` time in all,
/// if it did before `deadline`: the time its monitor logged (see [`logged`]), so an event
/// that came before `since` is no answer.
pub fn when(
    watched: &mut Watched,
    event: zmq::SocketEvent,
    nth: usize,
    since: Instant,
    deadline: Instant,
) -> Result<Option<Duration>> {
    let left = deadline.saturating_duration_since(Instant::now());
    let waited = watched.wait_for(event, nth, left);
    match happened(waited, deadline, Instant::now())? {
        true => logged(watched, event, nth, since),
        false => Ok(None),
    }
}

/// What a wait for an event that ended at `now` says: it happened (`true`), or it did not
/// within its deadline (`false`). The wait gives up with an error at its deadline (by
/// libzmq's coarse clock, which may end it a little early): that is the answer "not
/// within". An error well before the deadline is no answer at all, and is passed on: a
/// broken wait must not read as "never noticed".
pub fn happened(waited: Result<()>, deadline: Instant, now: Instant) -> Result<bool> {
    match waited {
        Ok(()) => Ok(true),
        Err(_) if now + lab::CLOCK_SLACK >= deadline => Ok(false),
        Err(error) => Err(error),
    }
}

/// How long after `since` the watched socket's own monitor logged `event` for the `nth`
/// time in all, as read by now; `None` if it has not, or did so before `since`. A time an
/// experiment reports for a socket must be this one: it came from that socket's monitor.
pub fn logged(
    watched: &mut Watched,
    event: zmq::SocketEvent,
    nth: usize,
    since: Instant,
) -> Result<Option<Duration>> {
    let at = watched.read_at(event, nth)?;
    Ok(at.and_then(|at| at.checked_duration_since(since)))
}

/// When each of two watched sockets lost its first connection (DISCONNECTED), each
/// watched on its own thread so that each time is its own, until its own deadline.
pub fn when_both_lost(
    (first, first_deadline): (&mut Watched, Instant),
    (second, second_deadline): (&mut Watched, Instant),
    since: Instant,
) -> Result<(Option<Duration>, Option<Duration>)> {
    let lost = zmq::SocketEvent::DISCONNECTED;
    thread::scope(|scope| {
        let other = scope.spawn(move || when(second, lost, 1, since, second_deadline));
        let mine = when(first, lost, 1, since, first_deadline);
        let other = other
            .join()
            .map_err(|_| anyhow::anyhow!("a monitor thread panicked"))?;
        Ok((mine?, other?))
    })
}

impl Heartbeats {
    /// The heartbeats `socket` has, read back from it: `None` when all three options are
    /// libzmq's defaults (no PING, no timeout of its own, no TTL). A timeout left unset is
    /// the interval, as libzmq uses it.
    pub fn of(socket: &zmq::Socket) -> Result<Option<Heartbeats>> {
        let interval = socket.get_heartbeat_ivl()?;
        let timeout = socket.get_heartbeat_timeout()?;
        let ttl = socket.get_heartbeat_ttl()?;
        if (interval, timeout, ttl) == (0, -1, 0) {
            return Ok(None);
        }
        let ms = |value: i32| Duration::from_millis(u64::try_from(value).unwrap_or(0));
        Ok(Some(Heartbeats {
            interval: ms(interval),
            timeout: ms(if timeout < 0 { interval } else { timeout }),
            ttl: ms(ttl),
        }))
    }

    /// The settings in words, for the evidence: "interval 20 ms, timeout 100 ms, TTL
    /// 200 ms", or "none".
    pub fn named(heartbeats: Option<Heartbeats>) -> String {
        match heartbeats {
            Some(h) => crate::tr!(
                "net-heartbeats-named",
                interval = h.interval.as_millis(),
                timeout = h.timeout.as_millis(),
                ttl = h.ttl.as_millis()
            ),
            None => crate::tr!("rr2-none"),
        }
    }
}

// ---------------------------------------------------------------- the set-up, proven

/// One end of a link that fails, as read back from its socket and its own monitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct End {
    /// The endpoint its socket reports: the one it bound, or the one it connected to.
    pub endpoint: String,
    /// The handshakes its monitor had logged before the break: the peers it had.
    pub connected: usize,
    /// Its heartbeats, read back from the socket.
    pub heartbeats: Option<Heartbeats>,
    /// Its reconnect interval in milliseconds, read back from the socket ([`RECONNECT`]).
    pub reconnect_ivl: i32,
    /// Its first lost connection, from the break on, as its own monitor logged it by the
    /// end of the run (see [`logged`]).
    pub lost: Option<Duration>,
}

impl End {
    /// The end as it stands before the break; [`End::lost_since`] reads its loss later.
    pub fn read(watched: &mut Watched) -> Result<End> {
        Ok(End {
            endpoint: lab::last_endpoint(&watched.socket)?,
            connected: watched.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?,
            heartbeats: Heartbeats::of(&watched.socket)?,
            reconnect_ivl: watched.socket.get_reconnect_ivl()?,
            lost: None,
        })
    }

    /// Reads, from the end's own monitor, when it first lost its connection after `since`.
    pub fn lost_since(&mut self, watched: &mut Watched, since: Instant) -> Result<()> {
        self.lost = logged(watched, zmq::SocketEvent::DISCONNECTED, 1, since)?;
        Ok(())
    }
}

/// What a run across the relay proves of the world it made: which end is behind the
/// relay, the peers and the heartbeats each end had, that the cut link carried nothing,
/// and how long the break was watched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The end that bound, which the near peers reach directly.
    pub bound: End,
    /// The end behind the relay.
    pub far: End,
    /// The relay's endpoint.
    pub relay: String,
    /// Bytes the relay carried, both ways, while the link was cut.
    pub carried_while_cut: u64,
    /// How long the break was to be watched for where nothing may notice it.
    pub window: Duration,
    /// How long it was watched, measured: from the cut until every watch had ended.
    pub watched: Duration,
}

impl Link {
    /// Both ends as they stand before the break (see [`End::read`]).
    pub fn read(bound: &mut Watched, far: &mut Watched, relay: &str) -> Result<Link> {
        Ok(Link {
            bound: End::read(bound)?,
            far: End::read(far)?,
            relay: relay.to_string(),
            carried_while_cut: 0,
            window: WINDOW,
            watched: Duration::ZERO,
        })
    }

    /// Records how long the break was watched. Where neither end
    /// has heartbeats, nothing can end the watch before its window: a watch that overran
    /// it by more than [`gave_up_at`](lab::gave_up_at) allows was held up by a stall of the
    /// machine, and says nothing about the link (see [`Disturbed`]).
    pub fn watched_for(&mut self, watched: Duration) -> Result<()> {
        self.watched = watched;
        let silent = self.bound.heartbeats.is_none() && self.far.heartbeats.is_none();
        if silent && self.watched > 2 * self.window + lab::LATE_SLACK {
            return Err(Disturbed(format!(
                "the break was watched for {:?}, where the window is {:?}",
                self.watched, self.window
            ))
            .into());
        }
        Ok(())
    }
}

/// The number a numbered message carries (`usize::MAX` for anything else).
pub fn number(message: &[u8]) -> usize {
    lab::text(message).parse().unwrap_or(usize::MAX)
}

/// The numbers in `0..sent` that are not in `arrived`.
pub fn missing(sent: usize, arrived: &[usize]) -> Vec<usize> {
    (0..sent).filter(|n| !arrived.contains(n)).collect()
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: heartbeats on each end of a connection that may fail silently (a
/// dead host, a cut cable). Set them before `bind` or `connect`.
pub fn with_heartbeats(
    socket: &zmq::Socket,
    interval_ms: i32,
    timeout_ms: i32,
) -> zmq::Result<()> {
    socket.set_heartbeat_ivl(interval_ms)?; // a PING to each peer this often
    socket.set_heartbeat_timeout(timeout_ms)?; // and no word from it this long: drop it
    socket.set_heartbeat_ttl(timeout_ms)?; // the peer is asked to do the same
    Ok(())
}
// ANCHOR_END: own
