//! The lab bench every experiment stands on: sockets that cannot hang, fresh endpoints
//! that never collide, and waits that end on evidence (a monitor event, a message that
//! arrives) instead of a guessed sleep.

pub mod hosts;
pub mod lease;
pub mod leftovers;
pub mod pubsub;
pub mod relay;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};
use tempfile::TempDir;

/// The longest any single send or receive may block. A claim that is broken shows up as a
/// clear error within this bound instead of a hang.
pub const BOUND: Duration = Duration::from_secs(5);

/// How long we listen for a message that should *not* arrive. Every test that uses it
/// also shows, in the same setup, that a message which should arrive does so well within
/// it.
pub const SILENCE: Duration = Duration::from_millis(150);

/// How early libzmq may end a timed wait, as seen on our clock. libzmq measures RCVTIMEO
/// and SNDTIMEO with a millisecond clock that it caches between calls
/// (`clock_t::now_ms`), so a 200 ms timeout can return after 199.2 ms of real time. A few
/// milliseconds cover it.
pub const CLOCK_SLACK: Duration = Duration::from_millis(5);

/// Whether a call that gave up after `took` waited out its `timeout`, allowing for
/// libzmq's coarse clock ([`CLOCK_SLACK`]). It can never mistake an immediate return for
/// a wait.
pub fn waited_out(took: Duration, timeout: Duration) -> bool {
    took + CLOCK_SLACK >= timeout
}

/// How much later than its timeout a call that gave up may return on a loaded machine,
/// where the thread that wakes from the wait can queue behind others for the processor: a
/// 200 ms timeout was seen to return after 526 ms at a load of 11 on 2 cores.
pub const LATE_SLACK: Duration = Duration::from_secs(1);

/// Whether a call that gave up after `took` did so at its `timeout`: not before it
/// ([`waited_out`]), and not long after it (twice the timeout plus [`LATE_SLACK`] at
/// most), so a timeout that was never set (the lab's [`BOUND`], or none) cannot pass for
/// this one. That the socket has this timeout and not another is for the experiment to
/// prove, by reading it back.
pub fn gave_up_at(took: Duration, timeout: Duration) -> bool {
    waited_out(took, timeout) && took <= 2 * timeout + LATE_SLACK
}

/// The three transports the article's claims concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    Tcp,
    Ipc,
    Inproc,
}

impl Transport {
    pub const ALL: [Transport; 3] = [Transport::Tcp, Transport::Ipc, Transport::Inproc];
    /// The transports that cross a process boundary and reconnect on their own.
    pub const NETWORKED: [Transport; 2] = [Transport::Tcp, Transport::Ipc];

    pub fn name(self) -> &'static str {
        match self {
            Transport::Tcp => "tcp",
            Transport::Ipc => "ipc",
            Transport::Inproc => "inproc",
        }
    }
}

