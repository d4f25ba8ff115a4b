//! A tcp link the lab can cut: a relay between two tcp endpoints, inside the test process.
//!
//! A host that dies or a cable that is cut sends no FIN and no RST: both ends keep a
//! connection that carries nothing. Unplugging a cable needs root (or another machine); this
//! relay does the same in user space, on any system. The sockets connect to the relay's
//! address instead of the peer's, and the relay forwards bytes both ways until it is told:
//!
//! - [`Relay::cut`]: it stops reading and writing, and keeps every socket open. Neither end
//!   sees an end of stream or an error; what they send piles up in the kernel's buffers (and
//!   in the relay, for bytes it had already read). New connections are accepted by the kernel,
//!   as a listening port does, and held just as silent.
//! - [`Relay::restore`]: it forwards again, and what piled up is delivered, in order, as TCP
//!   would retransmit it once the link came back.
//! - [`Relay::reset`]: every connection is closed with a reset (RST), as when a peer's host
//!   reboots and answers the next segment with one. New connections are forwarded again.
//!
//! What it cannot show: the kernels at both ends still talk to the relay's kernel, so TCP's
//! own timers never fire. Within the windows the experiments watch (well under a second) a
//! dead host looks the same, since TCP gives up on unacknowledged data only after many
//! minutes (`tcp_retries2`) and keepalive probes start after two hours by default; but TCP
//! keepalive set short would notice a real dead host and not this relay.
//!
//! Every thread wakes at least every [`STEP`], every wait is bounded, and dropping the relay
//! stops them all.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};

use super::BOUND;

/// The longest a relay thread blocks in one read or write, or waits before it looks again
/// whether the relay is stopping.
pub const STEP: Duration = Duration::from_millis(20);

// ANCHOR: relay_api
/// A tcp relay that can play a dead link (see the module's documentation).
pub struct Relay {
    address: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Relay {
    /// Starts a relay on a fresh loopback port that forwards every connection to
    /// `target`, a tcp endpoint such as `tcp://127.0.0.1:5555`.
    pub fn start(target: &str) -> Result<Relay> {
        let target = socket_address(target)?;
        let listener = TcpListener::bind("127.0.0.1:0").context("cannot listen")?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            target,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            carried: AtomicU64::new(0),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("relay-accept".into())
                .spawn(move || accept_loop(&shared, &listener))?
        };
        Ok(Relay {
            address,
            shared,
            acceptor: Some(acceptor),
        })
    }

    /// The endpoint to connect to instead of the target.
    pub fn endpoint(&self) -> String {
        format!("tcp://{}", self.address)
    }

    /// The link goes silent: from the return of this call nothing is written on any
    /// connection and nothing is closed; nothing more is read either, beyond a read that
    /// was under way, whose bytes are held.
    pub fn cut(&self) -> Result<()> {
        let mut state = self.shared.lock();
        state.cut = true;
        // A pump in the middle of a write finishes it; none starts another.
        let deadline = Instant::now() + BOUND;
        while state.moving > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                bail!("the relay could not stop its pumps within {BOUND:?}");
            }
            state = self.shared.wait(state, left);
        }
        Ok(())
    }

    /// The link comes back: forwarding resumes, and what piled up during the cut is
    /// delivered.
    pub fn restore(&self) {
        self.shared.lock().cut = false;
        self.shared.changed.notify_all();
    }

    /// Closes every connection the relay holds with a reset (RST) on both sides; returns
    /// how many. Connections made afterwards are forwarded (or held, during a cut) as
    /// usual.
    pub fn reset(&self) -> Result<usize> {
        let links = std::mem::take(&mut self.shared.lock().links);
        for link in &links {
            link.close_with_reset();
        }
        self.shared.changed.notify_all();
        // The sockets close when the last handle on them is dropped: wait for every
        // thread that used them to let go, so that the resets have been sent when this
        // returns.
        let deadline = Instant::now() + BOUND;
        let mut state = self.shared.lock();
        while links.iter().any(|link| Arc::strong_count(link) > 1) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                bail!("the relay's threads held on to its connections past {BOUND:?}");
            }
            state = self.shared.wait(state, left);
        }
        drop(state);
        Ok(links.len())
    }

    /// The connections the relay holds now (forwarding, held silent, or half closed).
    pub fn connections(&self) -> usize {
        self.shared.lock().links.len()
    }

    /// Bytes delivered so far, both ways together.
    pub fn carried(&self) -> u64 {
        self.shared.carried.load(Ordering::SeqCst)
    }
}
// ANCHOR_END: relay_api

