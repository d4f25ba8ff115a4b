//! What every check shares: a context that never blocks the check when it closes, sockets
//! set up without the check's own timeouts, the learner's function run on a thread of its
//! own with bounded waits, and errors explained in plain words.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
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

/// A message: its frames, in order. The checks compare messages frame by frame, never
/// their frames run together: a message split into two frames, or two frames joined into
/// one, is not the same message.
pub type Message = Vec<Vec<u8>>;

/// A message of one frame.
pub fn one_frame(bytes: impl Into<Vec<u8>>) -> Message {
    vec![bytes.into()]
}

/// One message within `within`, every frame of it, or `None`.
pub fn recv_within(socket: &zmq::Socket, within: Duration) -> Option<Message> {
    match socket.poll(zmq::POLLIN, within.as_millis() as i64) {
        Ok(n) if n > 0 => socket.recv_multipart(zmq::DONTWAIT).ok(),
        _ => None,
    }
}

/// Every message up to `sentinel`, a message of one frame (which ends the sequence and is
/// not part of it), each within `PATIENCE`; `false` if the sentinel never came.
pub fn recv_until(socket: &zmq::Socket, sentinel: &[u8]) -> (Vec<Message>, bool) {
    let mut received = Vec::new();
    while let Some(message) = recv_within(socket, PATIENCE) {
        if message.len() == 1 && message[0] == sentinel {
            return (received, true);
        }
        received.push(message);
    }
    (received, false)
}

/// The socket the check handed over is still bound or connected where the check put it,
/// and nowhere else: libzmq keeps the endpoint of the last bind or connect, and a bind or
/// connect of the learner's own shows there. (`what` names the socket, e.g. "the REP
/// socket `server`".)
pub fn only_where_given(
    socket: &zmq::Socket,
    endpoint: &str,
    function: &str,
    what: &str,
) -> Check {
    match socket.get_last_endpoint() {
        Ok(Ok(last)) if last != endpoint => Err(format!(
            "{function} bound or connected {what} to {last} as well: it is already at \
             {endpoint}, where its peers are. A bind or connect of your own takes a port or \
             a peer nobody asked for; use the socket as it is given"
        )),
        _ => Ok(()),
    }
}

/// Marks a failure on time alone: the function was right but late, or has not returned
/// yet.
const LATE: &str = "\u{23f1} ";

/// A failure on time alone. A machine too busy to run the learner's code in time could
/// cause one, so it is confirmed by more runs of the scenario before it is reported
/// ([`confirmed`]); a function that is late by design is late every time.
pub fn too_late(why: String) -> String {
    format!("{LATE}{why}")
}

/// How many runs in a row must fail on time alone before the failure is reported. Two
/// were once not enough: a right answer to exercise 8 was late twice in a row, with two
/// CPU hogs and a hundred other checks on a 2-core machine.
const LATE_RUNS: usize = 3;

/// How long the runs may go on in all before a third starts: a check of a long scenario
/// must stay well within the runner's limit.
const CONFIRMING: Duration = Duration::from_secs(4);

/// Runs a scenario, and again (up to [`LATE_RUNS`] runs in all) while it fails on time
/// alone; any other outcome of a run is the outcome.
pub fn confirmed(mut scenario: impl FnMut() -> Check) -> Check {
    let started = Instant::now();
    let mut runs = 0;
    loop {
        runs += 1;
        match scenario() {
            Err(why) if why.starts_with(LATE) => {
                if runs < 2 || (runs < LATE_RUNS && started.elapsed() < CONFIRMING) {
                    continue;
                }
                let why = why.trim_start_matches(LATE);
                return Err(format!("{why} (seen in {runs} runs in a row)"));
            }
            other => return other,
        }
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
    /// The kernel's id of that thread, where the system tells it (Linux).
    pub thread: Option<u32>,
}

pub fn call<T: Send + 'static>(function: impl FnOnce() -> T + Send + 'static) -> Call<T> {
    let (starting, started) = mpsc::channel();
    let (finished, done) = mpsc::channel();
    thread::spawn(move || {
        let _ = starting.send((Instant::now(), thread_id()));
        let outcome = panic::catch_unwind(AssertUnwindSafe(function));
        let _ = finished.send((outcome, Instant::now()));
    });
    // Time given to the learner's world counts from the moment its thread runs.
    let (started, thread) = started
        .recv_timeout(PATIENCE)
        .unwrap_or_else(|_| (Instant::now(), None));
    Call {
        done,
        outcome: None,
        started,
        thread,
    }
}

/// The kernel's id of the calling thread, where the system tells it (Linux).
fn thread_id() -> Option<u32> {
    std::fs::read_link("/proc/thread-self")
        .ok()?
        .file_name()?
        .to_str()?
        .parse()
        .ok()
}

/// The system calls a thread waits in while it sleeps (`std::thread::sleep`): nanosleep
/// and clock_nanosleep.
#[cfg(target_arch = "x86_64")]
const SLEEP_CALLS: &[u64] = &[35, 230];
#[cfg(target_arch = "aarch64")]
const SLEEP_CALLS: &[u64] = &[101, 115];
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
const SLEEP_CALLS: &[u64] = &[];