/// The transport of an endpoint as a socket reports it (`tcp://127.0.0.1:5555` is tcp).
pub fn transport_of(endpoint: &str) -> Option<Transport> {
    let (scheme, _) = endpoint.split_once("://")?;
    Transport::ALL.into_iter().find(|t| t.name() == scheme)
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

static NEXT_NAME: AtomicUsize = AtomicUsize::new(0);

fn unique_number() -> usize {
    NEXT_NAME.fetch_add(1, Ordering::Relaxed)
}

/// One experiment's private world: its own context (so nothing it does can stall another
/// experiment's I/O thread) and its own directory for ipc endpoints.
pub struct Lab {
    // Sockets hold their own handle on the context, so the context outlives them all.
    context: zmq::Context,
    ipc_dir: TempDir,
    /// The tcp ports this lab reserved for endpoints known in advance (see [`Lab::endpoint`]):
    /// released when the lab ends, if no socket bound them before.
    reserved: std::sync::Mutex<Vec<u16>>,
    /// Every tcp port this lab handed out, kept from other labs until it ends.
    leases: std::sync::Mutex<Vec<lease::Lease>>,
}

impl Drop for Lab {
    fn drop(&mut self) {
        let ports =
            std::mem::take(&mut *self.reserved.lock().unwrap_or_else(|e| e.into_inner()));
        for port in ports {
            release_port(port);
        }
    }
}

impl Lab {
    pub fn new() -> Result<Lab> {
        let ipc_dir = tempfile::Builder::new()
            .prefix("lab-")
            .tempdir_in(leftovers::process_dir()?)
            .context("cannot create a temporary directory for ipc endpoints")?;
        Ok(Lab {
            context: zmq::Context::new(),
            ipc_dir,
            reserved: std::sync::Mutex::new(Vec::new()),
            leases: std::sync::Mutex::new(Vec::new()),
        })
    }

    pub fn context(&self) -> &zmq::Context {
        &self.context
    }

    // ANCHOR: lab_socket
    /// A socket that never blocks longer than [`BOUND`] and never delays its own close.
    pub fn socket(&self, kind: zmq::SocketType) -> Result<zmq::Socket> {
        let socket = self.context.socket(kind)?;
        bound_socket(&socket, BOUND)?;
        Ok(socket)
    }
    // ANCHOR_END: lab_socket

    /// Binds `socket` to a fresh endpoint of `transport` and returns the endpoint to
    /// connect to.
    pub fn bind(&self, socket: &zmq::Socket, transport: Transport) -> Result<String> {
        let wanted = match transport {
            // The kernel picks a free port: no fixed port can collide with another run.
            Transport::Tcp => "tcp://127.0.0.1:*".to_string(),
            _ => self.endpoint(transport)?,
        };
        socket
            .bind(&wanted)
            .with_context(|| format!("cannot bind {wanted}"))?;
        last_endpoint(socket)
    }

    /// `count` sockets of `kind`, each connected to `endpoint`: a crowd of clients or
    /// workers.
    pub fn connected(
        &self,
        kind: zmq::SocketType,
        endpoint: &str,
        count: usize,
    ) -> Result<Vec<zmq::Socket>> {
        (0..count)
            .map(|_| {
                let socket = self.socket(kind)?;
                socket.connect(endpoint)?;
                Ok(socket)
            })
            .collect()
    }

    /// A fresh endpoint known *before* anything binds it, for experiments where the
    /// connecting side starts first or a new socket must bind the very same address.
    ///
    /// A tcp port stays reserved until a socket binds it with [`bind_at`] (or the lab ends):
    /// nothing else, not even another test run beside this one, can take it meanwhile, and a
    /// peer that connects early is refused, as by a port nobody uses.
    pub fn endpoint(&self, transport: Transport) -> Result<String> {
        Ok(match transport {
            Transport::Tcp => {
                let (port, lease) = reserve_tcp_port()?;
                self.leases
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(lease);
                self.reserved
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(port);
                format!("tcp://127.0.0.1:{port}")
            }
            Transport::Ipc => format!(
                "ipc://{}/{}.ipc",
                self.ipc_dir.path().display(),
                unique_number()
            ),
            Transport::Inproc => {
                format!("inproc://lab-{}-{}", std::process::id(), unique_number())
            }
        })
    }

    /// As [`Lab::endpoint`], for code that binds the endpoint by itself (plain `zmq` code, or
    /// another program): nothing holds a tcp port for it meanwhile.
    pub fn free_endpoint(&self, transport: Transport) -> Result<String> {
        let endpoint = self.endpoint(transport)?;
        release(&endpoint);
        Ok(endpoint)
    }

    /// Starts watching `socket`'s connection events. The returned [`Watched`] owns both
    /// the socket and its monitor so that they are closed in the only safe order.
    pub fn watch(&self, socket: zmq::Socket) -> Result<Watched> {
        watch(&self.context, socket)
    }

    /// Starts reading the events of a socket that another thread will own (see
    /// [`monitor`]).
    pub fn monitor(&self, socket: &zmq::Socket) -> Result<Monitor> {
        monitor(&self.context, socket)
    }
}

/// What an experiment proves of its set-up before it waits: the endpoint its socket reports
/// (so the transport it really used) and how many peers had connected by then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ready {
    pub endpoint: String,
    /// Handshakes done, seen by a monitor (tcp, ipc); on inproc, which has no handshake and
    /// is connected when `connect` returns, the connects that returned.
    pub peers: usize,
}