impl Drop for Relay {
    fn drop(&mut self) {
        self.shared.lock().stopping = true;
        self.shared.changed.notify_all();
        // The acceptor blocks in accept: a connection of our own wakes it to see `stopping`.
        let _ = TcpStream::connect_timeout(&self.address, BOUND);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        // A link thread may start a pump while we join the others: join until none is left.
        loop {
            let threads = std::mem::take(&mut self.shared.lock().threads);
            if threads.is_empty() {
                break;
            }
            for thread in threads {
                let _ = thread.join();
            }
        }
    }
}

/// `tcp://host:port` → a socket address.
fn socket_address(endpoint: &str) -> Result<SocketAddr> {
    let address = endpoint
        .strip_prefix("tcp://")
        .ok_or_else(|| anyhow!("a relay forwards tcp only, not {endpoint:?}"))?;
    address
        .to_socket_addrs()
        .with_context(|| format!("not a tcp address: {endpoint:?}"))?
        .next()
        .ok_or_else(|| anyhow!("{endpoint:?} names no address"))
}

struct Shared {
    target: SocketAddr,
    state: Mutex<State>,
    /// Signalled whenever the state changes or a thread lets go of a connection.
    changed: Condvar,
    carried: AtomicU64,
}

#[derive(Default)]
struct State {
    cut: bool,
    stopping: bool,
    /// Pumps in the middle of a write: a cut waits for them.
    moving: usize,
    links: Vec<Arc<Link>>,
    threads: Vec<JoinHandle<()>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A pump that panicked leaves a state that is still consistent: go on with it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn wait<'a>(
        &self,
        state: MutexGuard<'a, State>,
        at_most: Duration,
    ) -> MutexGuard<'a, State> {
        self.changed
            .wait_timeout(state, at_most.min(STEP))
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .0
    }

    /// Waits while the link is cut; false once the relay stops or `link` is closed.
    fn wait_until_open(&self, link: &Link) -> bool {
        let mut state = self.lock();
        loop {
            if state.stopping || link.closed.load(Ordering::SeqCst) {
                return false;
            }
            if !state.cut {
                return true;
            }
            state = self.wait(state, STEP);
        }
    }

    /// Lets a pump write, once the link is open; false if it must stop instead.
    fn enter(&self, link: &Link) -> bool {
        let mut state = self.lock();
        loop {
            if state.stopping || link.closed.load(Ordering::SeqCst) {
                return false;
            }
            if !state.cut {
                state.moving += 1;
                return true;
            }
            state = self.wait(state, STEP);
        }
    }

    fn leave(&self) {
        self.lock().moving -= 1;
        self.changed.notify_all();
    }

    fn spawn(&self, name: &str, body: impl FnOnce() + Send + 'static) {
        match thread::Builder::new().name(name.into()).spawn(body) {
            Ok(handle) => self.lock().threads.push(handle),
            Err(error) => eprintln!("relay: cannot start a thread: {error}"),
        }
    }

    /// Forgets a connection that has ended, so that its sockets close.
    fn forget(&self, link: &Arc<Link>) {
        self.lock().links.retain(|other| !Arc::ptr_eq(other, link));
        self.changed.notify_all();
    }
}

/// One connection through the relay: the socket accepted from the connecting side, and the
/// one the relay opened to the target once the link was open.
struct Link {
    client: TcpStream,
    server: OnceLock<TcpStream>,
    closed: AtomicBool,
    /// Directions still forwarding; the connection is forgotten when none is left.
    pumps: AtomicUsize,
}

impl Link {
    /// Marks the connection closed and arms a reset: with SO_LINGER 0, closing a socket sends
    /// RST instead of FIN.
    fn close_with_reset(&self) {
        self.closed.store(true, Ordering::SeqCst);
        for stream in std::iter::once(&self.client).chain(self.server.get()) {
            let _ = socket2::SockRef::from(stream).set_linger(Some(Duration::ZERO));
        }
    }
}

fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener) {
    for client in listener.incoming() {
        if shared.lock().stopping {
            return;
        }
        let Ok(client) = client else { continue };
        let link = Arc::new(Link {
            client,
            server: OnceLock::new(),
            closed: AtomicBool::new(false),
            pumps: AtomicUsize::new(2),
        });
        shared.lock().links.push(Arc::clone(&link));
        let thread_shared = Arc::clone(shared);
        shared.spawn("relay-link", move || {
            open_link(&thread_shared, link);
        });
    }
}

