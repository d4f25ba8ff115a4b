//! A real dead host: the same experiments across two network namespaces joined by a veth
//! pair ([`Hosts`]), with the kernel dropping the packets, and across the lab's relay, side
//! by side. Across the relay both ends still talk to a live kernel, the relay's, so TCP's
//! own timers never fire; across the hosts nothing answers, and they do.
//!
//! - [`partition_healed`]: a stream through a partition that heals after a while; when the
//!   first message flows again, and what is lost, without and with ZMTP heartbeats.
//! - [`came_back_empty`]: a host whose program restarts, its kernel's connections
//!   forgotten, while its peer cannot reach it; who notices once the link heals.
//! - [`dead_peer_noticed`]: a host that dies while its peer is idle or sending; whether
//!   and when the peer notices, by TCP keepalive, by the TCP user timeout
//!   (`ZMQ_TCP_MAXRT`), or by ZMTP heartbeats.
//! - [`lossy_stream`]: a link that loses 1, 10 or 30 % of its packets; exactly once and in
//!   order still, at what cost in latency, and what heartbeats with a tight timeout do.
//! - [`slow_joiner`]: the slow joiner across a slow link (tbf) and on loopback.
//!
//! Each run returns the evidence of its set-up (each host's sockets made on a thread in its
//! namespace, its address bound there and absent outside, the options read back, the
//! kernel's count of what the rule dropped), and its judge refuses a run without it.

use std::net::TcpListener;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Result};

use super::{socket, Heartbeats};
use crate::claims::Finding;
use crate::lab::hosts::{self, Counted, Fault, Host, Hosts};
use crate::lab::relay::Relay;
use crate::lab::{self, Lab, Watched};

mod came_back;
mod dead_peer;
mod figures;
mod healed;
mod joiner;
mod lossy;

pub use came_back::*;
pub use dead_peer::*;
pub use figures::*;
pub use healed::*;
pub use joiner::*;
pub use lossy::*;

/// Where the experiment's two ends talk: through the lab's relay on loopback, or between
/// two hosts in network namespaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Across {
    Relay,
    Hosts,
}

impl std::fmt::Display for Across {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Across::Relay => "relay",
            Across::Hosts => "hosts",
        })
    }
}

/// Where the sockets were, proven: the endpoint host A's socket bound, whether each host's
/// sockets were made on a thread in that host's namespace, and whether A's address is
/// absent from the machine's own namespace (so that only a socket inside could bind it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub endpoint: String,
    pub in_namespaces: bool,
    pub absent_outside: bool,
}

/// What the fault did while it was in place: across the hosts, the packets the kernel's
/// rule dropped (read from its counter); across the relay, the bytes it carried while cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    Dropped(Counted),
    Carried(u64),
    /// No fault at all: the relay's run of a lossy link, which it cannot make lossy.
    Lossless,
}

impl Cut {
    /// Whether the fault was really in place: packets were dropped, or the relay carried
    /// nothing.
    pub fn proven(&self) -> bool {
        match self {
            Cut::Dropped(counted) => counted.packets > 0,
            Cut::Carried(bytes) => *bytes == 0,
            Cut::Lossless => false,
        }
    }

    pub fn named(&self) -> String {
        match self {
            Cut::Dropped(c) => format!("the rule dropped {} packets", c.packets),
            Cut::Carried(bytes) => format!("the relay carried {bytes} bytes while cut"),
            Cut::Lossless => "no fault".into(),
        }
    }
}

/// The world of one run: the hosts or the relay, and the faults applied to it.
struct World {
    across: Across,
    hosts: Option<Hosts>,
    relay: Option<Relay>,
    carried_at_cut: u64,
}

impl World {
    fn new(across: Across) -> Result<World> {
        Ok(World {
            across,
            hosts: match across {
                Across::Hosts => Some(Hosts::new()?),
                Across::Relay => None,
            },
            relay: None,
            carried_at_cut: 0,
        })
    }

