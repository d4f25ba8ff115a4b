//! A socket's connections, read from libzmq's monitor: the handshakes it has completed (a
//! peer is there) and the connections open now (what they have not yet delivered). Only
//! the events for that are asked for: libzmq sends each event it is asked for with a
//! blocking send, so events nobody reads (a retry every 100 ms while a peer is missing)
//! would in time stall the socket; and an event sent while a bind fails overwrites the
//! error the bind returns.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::fail;

/// The events a program reads.
const EVENTS: [zmq::SocketEvent; 4] = [
    zmq::SocketEvent::HANDSHAKE_SUCCEEDED,
    zmq::SocketEvent::ACCEPTED,
    zmq::SocketEvent::CONNECTED,
    zmq::SocketEvent::DISCONNECTED,
];

/// How long every connection must have had nothing left to deliver before a program takes
/// it that libzmq has nothing left either (see [`Watched::wait_until_taken`]).
const SETTLED: Duration = Duration::from_millis(200);

/// A socket with the handshakes it has completed with peers (tcp and ipc; inproc has
/// none), and its connections.
pub struct Watched {
    pub socket: zmq::Socket,
    events: zmq::Socket,
    handshakes: usize,
    /// The file descriptors of its open tcp and ipc connections.
    connections: HashSet<i32>,
}

impl Watched {
    pub fn new(context: &zmq::Context, socket: zmq::Socket) -> Watched {
        let address = fresh_address();
        let mask = EVENTS.iter().fold(0, |mask, event| mask | *event as i32);
        let events = socket
            .monitor(&address, mask)
            .and_then(|()| context.socket(zmq::PAIR))
            .and_then(|events| events.set_linger(0).map(|()| events))
            .and_then(|events| events.connect(&address).map(|()| events))
            .unwrap_or_else(|e| fail(format!("cannot watch the socket: {e}")));
        Watched {
            socket,
            events,
            handshakes: 0,
            connections: HashSet::new(),
        }
    }

    /// The handshakes so far, after reading those that have arrived.
    pub fn handshakes(&mut self) -> usize {
        self.read(Duration::ZERO);
        self.handshakes
    }

    /// Waits until the socket has completed `count` handshakes in all, at most `within`;
    /// whether it has.
    pub fn wait_handshakes(&mut self, count: usize, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while self.handshakes < count {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            self.read(left);
        }
        true
    }

    /// Waits, until `deadline` at most, until the peers have taken everything the socket
    /// was given; whether they have.
    ///
    /// libzmq 4.3.4's LINGER does not cover it all: once the queue to a peer is empty, the
    /// connection closes, and the last bytes libzmq took from the queue (up to 8 KB) are
    /// lost if the peer, slow to read, has left no room for them yet. So this waits until
    /// no connection has bytes the peer has not taken (SIOCOUTQ) and libzmq writes none
    /// for [`SETTLED`]: with room to write, it would have.
    pub fn wait_until_taken(&mut self, deadline: Instant) -> bool {
        let mut settled_since: Option<Instant> = None;
        loop {
            self.read(Duration::ZERO);
            let now = Instant::now();
            if self.connections.iter().all(|&fd| unsent_bytes(fd) == 0) {
                if now - *settled_since.get_or_insert(now) >= SETTLED {
                    return true;
                }
            } else {
                settled_since = None;
            }
            if now >= deadline {
                return false;
            }
            self.read(Duration::from_millis(5).min(deadline - now));
        }
    }

    /// Reads the events that arrive within `window` (at least those already there).
    fn read(&mut self, window: Duration) {
        let mut wait = crate::lab::millis(window) as i64;
        loop {
            match self.events.poll(zmq::POLLIN, wait) {
                Ok(0) | Err(zmq::Error::EINTR) => return,
                Ok(_) => {}
                Err(e) => fail(format!("cannot watch the socket: {e}")),
            }
            // Frame 1: the event's number (u16) and a value (u32, the connection's file
            // descriptor for these events); frame 2: the endpoint.
            match self.events.recv_multipart(zmq::DONTWAIT) {
                Ok(frames) => self.note(&frames[0]),
                Err(zmq::Error::EAGAIN | zmq::Error::EINTR) => {}
                Err(e) => fail(format!("cannot watch the socket: {e}")),
            }
            wait = 0;
        }
    }

    fn note(&mut self, head: &[u8]) {
        let (Some(event), Some(value)) = (head.get(..2), head.get(2..6)) else {
            return;
        };
        let event = zmq::SocketEvent::from_raw(u16::from_le_bytes([event[0], event[1]]));
        let fd = i32::from_le_bytes([value[0], value[1], value[2], value[3]]);
        match event {
            zmq::SocketEvent::HANDSHAKE_SUCCEEDED => self.handshakes += 1,
            zmq::SocketEvent::ACCEPTED | zmq::SocketEvent::CONNECTED => {
                self.connections.insert(fd);
            }
            zmq::SocketEvent::DISCONNECTED => {
                self.connections.remove(&fd);
            }
            _ => {}
        }
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        // libzmq's monitor must stop before its reader closes: an event sent to a closed
        // reader blocks the context's I/O thread. Watching nothing elsewhere stops it.
        let _ = self.socket.monitor(&fresh_address(), 0);
    }
}

/// Bytes written to a connection that its peer has not taken yet: for tcp, not yet
/// acknowledged; for ipc, not yet read. 0 for a descriptor that is no connection (any more).
fn unsent_bytes(fd: i32) -> usize {
    let mut unsent: libc::c_int = 0;
    // SAFETY: SIOCOUTQ writes one int; on a descriptor it does not apply to, it fails.
    if unsafe { libc::ioctl(fd, libc::TIOCOUTQ, &mut unsent) } != 0 {
        return 0;
    }
    unsent.max(0) as usize
}

fn fresh_address() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "inproc://program-events-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
