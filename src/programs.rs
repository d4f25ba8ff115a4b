//! What the article's ported programs share: endpoints checked with a clear message, stdin
//! read as the article's programs read it, output that may fail, stopping without losing
//! what was taken, and one-line errors instead of panics.

mod endpoint;
mod input;
mod output;
mod stop;
mod watched;

use std::process;
use std::time::{Duration, Instant};

pub use endpoint::{bind, connect, explain};
pub use input::{is_python_whitespace, recv_or_input_closed, strip, Input};
pub use output::{stop_quietly_when_stdout_fails, Output};
pub use stop::{listen_for_stop, stop_requested, Asked};
pub use watched::Watched;

/// A timeout given on the command line, in seconds; decimals allowed (`--timeout 0.5`).
#[derive(Debug, Clone, Copy)]
pub struct Seconds(Duration);

impl Seconds {
    /// libzmq counts timeouts in whole milliseconds: anything shorter would be 0, which means
    /// "do not wait at all".
    const MIN: f64 = 0.001;
    /// libzmq takes timeouts as milliseconds in an `int`: about 24 days at most.
    const MAX: f64 = 2_000_000.0;

    pub fn duration(self) -> Duration {
        self.0
    }

    /// For `set_rcvtimeo` and `set_sndtimeo`.
    pub fn millis(self) -> i32 {
        crate::lab::millis(self.0)
    }
}

impl std::str::FromStr for Seconds {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let seconds: f64 = text
            .parse()
            .map_err(|_| format!("{text:?} is not a number of seconds"))?;
        if !(Self::MIN..=Self::MAX).contains(&seconds) {
            return Err(format!(
                "a timeout is at least {} seconds (1 ms) and at most {} seconds",
                Self::MIN,
                Self::MAX
            ));
        }
        Ok(Seconds(Duration::from_secs_f64(seconds)))
    }
}

impl std::fmt::Display for Seconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} s", self.0.as_secs_f64())
    }
}

/// Prints one line that says what went wrong and stops with a non-zero exit code.
pub fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("error: {message}");
    process::exit(1)
}

/// A socket for a program: it closes at once on exit instead of lingering over unsent messages.
pub fn socket(context: &zmq::Context, kind: zmq::SocketType) -> zmq::Socket {
    let socket = context
        .socket(kind)
        .unwrap_or_else(|e| fail(format!("cannot create a socket: {e}")));
    socket
        .set_linger(0)
        .unwrap_or_else(|e| fail(format!("cannot configure the socket: {e}")));
    socket
}

/// Receives a message if one arrives within `window`; `None` if none does, or if a signal
/// interrupts the wait (the caller then looks at why).
pub fn recv_within(socket: &zmq::Socket, window: Duration) -> Option<Vec<u8>> {
    match socket.poll(zmq::POLLIN, crate::lab::millis(window).into()) {
        Ok(0) | Err(zmq::Error::EINTR) => None,
        Ok(_) => recv_now(socket),
        Err(e) => fail(format!("waiting for a message failed: {e}")),
    }
}

/// A message already queued on `socket`, without waiting.
pub fn recv_now(socket: &zmq::Socket) -> Option<Vec<u8>> {
    match socket.recv_bytes(zmq::DONTWAIT) {
        Ok(message) => Some(message),
        Err(zmq::Error::EAGAIN | zmq::Error::EINTR) => None,
        Err(e) => fail(format!("cannot receive: {e}")),
    }
}

/// Sends `message` if `socket` has room for it within `window`; whether it did.
pub fn send_within(socket: &zmq::Socket, message: &[u8], window: Duration) -> bool {
    let deadline = Instant::now() + window;
    loop {
        match socket.send(message, zmq::DONTWAIT) {
            Ok(()) => return true,
            Err(zmq::Error::EAGAIN | zmq::Error::EINTR) => {}
            Err(e) => fail(format!("cannot send: {e}")),
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        match socket.poll(zmq::POLLOUT, crate::lab::millis(left).max(1).into()) {
            Ok(0) | Err(zmq::Error::EINTR) => return false,
            Ok(_) => {}
            Err(e) => fail(format!("waiting for room to send failed: {e}")),
        }
    }
}

/// Ends the program's context, its sockets closed already with a linger of `linger`:
/// libzmq sends what they still hold, for that long at most. Whether everything left in
/// time (the end came before the linger ran out).
pub fn end_within(context: zmq::Context, linger: Duration) -> bool {
    let started = Instant::now();
    drop(context);
    started.elapsed() < linger
}

/// ZMQ_XPUB_NODROP, which the `zmq` crate does not offer: an XPUB that waits for room in a
/// subscriber's queue instead of dropping the message for that subscriber.
pub fn set_xpub_nodrop(socket: &mut zmq::Socket) {
    if let Err(e) = crate::lab::set_xpub_nodrop(socket, true) {
        fail(format!(
            "cannot configure the socket: ZMQ_XPUB_NODROP refused: {e}"
        ));
    }
}

/// The longest subscription filter a program accepts. libzmq 4.3.4 stores a SUB's filters in
/// a trie that it walks recursively, one call per byte, about 113 bytes of stack each (a
/// filter of 74 kB is the most an 8 MB stack holds; longer ones crash the program; 4.3.5
/// walks it in a loop). 4096 bytes need less than half a megabyte.
pub const LONGEST_FILTER: usize = 4096;

/// Subscribes `socket` to messages that begin with `filter`, or explains in one line why not.
pub fn subscribe(socket: &zmq::Socket, filter: &[u8]) {
    if filter.len() > LONGEST_FILTER {
        fail(format!(
            "a filter is at most {LONGEST_FILTER} bytes; this one has {}",
            filter.len()
        ));
    }
    if let Err(e) = socket.set_subscribe(filter) {
        fail(format!("cannot subscribe to {:?}: {e}", text(filter)));
    }
}

/// Bytes as text for a person to read: what is not UTF-8 shows as �.
pub fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The options of a program that prints what it receives (the subscriber and the sink).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Receiving {
    /// Stop after this many messages (for ever if not given)
    #[arg(long)]
    pub count: Option<usize>,
    /// Stop, with an error, when nothing arrives for this many seconds
    #[arg(long, default_value = "600")]
    pub timeout: Seconds,
}

/// Prints each message that arrives on `socket` as `response: …`, as the article's clients do,
/// until `count` messages (for ever if `None`). Nothing for `timeout`: one line, exit 1.
pub fn print_responses(socket: &zmq::Socket, receiving: Receiving, source: &str) {
    let Receiving { count, timeout } = receiving;
    if let Err(e) = socket.set_rcvtimeo(timeout.millis()) {
        fail(format!("cannot configure the socket: {e}"));
    }
    let mut received = 0;
    while count.is_none_or(|count| received < count) {
        match socket.recv_bytes(0) {
            Ok(message) => println!("response: {}", text(&message)),
            Err(zmq::Error::EAGAIN) => {
                fail(format!("nothing arrived {source} for {timeout}"))
            }
            Err(e) => fail(format!("cannot receive: {e}")),
        }
        received += 1;
    }
}