/// Binds `socket` to an endpoint known in advance ([`Lab::endpoint`]), perhaps one that
/// another socket has just left ([`Watched::leave`]).
pub fn bind_at(socket: &zmq::Socket, endpoint: &str) -> Result<()> {
    release(endpoint);
    let _no_spawn = no_program_starting();
    socket
        .bind(endpoint)
        .with_context(|| format!("cannot bind {endpoint}"))
}

/// Held to start a program ([`spawn`]), and to bind an address another socket may just have
/// left ([`bind_at`]).
static SPAWNING: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// Waits until no program is being started, and keeps any from starting until dropped: a
/// program being started may hold a copy of a socket that has just left its address, or of a
/// port just released, and a bind of that address must wait until it has let go.
pub fn no_program_starting() -> std::sync::RwLockReadGuard<'static, ()> {
    SPAWNING.read().unwrap_or_else(|e| e.into_inner())
}

/// Keeps [`bind_at`] waiting while the caller starts a program some other way than
/// [`spawn`]: between fork and exec the child holds a copy of every socket of this process,
/// the one a `bind_at` is about to bind again included.
pub fn starting_a_program() -> std::sync::RwLockWriteGuard<'static, ()> {
    SPAWNING.write().unwrap_or_else(|e| e.into_inner())
}

/// Starts a program as a child process that keeps none of this process's sockets.
///
/// libzmq, as the zmq crate builds it, opens some of its descriptors without close-on-exec,
/// so a child would start with a copy of every one open at that moment: a listening port
/// that another socket could then not bind again, a connection that would not close when its
/// owner closed it. The child closes all it inherited but stdin, stdout and stderr before
/// the program starts, and `spawn` returns only once it has, so that a [`bind_at`] waits for
/// that, not longer. (std's own pipe for reporting a failed start cannot tell: the child
/// closes it in the middle of the others, and the kernel may pause the child there.)
#[cfg(unix)]
pub fn spawn(
    command: &mut std::process::Command,
) -> std::io::Result<std::process::Child> {
    use std::io::Read as _;
    use std::os::unix::process::CommandExt as _;
    let _spawning = starting_a_program();
    // The child closes its end of this pipe after every other descriptor: the end of
    // stream on ours says it has.
    let (mut closed, closing) = std::io::pipe()?;
    let last = std::os::fd::AsRawFd::as_raw_fd(&closing);
    // SAFETY: between fork and exec the closure only makes system calls, as a child may.
    unsafe { command.pre_exec(move || close_inherited_files(last)) };
    let child = command.spawn();
    drop(closing);
    // Ends when the child closed it, or never started; a program another thread starts
    // meanwhile holds it only until its exec.
    closed.read_exact(&mut [0]).ok();
    child
}

/// Closes every descriptor above stderr, `last` last of all.
#[cfg(unix)]
fn close_inherited_files(last: std::os::fd::RawFd) -> std::io::Result<()> {
    let last = last as u32;
    // SAFETY: close_range(2) and close(2) only close descriptors of this (child) process.
    #[cfg(target_os = "linux")]
    let closed = unsafe {
        (last <= 3 || libc::syscall(libc::SYS_close_range, 3u32, last - 1, 0u32) == 0)
            && libc::syscall(libc::SYS_close_range, last + 1, u32::MAX, 0u32) == 0
    };
    #[cfg(not(target_os = "linux"))]
    let closed = false;
    if !closed {
        // Before Linux 5.9: one by one, as far as a test process opens them.
        for fd in (3..65_536).filter(|&fd| fd != last) {
            unsafe { libc::close(fd as i32) };
        }
    }
    unsafe { libc::close(last as i32) };
    Ok(())
}

