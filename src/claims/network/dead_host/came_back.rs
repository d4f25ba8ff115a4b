//! A host that comes back empty: who notices, and when the new socket is reached.

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use super::*;
use crate::claims::network::{socket, Heartbeats};
use crate::claims::{ms, Finding};
use crate::lab;
use crate::lab::hosts::Host;

/// How long [`came_back_empty`] watches after the heal.
pub const BACK_WINDOW: Duration = Duration::from_secs(3);

/// A host that died and came back without its connections, as its peer saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameBack {
    pub across: Across,
    pub placed: Placed,
    pub heartbeats: [Option<Heartbeats>; 2],
    pub cut: Cut,
    /// Whether A's new socket bound the very endpoint the old one had.
    pub same_endpoint: bool,
    /// How many connections A's kernel forgot (across hosts; none across the relay).
    pub forgotten: usize,
    /// How long after the heal B's monitor said the old connection was lost, if it did
    /// within [`BACK_WINDOW`].
    pub noticed: Option<Duration>,
    /// How long after the heal the first message of A's new socket arrived, if one did.
    pub flowed_again: Option<Duration>,
    pub watched: Duration,
}

/// Host A (a PUSH, bound) and host B (a PULL, connected, idle: it only receives). A
/// partition falls; meanwhile A's socket is closed, A's kernel forgets its connections (as
/// a host that restarted has none), and a new socket binds the same endpoint, as the
/// restarted host's program would; then the link heals. A's kernel answers anything of the old connection with a reset — but only
/// if B sends something. Across the relay, the relay's kernel saw the old socket close,
/// and passes that on once the link is back.
pub fn came_back_empty(
    across: Across,
    heartbeats: Option<Heartbeats>,
) -> Result<CameBack> {
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
    a.watched.socket.send(&b"first"[..], 0)?;
    ensure!(
        lab::recv_within(&b.watched.socket, lab::BOUND)?.is_some(),
        "the first message did not arrive"
    );
    world.partition()?;
    let End {
        lab: a_lab,
        watched,
        ..
    } = a;
    let endpoint = placed.endpoint.clone();
    // The old socket goes (its close is dropped by the partition), the new one binds the
    // same endpoint: on a thread in A's namespace, where a bind must be made.
    watched.leave(&endpoint)?;
    let forgotten = match &world.hosts {
        Some(hosts) => hosts.forget_connections(Host::A)?,
        None => 0,
    };
    let (pusher, bound) = world.on(Host::A, || {
        let pusher = socket(&a_lab, zmq::PUSH, heartbeats[0])?;
        lab::bind_at(&pusher, &endpoint)?;
        let bound = lab::last_endpoint(&pusher)?;
        Ok((pusher, bound))
    })?;
    world.await_a_drop(|| Ok(()))?;
    let (cut, healed_at) = world.heal()?;
    let deadline = healed_at + BACK_WINDOW;
    let (mut noticed, mut flowed_again) = (None, None);
    while Instant::now() < deadline && flowed_again.is_none() {
        match pusher.send(&b"new"[..], zmq::DONTWAIT) {
            Ok(()) | Err(zmq::Error::EAGAIN) => {}
            Err(other) => return Err(other.into()),
        }
        let wait = TICK.min(deadline.saturating_duration_since(Instant::now()));
        if let Some(message) = lab::recv_within(&b.watched.socket, wait)? {
            ensure!(message == b"new", "B received {:?}", lab::show(&message));
            flowed_again = Some(healed_at.elapsed());
        }
        if noticed.is_none() && b.watched.seen(zmq::SocketEvent::DISCONNECTED)? > 0 {
            noticed = b
                .watched
                .read_at(zmq::SocketEvent::DISCONNECTED, 1)?
                .map(|at| at.saturating_duration_since(healed_at));
        }
    }
    Ok(CameBack {
        across,
        placed,
        heartbeats,
        cut,
        same_endpoint: bound == endpoint,
        forgotten,
        noticed,
        flowed_again,
        watched: healed_at.elapsed(),
    })
}

/// The verdict on a host that came back empty: with heartbeats B's next PING meets the
/// reset, and B connects to the new socket; without them an idle B sends nothing, learns
/// nothing, and nothing flows — across hosts. Across the relay the old socket's close
/// reached the relay's kernel, which passes it on: B notices, heartbeats or not.
pub fn came_back(asked: Option<Heartbeats>, run: &CameBack) -> Finding {
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
        run.same_endpoint,
        "the new socket bound the old one's endpoint",
    );
    if run.across == Across::Hosts {
        finding.set_up(
            run.forgotten > 0,
            format!("host A's kernel forgot {} connections", run.forgotten),
        );
    }
    finding.set_up(
        run.flowed_again.is_some() || run.watched >= BACK_WINDOW,
        format!("watched for {}", ms(run.watched)),
    );
    let expected = asked.is_some() || run.across == Across::Relay;
    let show = |d: Option<Duration>| d.map_or_else(|| "never".to_string(), ms);
    finding.observe(
        run.noticed.is_some() == expected && run.flowed_again.is_some() == expected,
        format!(
            "across the {}, heartbeats {}: the old connection lost {}, the new socket's first message {}",
            run.across,
            if asked.is_some() { "on" } else { "off" },
            show(run.noticed),
            show(run.flowed_again),
        ),
    );
    finding
}
