//! A real dead host: the same experiments across two network namespaces joined by a veth
//! pair ([`Hosts`]), with the kernel dropping the packets, and across the lab's relay, side
//! by side. Across the relay both ends still talk to a live kernel, the relay's, so TCP's
//! own timers never fire; across the hosts nothing answers, and they do.
//!
//! - [`partition_healed`]: a stream through a partition that heals after a while; when the
//!   first message flows again, and what is lost, without and with ZMTP heartbeats.
//! - [`dead_peer_noticed`]: a host that dies while its peer is idle or sending; whether
//!   and when the peer notices, by TCP keepalive, by the TCP user timeout
//!   (`ZMQ_TCP_MAXRT`), or by ZMTP heartbeats.
//!
//! Each run returns the evidence of its set-up (each host's sockets made on a thread in its
//! namespace, its address bound there and absent outside, the options read back, the
//! kernel's count of what the rule dropped), and its judge refuses a run without it.

use std::net::TcpListener;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Result};

use super::{number, socket, Heartbeats};
use crate::claims::{ms, Finding};
use crate::lab::hosts::{self, Counted, Fault, Host, Hosts};
use crate::lab::relay::Relay;
use crate::lab::{self, Lab, Watched};

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
}

impl Cut {
    /// Whether the fault was really in place: packets were dropped, or the relay carried
    /// nothing.
    pub fn proven(&self) -> bool {
        match self {
            Cut::Dropped(counted) => counted.packets > 0,
            Cut::Carried(bytes) => *bytes == 0,
        }
    }