/// Hands an endpoint reserved by [`Lab::endpoint`] over to whatever binds it next (a socket of
/// this process does so through [`bind_at`]; another program must be given it released).
pub fn release(endpoint: &str) {
    let port = endpoint
        .strip_prefix("tcp://127.0.0.1:")
        .and_then(|port| port.parse().ok());
    if let Some(port) = port {
        release_port(port);
    }
}

/// Ports held, each by a socket bound to it that does not listen (so a connection to it is
/// refused, as to a port nobody uses) and does not let any other socket bind it.
static RESERVED: std::sync::Mutex<Vec<(u16, socket2::Socket)>> =
    std::sync::Mutex::new(Vec::new());

fn release_port(port: u16) {
    let mut reserved = RESERVED.lock().unwrap_or_else(|e| e.into_inner());
    reserved.retain(|(held, _)| *held != port); // dropping the socket frees the port
}

/// A port below the kernel's ephemeral range (see [`free_tcp_port`]), held until released,
/// and its lease (see [`lease`]), which the caller keeps.
fn reserve_tcp_port() -> Result<(u16, Option<lease::Lease>)> {
    use socket2::{Domain, Socket, Type};
    for _ in 0..100 {
        let port = free_tcp_port()?;
        let lease = match lease::lease(port) {
            lease::Leased::Held(lease) => Some(lease),
            lease::Leased::Taken => continue, // another lab's, free for a moment
            lease::Leased::Unsupported => None,
        };
        let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        // Taken since it was found free (another program beside this one): try another.
        if socket.bind(&address.into()).is_ok() {
            RESERVED
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((port, socket));
            return Ok((port, lease));
        }
    }
    bail!("no loopback tcp port could be reserved in 100 tries")
}

/// A loopback tcp port, free now, for an endpoint that is known before it is bound.
///
/// Not one from the kernel (port 0): the kernel hands out ports from its ephemeral range
/// to every `bind` on port 0 and every outgoing connection, and one it handed out once is
/// free for it to hand out again. An experiment that binds its port later, or binds it
/// again after a peer left, would then race the other experiments running beside it, and
/// now and then find its port taken. A port chosen at random below the ephemeral range is
/// never handed out by the kernel.
pub fn free_tcp_port() -> Result<u16> {
    const LOWEST: u16 = 10_000;
    let below = ephemeral_ports_start();
    if below <= LOWEST + 1_000 {
        // An unusual configuration: leave the choice to the kernel after all.
        let probe = std::net::TcpListener::bind("127.0.0.1:0")
            .context("cannot find a free loopback tcp port")?;
        return Ok(probe.local_addr()?.port());
    }
    for _ in 0..100 {
        let port = LOWEST + (random_number() % u64::from(below - LOWEST)) as u16;
        // A port another lab leases may be free for a moment, between two of its sockets:
        // not even a probe may bind it then. The lease is held while the probe binds, so
        // that no lab leases the port and binds it in that moment (a probe that a stall
        // kept waiting after its look at the lease once took a port another test process
        // was binding).
        let held = lease::lease(port);
        if matches!(held, lease::Leased::Taken) {
            continue;
        }
        let free = std::net::TcpListener::bind(("127.0.0.1", port)).is_ok();
        drop(held);
        if free {
            return Ok(port);
        }
    }
    bail!("no free loopback tcp port between {LOWEST} and {below} after 100 tries")
}

/// The first port of the kernel's ephemeral range (Linux's default when it cannot be
/// read, which is also below the IANA range other systems use).
fn ephemeral_ports_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768)
}