    /// Runs `body` on a thread of `host`'s (its namespace entered first, across hosts).
    fn on<T: Send>(
        &self,
        host: Host,
        body: impl FnOnce() -> Result<T> + Send,
    ) -> Result<T> {
        thread::scope(|scope| {
            scope
                .spawn(|| {
                    if let Some(hosts) = &self.hosts {
                        hosts.enter(host)?;
                    }
                    body()
                })
                .join()
                .map_err(|_| anyhow!("a host's thread panicked"))?
        })
    }

    /// Whether the calling thread is in `host`'s namespace (across the relay, there is
    /// none to be in: true).
    fn here(&self, host: Host) -> Result<bool> {
        match &self.hosts {
            Some(hosts) => {
                Ok(hosts::this_threads_namespace()? == hosts.namespace_id(host)?)
            }
            None => Ok(true),
        }
    }

    /// Where host A binds.
    fn bind_at(&self) -> String {
        match self.across {
            Across::Hosts => format!("tcp://{}:*", Hosts::address(Host::A)),
            Across::Relay => "tcp://127.0.0.1:*".into(),
        }
    }

    /// Where host B connects to reach `bound`: straight there, or through a relay.
    fn route(&mut self, bound: &str) -> Result<String> {
        match self.across {
            Across::Hosts => Ok(bound.to_string()),
            Across::Relay => {
                let relay = Relay::start(bound)?;
                let endpoint = relay.endpoint();
                self.relay = Some(relay);
                Ok(endpoint)
            }
        }
    }

    /// Cuts the link; returns when it fell silent.
    fn partition(&mut self) -> Result<Instant> {
        match (&self.hosts, &self.relay) {
            (Some(hosts), _) => hosts.apply_timed(Fault::Partition),
            (None, Some(relay)) => {
                relay.cut()?;
                let at = Instant::now();
                self.carried_at_cut = relay.carried();
                Ok(at)
            }
            (None, None) => bail!("no link to cut"),
        }
    }

    /// Heals the link; what the fault did, and when the link carried again.
    fn heal(&mut self) -> Result<(Cut, Instant)> {
        match (&self.hosts, &self.relay) {
            (Some(hosts), _) => {
                let (counted, at) = hosts.heal_timed()?;
                Ok((Cut::Dropped(counted), at))
            }
            (None, Some(relay)) => {
                let carried = relay.carried() - self.carried_at_cut;
                relay.restore();
                Ok((Cut::Carried(carried), Instant::now()))
            }
            (None, None) => bail!("no link to heal"),
        }
    }

    /// Waits until the partition has dropped a packet (across hosts; the relay counts
    /// nothing): an idle link sends nothing, so the run sends one message through it at the
    /// end, after its watch, to prove the rule was in place.
    fn await_a_drop(&self, probe: impl FnOnce() -> Result<()>) -> Result<()> {
        let Some(hosts) = &self.hosts else {
            return Ok(());
        };
        probe()?;
        let deadline = Instant::now() + lab::BOUND;
        while hosts.counted()?.packets == 0 {
            ensure!(
                Instant::now() < deadline,
                "the partition dropped nothing within {:?}",
                lab::BOUND
            );
        }
        Ok(())
    }

    /// Whether host A's address is absent from the machine's own namespace: a bind there,
    /// from this thread (which entered none), is refused.
    fn absent_outside(&self) -> bool {
        match self.across {
            Across::Hosts => TcpListener::bind((Hosts::address(Host::A), 0)).is_err(),
            // Loopback is everywhere: nothing to prove, and the judge asks nothing.
            Across::Relay => false,
        }
    }
}

/// One end of the experiment: its lab (whose context's I/O threads live where its first
/// socket was made) and its socket, watched.
struct End {
    lab: Lab,
    watched: Watched,
    in_namespace: bool,
}

