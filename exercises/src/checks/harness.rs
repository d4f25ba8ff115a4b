//! What every check shares: a context that never blocks the check when it closes, sockets
//! set up without the check's own timeouts, the learner's function run on a thread of its
//! own with bounded waits, and errors explained in plain words.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

pub type Check = Result<(), String>;

/// How long a check waits for a message that should come.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// How soon a function must return once its work is done: long enough for a loaded
/// machine, far shorter than "never".
pub const RETURN_BOUND: Duration = Duration::from_secs(1);

/// How late after its timeout a function may give up, or after its answer came may return
/// it.
pub const SLACK: Duration = Duration::from_millis(250);

/// libzmq times RCVTIMEO and SNDTIMEO with a millisecond clock that it caches: a 200 ms
/// timeout has been seen to give up after 199.2 ms.
pub const CLOCK_SLACK: Duration = Duration::from_millis(5);

/// The words every failure of the check's own set-up ends with.
pub fn not_your_fault(what: &str, error: impl std::fmt::Display) -> String {
    format!(
        "the check could not {what} ({error}): a fault of the check, not of your code"
    )
}

/// A set-up step of the check's own that failed, as a message instead of a panic.
pub fn setup<T>(result: zmq::Result<T>, what: &str) -> Result<T, String> {
    result.map_err(|error| not_your_fault(what, error))
}

/// One context per scenario. Closing a context waits for every socket made in it to close
/// and deliver what it holds; the learner's sockets may hold on for ever, so the check
/// never waits for that unless it means to ([`Scene::close_within`]).
pub struct Scene {
    context: Option<zmq::Context>,
}

impl Scene {
    pub fn new() -> Self {
        Scene {
            context: Some(zmq::Context::new()),
        }
    }

    pub fn context(&self) -> &zmq::Context {
        self.context
            .as_ref()
            .expect("a scene has its context until it is closed")
    }

    /// A socket with LINGER 0 and no send or receive timeout: what the learner gets is
    /// what a program would have, so a call that waits for ever does here too.
    pub fn socket(&self, kind: zmq::SocketType) -> Result<zmq::Socket, String> {
        let socket = setup(
            self.context().socket(kind),
            &format!("make a {kind:?} socket"),
        )?;
        setup(socket.set_linger(0), "set LINGER")?;
        Ok(socket)
    }

    /// A socket of the check's own side: its sends give up after `PATIENCE` (its receives
    /// are bounded by the helpers below), so that a learner's socket that went away
    /// cannot block the check.
    pub fn own(&self, kind: zmq::SocketType) -> Result<zmq::Socket, String> {
        let socket = self.socket(kind)?;
        setup(
            socket.set_sndtimeo(PATIENCE.as_millis() as i32),
            "set SNDTIMEO",
        )?;
        Ok(socket)
    }

    /// A socket for the learner, bound to `endpoint`.
    pub fn bound(
        &self,
        kind: zmq::SocketType,
        endpoint: &str,
    ) -> Result<zmq::Socket, String> {
        let socket = self.socket(kind)?;
        setup(socket.bind(endpoint), &format!("bind {endpoint}"))?;
        Ok(socket)
    }

    /// A socket for the learner, connected to `endpoint`.
    pub fn connected(
        &self,
        kind: zmq::SocketType,
        endpoint: &str,
    ) -> Result<zmq::Socket, String> {
        let socket = self.socket(kind)?;
        setup(socket.connect(endpoint), &format!("connect to {endpoint}"))?;
        Ok(socket)
    }

    /// A socket of the check's own side, bound to `endpoint`.
    pub fn own_bound(
        &self,
        kind: zmq::SocketType,
        endpoint: &str,
    ) -> Result<zmq::Socket, String> {
        let socket = self.own(kind)?;
        setup(socket.bind(endpoint), &format!("bind {endpoint}"))?;
        Ok(socket)
    }

    /// A socket of the check's own side, connected to `endpoint`.
    pub fn own_connected(
        &self,
        kind: zmq::SocketType,
        endpoint: &str,
    ) -> Result<zmq::Socket, String> {
        let socket = self.own(kind)?;
        setup(socket.connect(endpoint), &format!("connect to {endpoint}"))?;
        Ok(socket)
    }