/// A number that differs from call to call and from process to process: std's hasher is
/// keyed randomly for each `RandomState`.
fn random_number() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_usize(unique_number());
    hasher.finish()
}

/// Starts watching `socket`'s connection events (see [`Lab::watch`]); for programs that
/// have a context of their own.
pub fn watch(context: &zmq::Context, socket: zmq::Socket) -> Result<Watched> {
    let monitor = monitor(context, &socket)?;
    Ok(Watched { socket, monitor })
}

/// Starts reading `socket`'s connection events on a PAIR of our own. The caller must
/// close `socket` before the returned monitor (see [`Watched`] for why); prefer
/// [`watch`], which keeps the two together, unless another thread owns the socket.
pub fn monitor(context: &zmq::Context, socket: &zmq::Socket) -> Result<Monitor> {
    let address = format!(
        "inproc://monitor-{}-{}",
        std::process::id(),
        unique_number()
    );
    socket.monitor(&address, zmq::SocketEvent::ALL as i32)?;
    let pair = context.socket(zmq::PAIR)?;
    bound_socket(&pair, BOUND)?;
    pair.connect(&address)?;
    Ok(Monitor {
        pair,
        seen: Vec::new(),
        read_at: Vec::new(),
    })
}

/// LINGER 0 and send/receive timeouts: a socket configured so that no call on it can
/// hang.
pub fn bound_socket(socket: &zmq::Socket, bound: Duration) -> Result<()> {
    socket.set_linger(0)?;
    socket.set_rcvtimeo(millis(bound))?;
    socket.set_sndtimeo(millis(bound))?;
    Ok(())
}

/// `ZMQ_XPUB_NODROP` on (`true`) or off: an XPUB (or PUB) that, at a subscriber's
/// high-water mark, refuses the send (`EAGAIN`, or a send that waits up to its timeout)
/// instead of dropping the message. The `zmq` crate does not offer this option, and libzmq
/// 4.3.4 cannot read it back: the experiments prove it by what the socket does.
pub fn set_xpub_nodrop(socket: &mut zmq::Socket, on: bool) -> zmq::Result<()> {
    const ZMQ_XPUB_NODROP: libc::c_int = 69;
    extern "C" {
        // libzmq's own, linked in by the `zmq` crate.
        fn zmq_setsockopt(
            socket: *mut libc::c_void,
            option: libc::c_int,
            value: *const libc::c_void,
            length: libc::size_t,
        ) -> libc::c_int;
        fn zmq_errno() -> libc::c_int;
    }
    let value = libc::c_int::from(on);
    // SAFETY: a live socket, and an int option given as a pointer to an int and its size.
    let done = unsafe {
        zmq_setsockopt(
            socket.as_mut_ptr(),
            ZMQ_XPUB_NODROP,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>(),
        )
    };
    match done {
        0 => Ok(()),
        // SAFETY: reads libzmq's error number for this thread.
        _ => Err(zmq::Error::from_raw(unsafe { zmq_errno() })),
    }
}

pub fn millis(duration: Duration) -> i32 {
    duration.as_millis().min(i32::MAX as u128) as i32
}

pub fn last_endpoint(socket: &zmq::Socket) -> Result<String> {
    socket
        .get_last_endpoint()?
        .map_err(|_| anyhow!("the bound endpoint is not valid UTF-8"))
}

/// A socket together with the monitor that reads its events; the monitor's waits are
/// available on it directly (`watched.wait_handshakes(2)`).
///
/// Field order matters: Rust drops fields in declaration order, so the watched socket
/// closes first. Closing the monitor first would leave libzmq's blocking event send with
/// no reader and stall the context's I/O thread (a libzmq 4.3 trap).
pub struct Watched {
    pub socket: zmq::Socket,
    pub monitor: Monitor,
}

impl std::ops::Deref for Watched {
    type Target = Monitor;
    fn deref(&self) -> &Monitor {
        &self.monitor
    }
}