/// Host A binds a socket of `a_kind`, host B connects one of `b_kind`, each made by
/// `socket` with its heartbeats and then `tune`d; returns both ends once B's monitor saw
/// the handshake.
fn ends(
    world: &mut World,
    a: (zmq::SocketType, Option<Heartbeats>),
    b: (zmq::SocketType, Option<Heartbeats>),
    tune: impl Fn(&mut zmq::Socket) -> Result<()> + Sync,
) -> Result<(End, End, Placed)> {
    let (a, mut b, placed) = ends_connecting(world, a, b, tune)?;
    b.watched.wait_handshakes(1)?;
    Ok((a, b, placed))
}

/// As [`ends`], returning as soon as B's `connect` has: the handshake is under way.
fn ends_connecting(
    world: &mut World,
    (a_kind, a_heartbeats): (zmq::SocketType, Option<Heartbeats>),
    (b_kind, b_heartbeats): (zmq::SocketType, Option<Heartbeats>),
    tune: impl Fn(&mut zmq::Socket) -> Result<()> + Sync,
) -> Result<(End, End, Placed)> {
    let bind_at = world.bind_at();
    let (a, bound) = world.on(Host::A, || {
        let lab = Lab::new()?;
        let mut socket = socket(&lab, a_kind, a_heartbeats)?;
        tune(&mut socket)?;
        socket.bind(&bind_at)?;
        let bound = lab::last_endpoint(&socket)?;
        let in_namespace = world.here(Host::A)?;
        let watched = lab.watch(socket)?;
        Ok((
            End {
                lab,
                watched,
                in_namespace,
            },
            bound,
        ))
    })?;
    let route = world.route(&bound)?;
    let world_ref = &*world;
    let b = world_ref.on(Host::B, || {
        let lab = Lab::new()?;
        let mut socket = socket(&lab, b_kind, b_heartbeats)?;
        tune(&mut socket)?;
        let in_namespace = world_ref.here(Host::B)?;
        let watched = lab.watch(socket)?;
        watched.socket.connect(&route)?;
        Ok(End {
            lab,
            watched,
            in_namespace,
        })
    })?;
    let placed = Placed {
        endpoint: bound,
        in_namespaces: a.in_namespace && b.in_namespace,
        absent_outside: world.absent_outside(),
    };
    Ok((a, b, placed))
}

/// How often host A sends a numbered message in [`partition_healed`].
pub const TICK: Duration = Duration::from_millis(20);

/// The set-up a run must prove: both ends where they were meant to be, the fault really in
/// place (`cut`, unless the judge proves it its own way), the heartbeats read back as asked.
fn proven(
    finding: &mut Finding,
    across: Across,
    placed: &Placed,
    cut: Option<&Cut>,
    heartbeats_read: &[Option<Heartbeats>],
    heartbeats_asked: Option<Heartbeats>,
) {
    let host_a = format!("tcp://{}:", Hosts::address(Host::A));
    match across {
        Across::Hosts => {
            finding.set_up(
                placed.endpoint.starts_with(&host_a),
                format!("host A bound {}", placed.endpoint),
            );
            finding.set_up(
                placed.in_namespaces,
                "each host's sockets were made on a thread in its own namespace",
            );
            finding.set_up(
                placed.absent_outside,
                format!("{} exists only inside host A", Hosts::address(Host::A)),
            );
            if let Some(cut) = cut {
                finding
                    .set_up(matches!(cut, Cut::Dropped(_)) && cut.proven(), cut.named());
            }
        }
        Across::Relay => {
            finding.set_up(
                placed.endpoint.starts_with("tcp://127.0.0.1:"),
                format!("A bound {}, behind a relay", placed.endpoint),
            );
            if let Some(cut) = cut {
                finding
                    .set_up(matches!(cut, Cut::Carried(_)) && cut.proven(), cut.named());
            }
        }
    }
    finding.set_up(
        heartbeats_read.iter().all(|read| *read == heartbeats_asked),
        format!(
            "heartbeats read back: {}",
            heartbeats_read
                .iter()
                .map(|h| Heartbeats::named(*h))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    );
}