    pub fn named(&self) -> String {
        match self {
            Cut::Dropped(c) => format!("the rule dropped {} packets", c.packets),
            Cut::Carried(bytes) => format!("the relay carried {bytes} bytes while cut"),
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
    let mut b = world_ref.on(Host::B, || {
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
    b.watched.wait_handshakes(1)?;
    let placed = Placed {
        endpoint: bound,
        in_namespaces: a.in_namespace && b.in_namespace,
        absent_outside: world.absent_outside(),
    };
    Ok((a, b, placed))
}

// ---------------------------------------------------------------- a partition that heals

/// How often host A sends a numbered message in [`partition_healed`].
pub const TICK: Duration = Duration::from_millis(20);

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

/// The set-up a run must prove: both ends where they were meant to be, the fault really in
/// place, the heartbeats read back as asked.
fn proven(
    finding: &mut Finding,
    across: Across,
    placed: &Placed,
    cut: &Cut,
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
            finding.set_up(matches!(cut, Cut::Dropped(_)) && cut.proven(), cut.named());
        }
        Across::Relay => {
            finding.set_up(
                placed.endpoint.starts_with("tcp://127.0.0.1:"),
                format!("A bound {}, behind a relay", placed.endpoint),
            );
            finding.set_up(matches!(cut, Cut::Carried(_)) && cut.proven(), cut.named());
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

/// The verdict on a healed partition: without heartbeats the connection outlives it and
/// nothing is lost; with them, the connection is dropped and what was on its way is lost.
/// Across hosts the first message comes back only at TCP's next retry, after the heal.
pub fn healed(asked: Option<Heartbeats>, run: &Healed) -> Finding {
    let mut finding = Finding::new();
    proven(
        &mut finding,
        run.across,
        &run.placed,
        &run.cut,
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

// ---------------------------------------------------------------- a host that comes back empty

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
        &run.cut,
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

// ---------------------------------------------------------------- a dead peer, noticed or not

/// What a host uses to notice that its peer died.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// TCP keepalive (`ZMQ_TCP_KEEPALIVE` 1, `_IDLE` 1 s, `_INTVL` 1 s, `_CNT` 3).
    Keepalive,
    /// The TCP user timeout (`ZMQ_TCP_MAXRT`, 2 s): unacknowledged data for that long
    /// ends the connection.
    MaxRt,
    /// ZMTP heartbeats ([`Heartbeats::LAB`]).
    Heartbeats,
    /// The control, without ZeroMQ: a plain tcp socket with the kernel's keepalive set as
    /// [`KEEPALIVE`] says (SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT).
    PlainKeepalive,
}

impl Guard {
    pub const ALL: [Guard; 4] = [
        Guard::Keepalive,
        Guard::MaxRt,
        Guard::Heartbeats,
        Guard::PlainKeepalive,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Guard::Keepalive => "TCP keepalive",
            Guard::MaxRt => "ZMQ_TCP_MAXRT",
            Guard::Heartbeats => "ZMTP heartbeats",
            Guard::PlainKeepalive => "keepalive on a plain tcp socket",
        }
    }
}

/// The keepalive of [`Guard::Keepalive`]: 1 s idle, then 3 probes 1 s apart: a dead peer
/// is noticed about 4 s after the last thing it said.
pub const KEEPALIVE: Keepalive = Keepalive {
    on: 1,
    idle: 1,
    interval: 1,
    count: 3,
};

/// [`Guard::MaxRt`]'s user timeout, in milliseconds.
pub const MAXRT: i32 = 2000;

/// How long [`dead_peer_noticed`] watches: half again what keepalive should take.
pub const DEAD_WINDOW: Duration = Duration::from_secs(6);

/// The keepalive settings of a socket, as libzmq reads them back (seconds; -1 is the
/// system's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keepalive {
    pub on: i32,
    pub idle: i32,
    pub interval: i32,
    pub count: i32,
}

impl Keepalive {
    fn of(socket: &zmq::Socket) -> Result<Keepalive> {
        Ok(Keepalive {
            on: socket.get_tcp_keepalive()?,
            idle: socket.get_tcp_keepalive_idle()?,
            interval: socket.get_tcp_keepalive_intvl()?,
            count: socket.get_tcp_keepalive_cnt()?,
        })
    }

    fn apply(&self, socket: &zmq::Socket) -> Result<()> {
        socket.set_tcp_keepalive(self.on)?;
        socket.set_tcp_keepalive_idle(self.idle)?;
        socket.set_tcp_keepalive_intvl(self.interval)?;
        socket.set_tcp_keepalive_cnt(self.count)?;
        Ok(())
    }
}

/// The guards a socket has, read back from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guards {
    pub keepalive: Keepalive,
    pub maxrt: i32,
    pub heartbeats: Option<Heartbeats>,
}

impl Guards {
    fn of(socket: &mut zmq::Socket) -> Result<Guards> {
        Ok(Guards {
            keepalive: Keepalive::of(socket)?,
            maxrt: get_int_option(socket, ZMQ_TCP_MAXRT)?,
            heartbeats: Heartbeats::of(socket)?,
        })
    }

    /// Whether these are what `guard` sets, and nothing else.
    fn are(&self, guard: Guard) -> bool {
        let keepalive = self.keepalive == KEEPALIVE;
        let default_keepalive = self.keepalive.on == -1;
        match guard {
            Guard::Keepalive => keepalive && self.maxrt == 0 && self.heartbeats.is_none(),
            Guard::MaxRt => {
                default_keepalive && self.maxrt == MAXRT && self.heartbeats.is_none()
            }
            Guard::Heartbeats => {
                default_keepalive
                    && self.maxrt == 0
                    && self.heartbeats == Some(Heartbeats::LAB)
            }
            Guard::PlainKeepalive => {
                keepalive && self.maxrt == 0 && self.heartbeats.is_none()
            }
        }
    }

    pub fn named(&self) -> String {
        format!(
            "keepalive {}/{}/{}/{}, maxrt {} ms, heartbeats {}",
            self.keepalive.on,
            self.keepalive.idle,
            self.keepalive.interval,
            self.keepalive.count,
            self.maxrt,
            Heartbeats::named(self.heartbeats)
        )
    }
}

/// A host that died, as its peer saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadPeer {
    pub across: Across,
    pub guard: Guard,
    /// Whether B was sending while A was dead (data in flight), or idle.
    pub sending: bool,
    pub placed: Placed,
    /// The guards read back from B's socket.
    pub guards: Guards,
    /// Whether the kernel had a keepalive timer on B's connection before A died (read
    /// from `/proc/thread-self/net/tcp` in B's namespace): whether keepalive reached it.
    pub kernel_keepalive: bool,
    pub cut: Cut,
    /// How long after A died B's monitor said the connection was lost, if it did within
    /// [`DEAD_WINDOW`].
    pub noticed: Option<Duration>,
    /// How long B watched.
    pub watched: Duration,
}

/// Host B (a DEALER, connected, with `guard`) and host A (a DEALER, bound); A dies (a
/// partition that does not heal within the window), while B is idle or `sending` a message
/// every [`TICK`]. Does B notice, and when?
pub fn dead_peer_noticed(
    across: Across,
    guard: Guard,
    sending: bool,
) -> Result<DeadPeer> {
    if guard == Guard::PlainKeepalive {
        return plain_dead_peer(across, sending);
    }
    let mut world = World::new(across)?;
    let heartbeats = (guard == Guard::Heartbeats).then_some(Heartbeats::LAB);
    // DEALERs both: A answers the first message, and the answer carries the kernel's
    // acknowledgement of it to B. Without it, an acknowledgement held back (TCP delays
    // them) and dropped by the partition would leave B with data in flight, not idle.
    let (a, mut b, placed) = ends(
        &mut world,
        (zmq::DEALER, None),
        (zmq::DEALER, heartbeats),
        |socket| match guard {
            Guard::Keepalive => KEEPALIVE.apply(socket),
            Guard::MaxRt => set_int_option(socket, ZMQ_TCP_MAXRT, MAXRT),
            Guard::Heartbeats | Guard::PlainKeepalive => Ok(()),
        },
    )?;
    let guards = Guards::of(&mut b.watched.socket)?;
    // A message through first: the connection has carried data before A dies.
    b.watched.socket.send(&b"first"[..], 0)?;
    ensure!(
        lab::recv_within(&a.watched.socket, lab::BOUND)?.is_some(),
        "the first message did not arrive"
    );
    a.watched.socket.send(&b"answer"[..], 0)?;
    ensure!(
        lab::recv_within(&b.watched.socket, lab::BOUND)?.is_some(),
        "the answer did not arrive"
    );
    let remote = remote_port(&world, &placed)?;
    let kernel_keepalive = world.on(Host::B, || kernel_keepalive_to(remote))?;
    let died_at = world.partition()?;
    let deadline = died_at + DEAD_WINDOW;
    let mut noticed = None;
    while Instant::now() < deadline {
        if sending {
            match b.watched.socket.send(&b"more"[..], zmq::DONTWAIT) {
                Ok(()) | Err(zmq::Error::EAGAIN) => {}
                Err(other) => return Err(other.into()),
            }
        }
        let wait = TICK.min(deadline.saturating_duration_since(Instant::now()));
        match b.watched.wait_for(zmq::SocketEvent::DISCONNECTED, 1, wait) {
            Ok(()) => {
                noticed = b
                    .watched
                    .read_at(zmq::SocketEvent::DISCONNECTED, 1)?
                    .map(|at| at - died_at);
                break;
            }
            Err(_) if b.watched.seen(zmq::SocketEvent::DISCONNECTED)? == 0 => {}
            Err(other) => return Err(other),
        }
    }
    let watched = died_at.elapsed();
    world.await_a_drop(
        || match b.watched.socket.send(&b"probe"[..], zmq::DONTWAIT) {
            Ok(()) | Err(zmq::Error::EAGAIN) => Ok(()),
            Err(other) => Err(other.into()),
        },
    )?;
    let (cut, _) = world.heal()?;
    Ok(DeadPeer {
        across,
        guard,
        sending,
        placed,
        guards,
        kernel_keepalive,
        cut,
        noticed,
        watched,
    })
}

/// The port B's connection goes to: A's own, or the relay's.
fn remote_port(world: &World, placed: &Placed) -> Result<u16> {
    let endpoint = match &world.relay {
        Some(relay) => relay.endpoint(),
        None => placed.endpoint.clone(),
    };
    endpoint
        .rsplit(':')
        .next()
        .and_then(|port| port.parse().ok())
        .ok_or_else(|| anyhow!("no port in {endpoint}"))
}

/// Whether the calling thread's namespace has an established tcp connection to `port`
/// with a keepalive timer running (`/proc/net/tcp`: state 01, timer 2).
fn kernel_keepalive_to(port: u16) -> Result<bool> {
    let table = std::fs::read_to_string("/proc/thread-self/net/tcp")?;
    let mut found = None;
    for line in table.lines().skip(1) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (Some(remote), Some(state), Some(timer)) =
            (fields.get(2), fields.get(3), fields.get(5))
        else {
            continue;
        };
        let remote_port = remote
            .rsplit(':')
            .next()
            .and_then(|p| u16::from_str_radix(p, 16).ok());
        if remote_port == Some(port) && *state == "01" {
            found = Some(timer.starts_with("02:"));
        }
    }
    found.ok_or_else(|| {
        anyhow!("no established connection to port {port} in /proc/net/tcp")
    })
}

/// [`Guard::PlainKeepalive`]: the same death, seen by a plain tcp socket with the kernel's
/// keepalive, no ZeroMQ: a read that fails with ETIMEDOUT is the death noticed.
fn plain_dead_peer(across: Across, sending: bool) -> Result<DeadPeer> {
    use std::io::{Read as _, Write as _};
    use std::net::{SocketAddr, TcpStream};
    let mut world = World::new(across)?;
    let host_a = match across {
        Across::Hosts => Hosts::address(Host::A),
        Across::Relay => std::net::Ipv4Addr::LOCALHOST,
    };
    let (listener, here_a) = world.on(Host::A, || {
        Ok((TcpListener::bind((host_a, 0))?, world.here(Host::A)?))
    })?;
    let bound = format!("tcp://{}", listener.local_addr()?);
    let route = world.route(&bound)?;
    let to: SocketAddr = route.trim_start_matches("tcp://").parse()?;
    let keepalive = socket2::TcpKeepalive::new()
        .with_time(Duration::from_secs(KEEPALIVE.idle as u64))
        .with_interval(Duration::from_secs(KEEPALIVE.interval as u64));
    let world_ref = &world;
    let (mut stream, here_b) = world_ref.on(Host::B, || {
        let socket =
            socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
        socket.set_tcp_keepalive(&keepalive)?;
        set_tcp_option(&socket, libc::TCP_KEEPCNT, KEEPALIVE.count)?;
        socket.connect_timeout(&to.into(), lab::BOUND)?;
        Ok((TcpStream::from(socket), world_ref.here(Host::B)?))
    })?;
    stream.set_read_timeout(Some(lab::BOUND))?;
    let (mut accepted, _) = listener.accept()?;
    accepted.set_read_timeout(Some(lab::BOUND))?;
    let mut byte = [0];
    stream.write_all(b"f")?;
    accepted.read_exact(&mut byte)?;
    accepted.write_all(b"a")?;
    stream.read_exact(&mut byte)?;
    let guards = Guards {
        keepalive: Keepalive {
            on: i32::from(socket2::SockRef::from(&stream).keepalive()?),
            ..read_keepalive(&stream)?
        },
        maxrt: 0,
        heartbeats: None,
    };
    let placed = Placed {
        endpoint: bound,
        in_namespaces: here_a && here_b,
        absent_outside: world.absent_outside(),
    };
    let remote = to.port();
    let kernel_keepalive = world.on(Host::B, || kernel_keepalive_to(remote))?;
    let died_at = world.partition()?;
    let deadline = died_at + DEAD_WINDOW;
    stream.set_read_timeout(Some(TICK))?;
    let mut noticed = None;
    while Instant::now() < deadline {
        if sending {
            stream.set_nonblocking(true)?;
            let _ = stream.write(b"more");
            stream.set_nonblocking(false)?;
        }
        match stream.read(&mut byte) {
            Err(e) if e.raw_os_error() == Some(libc::ETIMEDOUT) => {
                noticed = Some(died_at.elapsed());
                break;
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => bail!("the plain socket failed otherwise: {e}"),
            Ok(_) => bail!("the plain socket read something from a dead host"),
        }
    }
    let watched = died_at.elapsed();
    world.await_a_drop(|| {
        stream.set_nonblocking(true)?;
        let _ = stream.write(b"probe");
        Ok(())
    })?;
    let (cut, _) = world.heal()?;
    Ok(DeadPeer {
        across,
        guard: Guard::PlainKeepalive,
        sending,
        placed,
        guards,
        kernel_keepalive,
        cut,
        noticed,
        watched,
    })
}

/// Sets a tcp option of a plain socket (socket2 sets the keepalive's count only with its
/// "all" feature).
fn set_tcp_option(
    socket: &socket2::Socket,
    option: libc::c_int,
    value: i32,
) -> Result<()> {
    use std::os::fd::AsRawFd as _;
    // SAFETY: a live socket, and an int option given as a pointer to an int and its size.
    let done = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_TCP,
            option,
            (&value as *const i32).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    ensure!(done == 0, "setsockopt: {}", std::io::Error::last_os_error());
    Ok(())
}

/// The kernel's keepalive settings of a plain socket, read back (seconds).
fn read_keepalive(stream: &std::net::TcpStream) -> Result<Keepalive> {
    use std::os::fd::AsRawFd as _;
    let read = |option| -> Result<i32> {
        let mut value: libc::c_int = 0;
        let mut length = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: a live socket, and room for an int with its size.
        let done = unsafe {
            libc::getsockopt(
                stream.as_raw_fd(),
                libc::IPPROTO_TCP,
                option,
                (&mut value as *mut libc::c_int).cast(),
                &mut length,
            )
        };
        ensure!(done == 0, "getsockopt: {}", std::io::Error::last_os_error());
        Ok(value)
    };
    Ok(Keepalive {
        on: 0,
        idle: read(libc::TCP_KEEPIDLE)?,
        interval: read(libc::TCP_KEEPINTVL)?,
        count: read(libc::TCP_KEEPCNT)?,
    })
}

/// The verdict on a dead peer: heartbeats notice it, idle or not, across the relay as
/// across hosts; TCP's own guards notice only a dead host (across the relay the relay's
/// kernel answers for it), keepalive only on an idle link (retransmissions hold it off),
/// the user timeout only with data in flight.
pub fn dead_peer(run: &DeadPeer) -> Finding {
    let mut finding = Finding::new();
    proven(
        &mut finding,
        run.across,
        &run.placed,
        &run.cut,
        &[run.guards.heartbeats],
        (run.guard == Guard::Heartbeats).then_some(Heartbeats::LAB),
    );
    finding.set_up(
        run.guards.are(run.guard),
        format!("B's socket read back: {}", run.guards.named()),
    );
    finding.set_up(
        run.noticed.is_some() || run.watched >= DEAD_WINDOW,
        format!("watched for {}", ms(run.watched)),
    );
    let keepalive_guard = matches!(run.guard, Guard::Keepalive | Guard::PlainKeepalive);
    if keepalive_guard {
        finding.figure(format!(
            "{}: the kernel {} a keepalive timer on the connection",
            run.guard.name(),
            if run.kernel_keepalive {
                "had"
            } else {
                "had no"
            }
        ));
    }
    // The control, a plain socket, must show the kernel's keepalive at work.
    if run.guard == Guard::PlainKeepalive {
        finding.set_up(
            run.kernel_keepalive,
            "the plain socket's keepalive reached the kernel",
        );
    }
    let expected = match (run.guard, run.across, run.sending) {
        (Guard::Heartbeats, _, _) => true,
        (_, Across::Relay, _) => false,
        // Keepalive probes only an idle connection, and only if it reached the kernel.
        (Guard::Keepalive | Guard::PlainKeepalive, Across::Hosts, sending) => {
            !sending && run.kernel_keepalive
        }
        (Guard::MaxRt, Across::Hosts, sending) => sending,
    };
    finding.observe(
        run.noticed.is_some() == expected,
        format!(
            "{} across the {}, {}: {}",
            run.guard.name(),
            run.across,
            if run.sending { "sending" } else { "idle" },
            match run.noticed {
                Some(after) => format!("noticed after {}", ms(after)),
                None => format!("not noticed within {}", ms(DEAD_WINDOW)),
            }
        ),
    );
    finding
}

// ---------------------------------------------------------------- ZMQ_TCP_MAXRT

/// libzmq's `ZMQ_TCP_MAXRT` (zmq.h): the `zmq` crate does not offer it.
const ZMQ_TCP_MAXRT: libc::c_int = 80;

extern "C" {
    // libzmq's own, linked in by the `zmq` crate.
    fn zmq_setsockopt(
        socket: *mut libc::c_void,
        option: libc::c_int,
        value: *const libc::c_void,
        length: libc::size_t,
    ) -> libc::c_int;
    fn zmq_getsockopt(
        socket: *mut libc::c_void,
        option: libc::c_int,
        value: *mut libc::c_void,
        length: *mut libc::size_t,
    ) -> libc::c_int;
    fn zmq_errno() -> libc::c_int;
}

fn set_int_option(
    socket: &mut zmq::Socket,
    option: libc::c_int,
    value: i32,
) -> Result<()> {
    let value: libc::c_int = value;
    // SAFETY: a live socket, and an int option given as a pointer to an int and its size.
    let done = unsafe {
        zmq_setsockopt(
            socket.as_mut_ptr(),
            option,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>(),
        )
    };
    match done {
        0 => Ok(()),
        // SAFETY: reads libzmq's error number for this thread.
        _ => Err(zmq::Error::from_raw(unsafe { zmq_errno() }).into()),
    }
}

fn get_int_option(socket: &mut zmq::Socket, option: libc::c_int) -> Result<i32> {
    let mut value: libc::c_int = 0;
    let mut length = std::mem::size_of::<libc::c_int>();
    // SAFETY: a live socket, and room for an int with its size.
    let done = unsafe {
        zmq_getsockopt(
            socket.as_mut_ptr(),
            option,
            (&mut value as *mut libc::c_int).cast(),
            &mut length,
        )
    };
    match done {
        0 => Ok(value),
        // SAFETY: reads libzmq's error number for this thread.
        _ => Err(zmq::Error::from_raw(unsafe { zmq_errno() }).into()),
    }
}

// ---------------------------------------------------------------- the figures

/// The partitions [`figures`] heals after.
pub const PARTITIONS: [Duration; 3] = [
    Duration::from_secs(1),
    Duration::from_secs(3),
    Duration::from_secs(10),
];

/// Runs every experiment `runs` times (the runs of one scenario side by side, each with
/// hosts of its own) and writes its figures as the book's reference runs keep them: a line
/// per figure (`#` for its numbers), then what each run measured, `[relay hosts]`, then the
/// same as min, median and max. Across the relay and across hosts, one beside the other.
pub fn figures(runs: usize, mut line: impl FnMut(String)) -> Result<()> {
    ensure!(runs > 0, "--runs must be at least 1");
    let mut figure = |text: String, relay: Vec<Option<f64>>, hosts: Vec<Option<f64>>| {
        line(text.clone());
        let shown = |n: Option<f64>| n.map_or("none".to_string(), |n| format!("{n:.0}"));
        let each: Vec<String> = (relay.iter().zip(&hosts))
            .map(|(r, h)| format!("[{} {}]", shown(*r), shown(*h)))
            .collect();
        for chunk in each.chunks(5) {
            line(format!("    {}", chunk.join(", ")));
        }
        line(format!("{text}, min/median/max"));
        let spread = |values: &[Option<f64>]| {
            let mut seen: Vec<f64> = values.iter().flatten().copied().collect();
            seen.sort_by(f64::total_cmp);
            match seen.len() {
                0 => [None; 3],
                n => [Some(seen[0]), Some(seen[n / 2]), Some(seen[n - 1])],
            }
        };
        let (r, h) = (spread(&relay), spread(&hosts));
        let each: Vec<String> = (0..3)
            .map(|k| format!("[{} {}]", shown(r[k]), shown(h[k])))
            .collect();
        line(format!("    {}", each.join(", ")));
    };
    let ms_of = |d: Option<Duration>| d.map(|d| d.as_secs_f64() * 1000.0);
    for partition in PARTITIONS {
        for heartbeats in [None, Some(Heartbeats::LAB)] {
            let mut both = Vec::new();
            for across in [Across::Relay, Across::Hosts] {
                let results = side_by_side(runs, || {
                    partition_healed(across, heartbeats, partition)
                })?;
                for run in &results {
                    let finding = healed(heartbeats, run);
                    ensure!(finding.agrees(), "a run the judge refused: {finding}");
                }
                both.push(results);
            }
            let name = format!(
                "partition {} s, heartbeats {}",
                partition.as_secs(),
                if heartbeats.is_some() { "on" } else { "off" }
            );
            let of = |k: usize, f: &dyn Fn(&Healed) -> Option<f64>| {
                both[k].iter().map(f).collect::<Vec<_>>()
            };
            figure(
                format!("{name}: first message # ms after the heal [relay hosts]"),
                of(0, &|r| ms_of(r.flowed_again)),
                of(1, &|r| ms_of(r.flowed_again)),
            );
            figure(
                format!("{name}: messages lost # [relay hosts]"),
                of(0, &|r| Some(r.lost.len() as f64)),
                of(1, &|r| Some(r.lost.len() as f64)),
            );
        }
    }
    for heartbeats in [None, Some(Heartbeats::LAB)] {
        let mut both = Vec::new();
        for across in [Across::Relay, Across::Hosts] {
            let results = side_by_side(runs, || came_back_empty(across, heartbeats))?;
            for run in &results {
                let finding = came_back(heartbeats, run);
                ensure!(finding.agrees(), "a run the judge refused: {finding}");
            }
            both.push(results);
        }
        let name = format!(
            "came back empty, heartbeats {}",
            if heartbeats.is_some() { "on" } else { "off" }
        );
        let of = |k: usize, f: &dyn Fn(&CameBack) -> Option<f64>| {
            both[k].iter().map(f).collect::<Vec<_>>()
        };
        figure(
            format!("{name}: old connection lost # ms after the heal [relay hosts]"),
            of(0, &|r| ms_of(r.noticed)),
            of(1, &|r| ms_of(r.noticed)),
        );
        figure(
            format!("{name}: first message of the new socket # ms after the heal [relay hosts]"),
            of(0, &|r| ms_of(r.flowed_again)),
            of(1, &|r| ms_of(r.flowed_again)),
        );
    }
    for guard in Guard::ALL {
        for sending in [false, true] {
            let mut both = Vec::new();
            for across in [Across::Relay, Across::Hosts] {
                let results =
                    side_by_side(runs, || dead_peer_noticed(across, guard, sending))?;
                for run in &results {
                    let finding = dead_peer(run);
                    ensure!(finding.agrees(), "a run the judge refused: {finding}");
                }
                both.push(results);
            }
            let of =
                |k: usize| both[k].iter().map(|r| ms_of(r.noticed)).collect::<Vec<_>>();
            figure(
                format!(
                    "dead peer, {}, {}: noticed after # ms [relay hosts]",
                    guard.name(),
                    if sending { "sending" } else { "idle" }
                ),
                of(0),
                of(1),
            );
        }
    }
    Ok(())
}

/// `runs` runs of `experiment`, side by side.
fn side_by_side<T: Send>(
    runs: usize,
    experiment: impl Fn() -> Result<T> + Sync,
) -> Result<Vec<T>> {
    thread::scope(|scope| {
        let handles: Vec<_> = (0..runs).map(|_| scope.spawn(&experiment)).collect();
        crate::claims::joined(handles)
    })
}