impl std::ops::DerefMut for Watched {
    fn deref_mut(&mut self) -> &mut Monitor {
        &mut self.monitor
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        let nowhere =
            format!("inproc://closed-{}-{}", std::process::id(), unique_number());
        let _ = self.socket.monitor(&nowhere, 0);
    }
}

impl Watched {
    /// Closes a bound socket and returns once its address is free for another socket to
    /// bind: libzmq closes the listener in the background, and says so with a CLOSED
    /// event (inproc has no listener and frees the name at once).
    pub fn leave(mut self, endpoint: &str) -> Result<()> {
        self.socket.unbind(endpoint)?;
        if !endpoint.starts_with("inproc://") {
            self.wait_for(zmq::SocketEvent::CLOSED, 1, BOUND)?;
        }
        Ok(())
    }
}

/// The events of a monitored socket (connected, handshake succeeded, disconnected, …),
/// read from the PAIR socket libzmq sends them to.
pub struct Monitor {
    pair: zmq::Socket,
    seen: Vec<zmq::SocketEvent>,
    /// When each event of `seen` was read.
    read_at: Vec<Instant>,
}

impl Monitor {
    /// Waits until `event` has happened `count` times in all (counting earlier ones).
    pub fn wait_for(
        &mut self,
        event: zmq::SocketEvent,
        count: usize,
        within: Duration,
    ) -> Result<()> {
        let deadline = Instant::now() + within;
        while self.count(event) < count {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.pair.poll(zmq::POLLIN, millis(left).into())? == 0 {
                bail!(
                    "waited {:?} for {count} {event:?} event(s), saw {} (events so far: {:?})",
                    within,
                    self.count(event),
                    self.seen
                );
            }
            self.read_event()?;
        }
        Ok(())
    }

    /// Waits for the first of `events` not seen before this call, and returns it.
    pub fn wait_any(
        &mut self,
        events: &[zmq::SocketEvent],
        within: Duration,
    ) -> Result<zmq::SocketEvent> {
        let deadline = Instant::now() + within;
        let mut next = self.seen.len();
        loop {
            if let Some(event) = self.seen[next..].iter().find(|e| events.contains(e)) {
                return Ok(*event);
            }
            next = self.seen.len();
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.pair.poll(zmq::POLLIN, millis(left).into())? == 0 {
                bail!(
                    "waited {within:?} for one of {events:?}, saw {:?}",
                    self.seen
                );
            }
            self.read_event()?;
        }
    }

    /// Waits until the socket has finished `count` handshakes with peers (tcp and ipc
    /// only: inproc connections have no handshake and are ready as soon as connect
    /// returns).
    pub fn wait_handshakes(&mut self, count: usize) -> Result<()> {
        self.wait_for(zmq::SocketEvent::HANDSHAKE_SUCCEEDED, count, BOUND)
    }

    /// The events seen so far, after reading whatever has arrived without waiting.
    pub fn events(&mut self) -> Result<&[zmq::SocketEvent]> {
        while self.pair.poll(zmq::POLLIN, 0)? > 0 {
            self.read_event()?;
        }
        Ok(&self.seen)
    }

    /// How many times `event` has been seen so far, after reading what has arrived.
    pub fn seen(&mut self, event: zmq::SocketEvent) -> Result<usize> {
        self.events()?;
        Ok(self.count(event))
    }

    /// The proof of a set-up at this moment ([`Ready`]): `endpoint`, and the peers whose
    /// handshakes the monitor has seen so far; on inproc, which has no handshake, the
    /// `connects` that returned.
    pub fn ready(&mut self, endpoint: &str, connects: usize) -> Result<Ready> {
        let peers = match transport_of(endpoint) {
            Some(Transport::Inproc) => connects,
            _ => self.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?,
        };
        Ok(Ready {
            endpoint: endpoint.to_string(),
            peers,
        })
    }

