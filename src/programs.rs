//! What the article's ported programs share: endpoints checked with a clear message, stdin read
//! line by line, and one-line errors instead of panics.

use std::collections::VecDeque;
use std::io::BufRead;
use std::process;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::Duration;

/// A timeout given on the command line, in seconds; decimals allowed (`--timeout 0.5`).
#[derive(Debug, Clone, Copy)]
pub struct Seconds(Duration);

impl Seconds {
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
        if !(seconds > 0.0 && seconds <= Self::MAX) {
            return Err(format!(
                "a timeout is more than 0 and at most {} seconds",
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

/// libzmq 4.3 accepts a tcp port above 65535 and quietly uses another one: refuse it here.
fn check_port(endpoint: &str, action: &str) {
    let port = endpoint
        .strip_prefix("tcp://")
        .and_then(|rest| rest.rsplit_once(':'))
        .map(|(_, port)| port);
    if let Some(Ok(number)) = port.map(str::parse::<u64>) {
        if number > u64::from(u16::MAX) {
            fail(format!(
                "cannot {action} {endpoint:?}: a tcp port is a number from 1 to 65535"
            ));
        }
    }
}

/// Binds, or explains in one line why the endpoint cannot be bound.
pub fn bind(socket: &zmq::Socket, endpoint: &str) {
    check_port(endpoint, "bind");
    if let Err(error) = socket.bind(endpoint) {
        fail(explain(error, endpoint, "bind"));
    }
}

/// Connects, or explains in one line why the endpoint cannot be used.
pub fn connect(socket: &zmq::Socket, endpoint: &str) {
    check_port(endpoint, "connect to");
    if let Err(error) = socket.connect(endpoint) {
        fail(explain(error, endpoint, "connect to"));
    }
}

/// The sentence a user needs for the errors bad input causes.
pub fn explain(error: zmq::Error, endpoint: &str, action: &str) -> String {
    match error {
        zmq::Error::EPROTONOSUPPORT => format!(
            "cannot {action} {endpoint:?}: unknown transport; use tcp://host:port, ipc://path or inproc://name"
        ),
        zmq::Error::EINVAL => format!(
            "cannot {action} {endpoint:?}: not a valid endpoint; expected e.g. tcp://127.0.0.1:5555"
        ),
        zmq::Error::EADDRINUSE => format!(
            "cannot {action} {endpoint:?}: the address is already in use by another program; pick another port"
        ),
        zmq::Error::ENOCOMPATPROTO => format!(
            "cannot {action} {endpoint:?}: this transport does not work with this socket type; use tcp://, ipc:// or inproc://"
        ),
        zmq::Error::ENODEV => format!("cannot {action} {endpoint:?}: no such network interface"),
        zmq::Error::EADDRNOTAVAIL => {
            format!("cannot {action} {endpoint:?}: that address does not belong to this machine")
        }
        other => format!("cannot {action} {endpoint:?}: {other}"),
    }
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
            Ok(message) => println!("response: {}", String::from_utf8_lossy(&message)),
            Err(zmq::Error::EAGAIN) => {
                fail(format!("nothing arrived {source} for {timeout}"))
            }
            Err(e) => fail(format!("cannot receive: {e}")),
        }
        received += 1;
    }
}

/// Lines typed on stdin, read on a thread of their own so that a program can wait for a
/// message and watch its input at the same time.
pub struct Input {
    lines: Receiver<String>,
    pending: VecDeque<String>,
    closed: bool,
}

impl Input {
    pub fn stdin() -> Input {
        let (send, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                if send.send(line.trim_end().to_string()).is_err() {
                    break;
                }
            }
        });
        Input {
            lines,
            pending: VecDeque::new(),
            closed: false,
        }
    }

    /// The next line, waiting for it; `None` once stdin is closed and every line was read.
    pub fn next_line(&mut self) -> Option<String> {
        self.pending.pop_front().or_else(|| self.lines.recv().ok())
    }

    /// True once stdin is closed and nothing typed is left to read: the program can stop.
    pub fn exhausted(&mut self) -> bool {
        loop {
            match self.lines.try_recv() {
                Ok(line) => self.pending.push_back(line),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.closed = true;
                    break;
                }
            }
        }
        self.closed && self.pending.is_empty()
    }
}

/// Waits for a message on `socket` while watching `input`: returns `None` when stdin closes
/// first (nobody is left to answer), checking every `slice`.
pub fn recv_or_input_closed(
    socket: &zmq::Socket,
    input: &mut Input,
    slice: Duration,
) -> Option<Vec<u8>> {
    loop {
        match socket.poll(zmq::POLLIN, slice.as_millis() as i64) {
            Ok(0) => {
                if input.exhausted() {
                    return None;
                }
            }
            Ok(_) => {
                return Some(
                    socket
                        .recv_bytes(0)
                        .unwrap_or_else(|e| fail(format!("receive failed: {e}"))),
                )
            }
            Err(e) => fail(format!("waiting for a message failed: {e}")),
        }
    }
}