/// How long a learner's thread may be seen asleep before it counts as sleeping in place of
/// a wait: the watch reads every millisecond, and a blocking receive never sleeps.
pub const SLEPT: Duration = Duration::from_millis(5);

/// The system call a ZeroMQ wait is made in on the learner's thread (a receive, a send,
/// `zmq::poll`), and which of its arguments is the timeout in milliseconds: poll(2), whose
/// timeout is -1 for a wait without end. Elsewhere than on x86_64 libzmq waits in ppoll,
/// whose timeout the kernel does not show: no bounded wait is seen there.
#[cfg(target_arch = "x86_64")]
const WAIT_CALL: Option<(u64, usize)> = Some((7, 2));
#[cfg(not(target_arch = "x86_64"))]
const WAIT_CALL: Option<(u64, usize)> = None;

/// How long a world's slow event (a request, an answer, a sink that reads) may be held back
/// past the bounded waits of a learner's thread: a wait bounded at more than this is not
/// waited out.
pub const HELD_AT_MOST: Duration = Duration::from_secs(6);

/// How long past a bounded wait's end, and past the first bounded wait seen, a held event
/// still waits: a wait that ends and is tried again a few times is waited out too, and
/// one that gives up for good has returned by then.
const HELD_PAST: Duration = Duration::from_millis(1_500);

/// What the watch saw of the learner's waits with an end: when the first began (as first
/// seen), and the longest bound.
#[derive(Clone, Copy, Default)]
struct Bounded {
    first: Option<Instant>,
    longest: Duration,
}

/// The timeout of a wait, from a line of `/proc/<pid>/task/<id>/syscall` (the call's
/// number, then its arguments in hex): `Some` for a ZeroMQ wait with an end, `None` for
/// anything else, a wait without end included.
fn bounded_wait(state: &str) -> Option<Duration> {
    let (number, argument) = WAIT_CALL?;
    let mut fields = state.split_whitespace();
    let call: u64 = fields.next()?.parse().ok()?;
    if call != number {
        return None;
    }
    let raw = fields.nth(argument)?.trim_start_matches("0x");
    // An int in a 64-bit register: only its low 32 bits are the argument.
    let timeout = u64::from_str_radix(raw, 16).ok()? as u32 as i32;
    u64::try_from(timeout)
        .ok()
        .filter(|&ms| ms > 0)
        .map(Duration::from_millis)
}

/// Watches the thread of a learner's function from outside. It measures how long the
/// thread sleeps: where the task says to wait for evidence, a sleep is a guess however it
/// turns out. And it sees the waits with an end (a receive timeout, `zmq::poll` with a
/// timeout, a send timeout): where the task says to wait however long it takes, a world
/// whose event is slow holds it back until such waits have run out ([`SleepWatch::hold`]).
/// Linux tells, for each thread, the system call it waits in and its arguments
/// (`/proc/self/task/<id>/syscall`); elsewhere nothing is seen, and nothing is said.
pub struct SleepWatch {
    stop: Arc<AtomicBool>,
    bounded: Arc<std::sync::Mutex<Bounded>>,
    watching: Option<thread::JoinHandle<Duration>>,
}