    fn count(&self, event: zmq::SocketEvent) -> usize {
        self.seen.iter().filter(|seen| **seen == event).count()
    }

    /// When the `nth` `event` in all was read from libzmq, after reading what has arrived
    /// (`None` if it has not happened yet). For a caller that was waiting for it, that is
    /// when it happened; read later, it is when it was read.
    pub fn read_at(
        &mut self,
        event: zmq::SocketEvent,
        nth: usize,
    ) -> Result<Option<Instant>> {
        self.events()?;
        let index = (self.seen.iter().enumerate())
            .filter(|(_, seen)| **seen == event)
            .nth(nth.saturating_sub(1))
            .map(|(index, _)| index);
        Ok(index.filter(|_| nth > 0).map(|index| self.read_at[index]))
    }

    fn read_event(&mut self) -> Result<()> {
        // Frame 1: u16 event id and u32 value (little endian); frame 2: the peer's
        // endpoint.
        let frames = self.pair.recv_multipart(0)?;
        let head = frames
            .first()
            .filter(|f| f.len() >= 2)
            .ok_or_else(|| anyhow!("malformed monitor event"))?;
        self.seen
            .push(zmq::SocketEvent::from_raw(u16::from_le_bytes([
                head[0], head[1],
            ])));
        self.read_at.push(Instant::now());
        Ok(())
    }
}

/// Receives one message if it arrives within `window`, `None` if the window passes in
/// silence.
pub fn recv_within(socket: &zmq::Socket, window: Duration) -> Result<Option<Vec<u8>>> {
    if socket.poll(zmq::POLLIN, millis(window).into())? == 0 {
        return Ok(None);
    }
    Ok(Some(socket.recv_bytes(0)?))
}

/// The indexes of the sockets that have a message waiting, after waiting up to [`BOUND`]
/// for at least one; an error if none has.
pub fn readable(sockets: &[zmq::Socket]) -> Result<Vec<usize>> {
    readable_within(sockets, BOUND)
}

/// As [`readable`], waiting up to `within`.
pub fn readable_within(sockets: &[zmq::Socket], within: Duration) -> Result<Vec<usize>> {
    let mut items: Vec<_> = sockets
        .iter()
        .map(|s| s.as_poll_item(zmq::POLLIN))
        .collect();
    zmq::poll(&mut items, millis(within).into())?;
    let ready: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].is_readable())
        .collect();
    if ready.is_empty() {
        bail!(
            "none of {} sockets received anything within {within:?}",
            sockets.len()
        );
    }
    Ok(ready)
}

/// Receives messages until `window` passes with nothing new.
pub fn drain(socket: &zmq::Socket, window: Duration) -> Result<Vec<Vec<u8>>> {
    let mut received = Vec::new();
    while let Some(message) = recv_within(socket, window)? {
        received.push(message);
    }
    Ok(received)
}