/// Connects an accepted connection to the target once the link is open (a connection made
/// during a cut stays silent until then), and forwards both ways.
fn open_link(shared: &Arc<Shared>, link: Arc<Link>) {
    if !shared.wait_until_open(&link) {
        shared.forget(&link);
        return;
    }
    let server = match TcpStream::connect_timeout(&shared.target, BOUND) {
        Ok(server) => server,
        Err(_) => {
            // Nobody listens there: refuse as a host would, with a reset.
            link.close_with_reset();
            shared.forget(&link);
            return;
        }
    };
    for stream in [&link.client, &server] {
        // Every step is bounded, and small messages (ZeroMQ's heartbeats) leave at once.
        let _ = stream.set_read_timeout(Some(STEP));
        let _ = stream.set_write_timeout(Some(STEP));
        let _ = stream.set_nodelay(true);
    }
    let _ = link.server.set(server);
    if link.closed.load(Ordering::SeqCst) {
        // Reset while we connected: the new socket is reset too.
        link.close_with_reset();
    }
    let upstream = Arc::clone(&link);
    let upstream_shared = Arc::clone(shared);
    shared.spawn("relay-pump", move || {
        pump(&upstream_shared, upstream, Direction::ToClient);
    });
    pump(shared, link, Direction::ToServer);
}

#[derive(Clone, Copy)]
enum Direction {
    ToServer,
    ToClient,
}

enum Step {
    Moved,
    Idle,
    /// The source ended its stream (read), or the end was passed on (write).
    Ended,
    /// A socket failed (a reset, most likely): the other side gets a reset too.
    Broken,
}

/// Forwards one direction of a connection, one bounded step at a time.
fn pump(shared: &Shared, link: Arc<Link>, direction: Direction) {
    let Some(server) = link.server.get() else {
        return;
    };
    let (from, to) = match direction {
        Direction::ToServer => (&link.client, server),
        Direction::ToClient => (server, &link.client),
    };
    // Bytes read but not yet written: a cut holds them, as the network holds a segment that
    // TCP will send again.
    let mut held = Vec::new();
    let mut ended = false;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        // Reading starts only while the link is open. A read under way when the link is cut
        // may still return bytes: they are held, since writing waits for the link.
        if held.is_empty() && !ended {
            if !shared.wait_until_open(&link) {
                break;
            }
            match read(from, &mut buffer, &mut held) {
                Step::Moved => {}
                Step::Idle => continue,
                Step::Ended => ended = true,
                Step::Broken => {
                    link.close_with_reset();
                    break;
                }
            }
        }
        if !shared.enter(&link) {
            break;
        }
        let step = write(to, &mut held, ended, &shared.carried);
        shared.leave();
        match step {
            Step::Moved | Step::Idle => {}
            Step::Ended => break,
            Step::Broken => {
                link.close_with_reset();
                break;
            }
        }
    }
    let last = link.pumps.fetch_sub(1, Ordering::SeqCst) == 1;
    if last || link.closed.load(Ordering::SeqCst) {
        shared.forget(&link);
    }
    // Let go of the sockets before saying so: `reset` waits for that.
    drop(link);
    shared.changed.notify_all();
}

/// One bounded read into `held`.
fn read(from: &TcpStream, buffer: &mut [u8], held: &mut Vec<u8>) -> Step {
    match (&*from).read(buffer) {
        Ok(0) => Step::Ended,
        Ok(n) => {
            held.extend_from_slice(&buffer[..n]);
            Step::Moved
        }
        Err(error) if timed_out(&error) => Step::Idle,
        Err(_) => Step::Broken,
    }
}

/// One bounded write of what is held; once the source has ended and nothing is held, the
/// end of the stream is passed on.
fn write(
    mut to: &TcpStream,
    held: &mut Vec<u8>,
    ended: bool,
    carried: &AtomicU64,
) -> Step {
    if held.is_empty() {
        return match (ended, to.shutdown(Shutdown::Write)) {
            (false, _) => Step::Idle,
            (true, Ok(())) => Step::Ended,
            (true, Err(_)) => Step::Broken,
        };
    }
    match to.write(held) {
        Ok(n) => {
            held.drain(..n);
            carried.fetch_add(n as u64, Ordering::SeqCst);
            Step::Moved
        }
        Err(error) if timed_out(&error) => Step::Idle,
        Err(_) => Step::Broken,
    }
}

/// A read or write that ran out of time (the error differs between systems).
fn timed_out(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}