    /// Closes the context, waiting at most `bound`: false if a socket still held it open.
    pub fn close_within(mut self, bound: Duration) -> bool {
        let context = self.context.take();
        let (closed, waiting) = mpsc::channel();
        thread::spawn(move || {
            drop(context);
            let _ = closed.send(());
        });
        waiting.recv_timeout(bound).is_ok()
    }
}

impl Drop for Scene {
    fn drop(&mut self) {
        if let Some(context) = self.context.take() {
            // Closing may wait for a socket the learner left behind: never in the check's
            // way.
            thread::spawn(move || drop(context));
        }
    }
}

/// A fresh inproc endpoint: names are per context, but a unique one reads better in
/// messages.
pub fn inproc(name: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("inproc://{name}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A tcp endpoint on the loopback that nobody has bound: a server that is not running.
/// Chosen at random below the kernel's ephemeral range, which the kernel never hands out
/// to others.
pub fn nobody_over_tcp() -> Result<String, String> {
    const LOWEST: u16 = 10_000;
    let below: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768);
    if below > LOWEST + 1_000 {
        for _ in 0..100 {
            let port = fastrand::u16(LOWEST..below);
            if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
                return Ok(format!("tcp://127.0.0.1:{port}"));
            }
        }
    }
    let probe = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| not_your_fault("find a free tcp port", e))?;
    let port = probe
        .local_addr()
        .map_err(|e| not_your_fault("find a free tcp port", e))?
        .port();
    Ok(format!("tcp://127.0.0.1:{port}"))
}

/// One message within `within`, every frame of it, or `None`.
pub fn recv_within(socket: &zmq::Socket, within: Duration) -> Option<Vec<Vec<u8>>> {
    match socket.poll(zmq::POLLIN, within.as_millis() as i64) {
        Ok(n) if n > 0 => socket.recv_multipart(zmq::DONTWAIT).ok(),
        _ => None,
    }
}

/// One single-frame message within `within`, or `None`.
pub fn recv_one_within(socket: &zmq::Socket, within: Duration) -> Option<Vec<u8>> {
    recv_within(socket, within).map(|frames| frames.concat())
}

/// Every message up to `sentinel` (which ends the sequence and is not part of it), each
/// within `PATIENCE`; `None` for the rest if the sentinel never came.
pub fn recv_until(socket: &zmq::Socket, sentinel: &[u8]) -> (Vec<Vec<u8>>, bool) {
    let mut received = Vec::new();
    while let Some(message) = recv_one_within(socket, PATIENCE) {
        if message == sentinel {
            return (received, true);
        }
        received.push(message);
    }
    (received, false)
}

/// Marks a failure on time alone: the function was right but late, or has not returned
/// yet.
const LATE: &str = "\u{23f1} ";

/// A failure on time alone. A machine too busy to run the learner's code in time could
/// cause one, so it is confirmed by a second run of the scenario before it is reported
/// ([`confirmed`]); a function that is late by design is late every time.
pub fn too_late(why: String) -> String {
    format!("{LATE}{why}")
}

/// Runs a scenario, and once more if it failed on time alone.
pub fn confirmed(mut scenario: impl FnMut() -> Check) -> Check {
    match scenario() {
        Err(why) if why.starts_with(LATE) => {
            scenario().map_err(|why| match why.strip_prefix(LATE) {
                Some(why) => format!("{why} (seen in two runs in a row)"),
                None => why,
            })
        }
        other => other,
    }
}

/// A zmq error in plain words.
pub fn explain(error: zmq::Error) -> String {
    match error {
        zmq::Error::EFSM => {
            "EFSM: a REQ or REP socket was used out of order (the book, RR6)".into()
        }
        zmq::Error::EAGAIN => {
            "EAGAIN: nothing could be sent or received without waiting (after DONTWAIT), or a \
             timeout ran out"
                .into()
        }
        zmq::Error::ENOTSUP => "ENOTSUP: that socket type cannot do that (the book, G2)".into(),
        zmq::Error::EADDRINUSE => {
            "EADDRINUSE: that endpoint is already bound; connect to an endpoint you are given"
                .into()
        }
        zmq::Error::ETERM => "ETERM: the context was closed while a call waited".into(),
        other => format!("{other} ({:?})", other),
    }
}

