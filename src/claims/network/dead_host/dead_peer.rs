//! A dead peer, noticed or not: TCP keepalive, the TCP user timeout, ZMTP heartbeats.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Result};

use super::*;
use crate::claims::network::Heartbeats;
use crate::claims::{ms, Finding};
use crate::lab;
use crate::lab::hosts::{Host, Hosts};

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
        // The wait's error is the window passing; the event may come just after it, so
        // what the monitor has seen decides.
        let _ = b.watched.wait_for(zmq::SocketEvent::DISCONNECTED, 1, wait);
        if b.watched.seen(zmq::SocketEvent::DISCONNECTED)? > 0 {
            noticed = b
                .watched
                .read_at(zmq::SocketEvent::DISCONNECTED, 1)?
                .map(|at| at.saturating_duration_since(died_at));
            break;
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
            Err(e) => bail!(
                "{across:?}, sending {sending}: the plain socket failed otherwise {} after \
                 the death: {e}",
                crate::claims::ms(died_at.elapsed())
            ),
            Ok(0) => bail!(
                "{across:?}, sending {sending}: the plain socket's stream ended (FIN) {} after \
                 the death of its peer",
                crate::claims::ms(died_at.elapsed())
            ),
            Ok(n) => bail!(
                "{across:?}, sending {sending}: the plain socket read {:?} from a dead host, {} \
                 after its death",
                &byte[..n],
                crate::claims::ms(died_at.elapsed())
            ),
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
        Some(&run.cut),
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