/// Waits until `socket` has no peer left to send to: it reports no `POLLOUT`. libzmq has
/// no event for this: the monitor's DISCONNECTED comes from the I/O thread before the
/// socket has let go of the connection, which it does only when it next processes its
/// commands. Reading `ZMQ_EVENTS` makes it do so, so we read them every millisecond, up
/// to [`BOUND`].
pub fn await_no_peer(socket: &zmq::Socket) -> Result<()> {
    let deadline = Instant::now() + BOUND;
    while socket.get_events()?.contains(zmq::POLLOUT) {
        if Instant::now() >= deadline {
            bail!("the socket still had a peer to send to after {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Ok(())
}

/// Receives what a socket should hold: waits up to [`BOUND`] for each of the `expected`
/// messages, then listens [`SILENCE`] more for any extra. So a count that comes out short
/// or long is the behaviour, not a stall of a loaded machine between two messages.
pub fn receive_expecting(socket: &zmq::Socket, expected: usize) -> Result<Vec<Vec<u8>>> {
    receive_expecting_within(socket, expected, BOUND)
}

/// As [`receive_expecting`], waiting up to `each` for each expected message.
pub fn receive_expecting_within(
    socket: &zmq::Socket,
    expected: usize,
    each: Duration,
) -> Result<Vec<Vec<u8>>> {
    let mut received = Vec::new();
    while received.len() < expected {
        match recv_within(socket, each)? {
            Some(message) => received.push(message),
            None => break,
        }
    }
    received.extend(drain(socket, SILENCE)?);
    Ok(received)
}

/// Receives exactly `count` single-part messages, failing clearly if they do not all come
/// within [`BOUND`] each, or if one has more parts (a count of parts is not a count of
/// messages). What comes after them is left for the next receive.
pub fn recv_n(socket: &zmq::Socket, count: usize) -> Result<Vec<Vec<u8>>> {
    recv_n_within(socket, count, BOUND)
}

/// As [`recv_n`], waiting up to `each` for each message.
pub fn recv_n_within(
    socket: &zmq::Socket,
    count: usize,
    each: Duration,
) -> Result<Vec<Vec<u8>>> {
    (0..count)
        .map(|i| {
            let message = recv_within(socket, each)?.ok_or_else(|| {
                anyhow!("expected {count} messages, only {i} arrived within {each:?}")
            })?;
            if socket.get_rcvmore()? {
                bail!(
                    "message {i} of {count} has more than one part, the first {}",
                    show(&message)
                );
            }
            Ok(message)
        })
        .collect()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A message as a person reads it in a failure: its bytes as text (invalid UTF-8
/// replaced, long messages cut) and its length, e.g. `"hello" (5 B)`.
pub fn show(bytes: &[u8]) -> String {
    const LONGEST: usize = 40;
    let shown = text(&bytes[..bytes.len().min(LONGEST)]);
    let cut = if bytes.len() > LONGEST { "…" } else { "" };
    format!("{shown:?}{cut} ({} B)", bytes.len())
}

/// Messages as a person reads them: `["a" (1 B), "" (0 B)]`.
pub fn show_all(messages: &[Vec<u8>]) -> String {
    let shown: Vec<String> = messages.iter().map(|m| show(m)).collect();
    format!("[{}]", shown.join(", "))
}

/// libzmq's name for an error (`EAGAIN`, `EFSM`…), as the book and the evidence use it;
/// its message (`Resource temporarily unavailable`) is what `Display` gives.
pub fn error_name(error: zmq::Error) -> &'static str {
    use zmq::Error::*;
    match error {
        EACCES => "EACCES",
        EADDRINUSE => "EADDRINUSE",
        EAGAIN => "EAGAIN",
        EBUSY => "EBUSY",
        ECONNREFUSED => "ECONNREFUSED",
        EFAULT => "EFAULT",
        EINTR => "EINTR",
        EHOSTUNREACH => "EHOSTUNREACH",
        EINPROGRESS => "EINPROGRESS",
        EINVAL => "EINVAL",
        EMFILE => "EMFILE",
        EMSGSIZE => "EMSGSIZE",
        ENAMETOOLONG => "ENAMETOOLONG",
        ENODEV => "ENODEV",
        ENOENT => "ENOENT",
        ENOMEM => "ENOMEM",
        ENOTCONN => "ENOTCONN",
        ENOTSOCK => "ENOTSOCK",
        EPROTO => "EPROTO",
        EPROTONOSUPPORT => "EPROTONOSUPPORT",
        ENOTSUP => "ENOTSUP",
        ENOBUFS => "ENOBUFS",
        ENETDOWN => "ENETDOWN",
        EADDRNOTAVAIL => "EADDRNOTAVAIL",
        EFSM => "EFSM",
        ENOCOMPATPROTO => "ENOCOMPATPROTO",
        ETERM => "ETERM",
        EMTHREAD => "EMTHREAD",
    }
}