impl SleepWatch {
    pub fn start(thread: Option<u32>) -> SleepWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let bounded = Arc::new(std::sync::Mutex::new(Bounded::default()));
        let watching = thread.filter(|_| !SLEEP_CALLS.is_empty()).map(|id| {
            let (stop, bounded) = (stop.clone(), bounded.clone());
            let path = format!("/proc/self/task/{id}/syscall");
            thread::spawn(move || {
                let mut asleep = Duration::ZERO;
                let mut last = Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    let Ok(state) = std::fs::read_to_string(&path) else {
                        break;
                    };
                    let now = Instant::now();
                    let call =
                        state.split_whitespace().next().and_then(|n| n.parse().ok());
                    if call.is_some_and(|call: u64| SLEEP_CALLS.contains(&call)) {
                        asleep += now - last;
                    }
                    if let Some(bound) = bounded_wait(&state) {
                        let mut seen = bounded.lock().unwrap_or_else(|e| e.into_inner());
                        seen.first.get_or_insert(now);
                        seen.longest = seen.longest.max(bound);
                    }
                    last = now;
                    thread::sleep(Duration::from_millis(1));
                }
                asleep
            })
        });
        SleepWatch {
            stop,
            bounded,
            watching,
        }
    }

    /// A flag that stops the watch when set, from any thread: once what a sleep could
    /// stand in for has happened, there is nothing more to watch. [`SleepWatch::stop`]
    /// still tells how long the thread was seen asleep until then.
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// A handle that holds a world's slow event back past the learner's bounded waits,
    /// from any thread.
    pub fn holder(&self) -> Holder {
        Holder {
            bounded: self.bounded.clone(),
        }
    }

    /// How long the thread was seen asleep, up to now.
    pub fn stop(mut self) -> Duration {
        self.stop.store(true, Ordering::Relaxed);
        self.watching
            .take()
            .and_then(|watching| watching.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for SleepWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Holds a world's slow event back past the learner's bounded waits (see [`SleepWatch`]).
#[derive(Clone)]
pub struct Holder {
    bounded: Arc<std::sync::Mutex<Bounded>>,
}

/// A bounded wait a world's event was held back past: the longest bound seen, and whether
/// the hold reached its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldPast {
    pub bound: Duration,
    /// The bound ran past what a check may hold an event back ([`HELD_AT_MOST`]): the
    /// event came while the wait was still on, and what the function does once it ends
    /// was never seen.
    pub beyond_reach: bool,
}

impl HeldPast {
    /// Says it, to end a failure's message: ". It waited with a timeout (3000 ms at the
    /// longest), …"; nothing if no wait was held past.
    pub fn said(held: Option<HeldPast>) -> String {
        match held {
            Some(HeldPast { bound, .. }) => format!(
                ". It waited with a timeout ({} at the longest), and the world waited it out: \
                 the task says to wait however long it takes, so no timeout is long enough",
                ms(bound)
            ),
            None => String::new(),
        }
    }

    /// A failure if the function waited with a bound too long to be waited out, where the
    /// task says to wait however long it takes: held only 6 s, a 20 s wait that gives up
    /// would pass. A loop of such long waits that never gives up is refused too: within the
    /// time a check may take, the two cannot be told apart, and a wait without an end is
    /// what the task asks for. A loop of shorter waits is seen to go on, and passes.
    pub fn within_reach(held: Option<HeldPast>, name: &str, event: &str) -> Check {
        match held {
            Some(HeldPast {
                bound,
                beyond_reach: true,
            }) => Err(format!(
                "{name} waited with a timeout ({}) where the task says to wait however long \
                 it takes: a wait with an end gives up if {event} takes longer. The check \
                 holds {event} back past a timeout of up to {} and no longer, so it cannot \
                 see what yours does once {} have gone by: wait without an end (a timeout of \
                 -1, or a receive without one)",
                ms(bound),
                ms(HELD_AT_MOST),
                ms(bound)
            )),
            _ => Ok(()),
        }
    }
}

impl Holder {
    /// Waits until `planned`, the world's own time for its slow event, and, if the
    /// learner's thread was seen in a wait with an end by then, on until such waits have
    /// run out: the first seen, and the longest bound seen, each [`HELD_PAST`] behind (at
    /// most [`HELD_AT_MOST`] past `planned`), or until `returned` says the function
    /// returned. Returns the longest bound, if it held the event back for one.
    pub fn hold_until(
        &self,
        planned: Instant,
        mut returned: impl FnMut(Duration) -> bool,
    ) -> Option<HeldPast> {
        let now = Instant::now();
        if planned > now && returned(planned - now) {
            return None;
        }
        let mut held = None;
        loop {
            let seen = *self.bounded.lock().unwrap_or_else(|e| e.into_inner());
            let Some(first) = seen.first else {
                return held;
            };
            let until = (first + seen.longest.max(HELD_PAST) + HELD_PAST)
                .min(planned + HELD_AT_MOST);
            held = Some(HeldPast {
                bound: seen.longest,
                // A wait that ends before the hold does, and does not return, is one of a
                // loop: the event comes during the next. One still on when the hold ends
                // is never seen to end.
                beyond_reach: first + seen.longest > until,
            });
            let now = Instant::now();
            if now >= until {
                return held;
            }
            // Looked at again at the end: a longer bound may have been seen meanwhile.
            if returned((until - now).min(Duration::from_millis(100))) {
                return held;
            }
        }
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

    /// Whether the function returns (or panics) within `bound` from now; what it returned
    /// is kept for [`Call::within`].
    pub fn returns_within(&mut self, bound: Duration) -> bool {
        if self.outcome.is_none() {
            self.outcome = self.done.recv_timeout(bound).ok();
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
/// fails in the order given. A panic of the learner's code in any of them is passed on as
/// soon as it happens (a `todo!()` is "not done yet", whatever the other scenarios wait
/// for).
pub fn side_by_side(scenarios: Vec<Box<dyn FnOnce() -> Check + Send>>) -> Check {
    let (finished, finishing) = mpsc::channel();
    let count = scenarios.len();
    for (at, scenario) in scenarios.into_iter().enumerate() {
        let finished = finished.clone();
        thread::spawn(move || {
            let outcome = panic::catch_unwind(AssertUnwindSafe(scenario));
            let _ = finished.send((at, outcome));
        });
    }
    drop(finished);
    let mut outcomes: Vec<Option<Check>> = vec![None; count];
    for (at, outcome) in finishing.iter() {
        match outcome {
            Ok(check) => outcomes[at] = Some(check),
            Err(panic) => pass_on(panic),
        }
    }
    outcomes
        .into_iter()
        .map(|outcome| outcome.unwrap_or(Ok(())))
        .find(Result::is_err)
        .unwrap_or(Ok(()))
}