/// A zmq error from a call on `socket`, a socket the check made without timeouts: EAGAIN
/// can then only come from DONTWAIT, or from a timeout the learner set, and the socket
/// tells which.
pub fn explain_on(error: zmq::Error, socket: &zmq::Socket) -> String {
    if error != zmq::Error::EAGAIN {
        return explain(error);
    }
    let receive = socket.get_rcvtimeo().unwrap_or(-1);
    let send = socket.get_sndtimeo().unwrap_or(-1);
    match (receive, send) {
        (-1, -1) => "EAGAIN after DONTWAIT: nothing was waiting yet. DONTWAIT does not wait: \
                     it returns at once when no message has arrived (or none can be queued), \
                     and here the message came a moment after your function started"
            .into(),
        (-1, send) => format!("EAGAIN: the send timeout of {send} ms you set ran out"),
        (receive, -1) => format!("EAGAIN: the receive timeout of {receive} ms you set ran out"),
        (receive, send) => {
            format!("EAGAIN: a timeout you set ran out (receive {receive} ms, send {send} ms)")
        }
    }
}

/// A duration in milliseconds, for messages.
pub fn ms(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

/// A call of the learner's function on a thread of its own. The thread may be left behind
/// if the function never returns: the check reports that and goes on; the process still
/// ends.
pub struct Call<T> {
    done: mpsc::Receiver<(thread::Result<T>, Instant)>,
    outcome: Option<(thread::Result<T>, Instant)>,
    /// When the function was about to be called, on its thread.
    pub started: Instant,
}

pub fn call<T: Send + 'static>(function: impl FnOnce() -> T + Send + 'static) -> Call<T> {
    let (starting, started) = mpsc::channel();
    let (finished, done) = mpsc::channel();
    thread::spawn(move || {
        let _ = starting.send(Instant::now());
        let outcome = panic::catch_unwind(AssertUnwindSafe(function));
        let _ = finished.send((outcome, Instant::now()));
    });
    // Time given to the learner's world counts from the moment its thread runs.
    let started = started
        .recv_timeout(PATIENCE)
        .unwrap_or_else(|_| Instant::now());
    Call {
        done,
        outcome: None,
        started,
    }
}

impl<T> Call<T> {
    /// Whether the function has returned (or panicked) by now.
    pub fn has_returned(&mut self) -> bool {
        if self.outcome.is_none() {
            self.outcome = self.done.try_recv().ok();
        }
        self.outcome.is_some()
    }

    /// What the function returned and when, if it returns within `bound` from now. A
    /// panic in the learner's code is passed on as it is (a `todo!()` means "not done
    /// yet").
    pub fn within(&mut self, bound: Duration) -> Option<(T, Instant)> {
        if self.outcome.is_none() {
            self.outcome = self.done.recv_timeout(bound).ok();
        }
        match self.outcome.take()? {
            (Ok(value), at) => Some((value, at)),
            (Err(panic), _) => pass_on(panic),
        }
    }
}

/// Passes a panic of the learner's code on to the runner, which reads its message.
pub fn pass_on(panic: Box<dyn Any + Send>) -> ! {
    panic::resume_unwind(panic)
}

/// Runs scenarios side by side (each has its own sockets), and reports the first that
/// fails in the order given. A panic of the learner's code in any of them is passed on.
pub fn side_by_side(scenarios: Vec<Box<dyn FnOnce() -> Check + Send>>) -> Check {
    let running: Vec<_> = scenarios.into_iter().map(thread::spawn).collect();
    let mut first_failure = None;
    for scenario in running {
        match scenario.join() {
            Ok(Ok(())) => {}
            Ok(Err(why)) => {
                first_failure.get_or_insert(why);
            }
            Err(panic) => pass_on(panic),
        }
    }
    first_failure.map_or(Ok(()), Err)
}
