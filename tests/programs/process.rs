//! Running a program as a child process with every wait bounded: its output is collected by
//! threads of their own, so a test can wait for a line with a deadline, and a program that
//! hangs is killed, the test failing with what it printed. A program still running when its
//! handle is dropped is killed: a test never leaves a process behind.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// No program may run longer than this in a test, nor a wait for its output last longer.
pub const BOUND: Duration = Duration::from_secs(20);

/// What a child wrote to one of its outputs so far, and whether that output has ended.
#[derive(Default)]
struct Collected {
    bytes: Vec<u8>,
    ended: bool,
}

/// One output of a child, filled by a thread that reads it until it ends.
struct Output {
    shared: Arc<(Mutex<Collected>, Condvar)>,
    reader: Option<JoinHandle<()>>,
}

impl Output {
    fn collect(mut from: impl Read + Send + 'static) -> Output {
        let shared = Arc::new((Mutex::new(Collected::default()), Condvar::new()));
        let filled = Arc::clone(&shared);
        let reader = thread::spawn(move || {
            let mut chunk = [0; 4096];
            loop {
                let read = match from.read(&mut chunk) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    read => read.unwrap_or(0),
                };
                let (collected, changed) = &*filled;
                let mut collected = collected.lock().unwrap();
                if read == 0 {
                    collected.ended = true;
                } else {
                    collected.bytes.extend_from_slice(&chunk[..read]);
                }
                changed.notify_all();
                if read == 0 {
                    return;
                }
            }
        });
        Output {
            shared,
            reader: Some(reader),
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.shared.0.lock().unwrap().bytes).into_owned()
    }

    /// Waits until `done` holds for the text collected so far; `false` if the output ended
    /// or `bound` passed first.
    fn wait_until(&self, bound: Duration, mut done: impl FnMut(&str) -> bool) -> bool {
        let deadline = Instant::now() + bound;
        let (collected, changed) = &*self.shared;
        let mut collected = collected.lock().unwrap();
        loop {
            if done(&String::from_utf8_lossy(&collected.bytes)) {
                return true;
            }
            let now = Instant::now();
            if collected.ended || now >= deadline {
                return false;
            }
            collected = changed.wait_timeout(collected, deadline - now).unwrap().0;
        }
    }

    /// Everything the output carried, once the child has ended (it then ends soon).
    fn finish(&mut self) -> String {
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.text()
    }
}

/// A program running as a child process.
pub struct Program {
    name: String,
    child: Child,
    /// Open while the program should keep reading; closed by `close_stdin` or `finish`.
    stdin: Option<ChildStdin>,
    stdout: Output,
    stderr: Output,
    /// How much of stdout `wait_for` has already looked past.
    cursor: usize,
}

impl Program {
    /// Starts the ported program `name` with `args`, types `stdin` into it and closes its stdin.
    pub fn start(name: &str, args: &[&str], stdin: &str) -> Program {
        let mut program = Program::start_open(name, args);
        program.type_text(stdin).unwrap();
        program.close_stdin();
        program
    }

    /// Starts the ported program `name` with `args` and keeps its stdin open: for programs
    /// that run until their input closes.
    pub fn start_open(name: &str, args: &[&str]) -> Program {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin(name));
        command.args(args);
        Program::spawn(name, command)
    }

    /// Starts the ported program `name` with `args` and stdin from `stdin` (`Stdio::null()`,
    /// a file): for programs that need no input.
    pub fn start_with_stdin(name: &str, args: &[&str], stdin: Stdio) -> Program {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin(name));
        command.args(args);
        Program::spawn_with(name, command, stdin)
    }

    /// Starts any command, its three standard streams piped to the test.
    pub fn spawn(name: impl Into<String>, command: Command) -> Program {
        Program::spawn_with(name, command, Stdio::piped())
    }

    fn spawn_with(
        name: impl Into<String>,
        mut command: Command,
        stdin: Stdio,
    ) -> Program {
        let name = name.into();
        let mut child = command
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        let stdin = child.stdin.take();
        let stdout = Output::collect(child.stdout.take().unwrap());
        let stderr = Output::collect(child.stderr.take().unwrap());
        Program {
            name,
            child,
            stdin,
            stdout,
            stderr,
            cursor: 0,
        }
    }

    /// Types `text` into the program's stdin.
    pub fn type_text(&mut self, text: &str) -> Result<(), String> {
        self.type_bytes(text.as_bytes())
    }

    pub fn type_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        let stdin = self.stdin.as_mut().expect("stdin is still open");
        stdin
            .write_all(bytes)
            .and_then(|()| stdin.flush())
            .map_err(|e| {
                format!("cannot type into {}: {e}\n{}", self.name, self.report())
            })
    }

    /// Ctrl-D: the program reads the end of its input.
    pub fn close_stdin(&mut self) {
        drop(self.stdin.take());
    }

    /// Waits, at most `bound`, until stdout shows `text` after what earlier waits looked past:
    /// the evidence that the program got that far. The text need not end a line (a prompt
    /// does not).
    pub fn wait_for(&mut self, text: &str, bound: Duration) -> Result<(), String> {
        let from = self.cursor;
        let mut found = None;
        let seen = self.stdout.wait_until(bound, |out| {
            found = out.get(from..).and_then(|rest| rest.find(text));
            found.is_some()
        });
        match found {
            Some(at) if seen => {
                self.cursor = from + at + text.len();
                Ok(())
            }
            _ => Err(format!(
                "{} did not print {text:?} within {bound:?}\n{}",
                self.name,
                self.report()
            )),
        }
    }

    /// `wait_for` with the default bound, failing the test if the text does not come.
    pub fn wait_for_line(&mut self, text: &str) {
        self.wait_for(text, BOUND).unwrap_or_else(|e| panic!("{e}"));
    }

    /// What the program printed so far on stdout.
    pub fn stdout(&self) -> String {
        self.stdout.text()
    }

    /// How many times stdout has shown `text` so far.
    pub fn count(&self, text: &str) -> usize {
        self.stdout.text().matches(text).count()
    }

    /// Sends `signal` to the program: SIGTERM is how a program that reads no input is asked
    /// to stop.
    pub fn signal(&self, signal: i32) {
        let pid = self.child.id() as i32;
        // SAFETY: kill has no memory effects; the child is ours and not yet reaped.
        assert_eq!(
            unsafe { libc::kill(pid, signal) },
            0,
            "cannot signal {}",
            self.name
        );
    }

    /// Asks a program that reads no input to stop (SIGTERM, as `kill` sends it) and waits, at
    /// most `bound`, for it to end.
    pub fn terminate(self, bound: Duration) -> Result<Finished, String> {
        self.signal(libc::SIGTERM);
        self.exits(bound)
    }

    /// Whether the program still runs after `window`: a documented window for a program
    /// that must not end by itself, which a test shows long enough with a control that
    /// does end within it.
    pub fn runs_after(&mut self, window: Duration) -> bool {
        matches!(self.child.wait_timeout(window), Ok(None))
    }

    /// Closes stdin and waits, at most `bound`, for the program to end by itself.
    pub fn end(mut self, bound: Duration) -> Result<Finished, String> {
        self.close_stdin();
        self.exits(bound)
    }

    /// Waits, at most `bound`, for the program to end by itself, its stdin left as it is.
    pub fn exits(mut self, bound: Duration) -> Result<Finished, String> {
        match self.child.wait_timeout(bound) {
            Ok(Some(status)) => Ok(self.collect(status.success())),
            _ => Err(format!(
                "{} did not end within {bound:?}\n{}",
                self.name,
                self.report()
            )),
        }
    }

    /// `end` with the default bound, failing the test if the program does not end.
    pub fn finish(self) -> Finished {
        self.end(BOUND).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Ends a program that would otherwise run for ever (as the article's loops do).
    pub fn kill(mut self) -> Finished {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.collect(false)
    }

    fn collect(&mut self, success: bool) -> Finished {
        Finished {
            stdout: self.stdout.finish(),
            stderr: self.stderr.finish(),
            success,
        }
    }

    /// Both outputs so far, for a failure message.
    fn report(&self) -> String {
        format!(
            "--- its stdout ---\n{}\n--- its stderr ---\n{}",
            self.stdout.text(),
            self.stderr.text()
        )
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug)]
pub struct Finished {
    pub stdout: String,
    pub stderr: String,
    pub success: bool,
}

/// A fresh endpoint for a test: ipc in a temporary directory, or tcp on a free port that the
/// kernel will not hand to anyone else before the program binds it (see `lab::free_tcp_port`).
pub fn ipc_endpoint(dir: &tempfile::TempDir, name: &str) -> String {
    format!("ipc://{}/{name}.ipc", dir.path().display())
}

pub fn tcp_endpoint() -> String {
    // Tests running at once may pick the same free port before either binds it, and so may
    // another test process beside this one (a claim suite): each port handed out is leased
    // (`lab::lease`, shared by every process of the user) until this test process ends.
    use zmq_workbook::lab::lease::{lease, Lease, Leased};
    static GIVEN: Mutex<Vec<(u16, Option<Lease>)>> = Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap();
    for _ in 0..100 {
        let port = zmq_workbook::lab::free_tcp_port().unwrap();
        if given.iter().any(|(taken, _)| *taken == port) {
            continue;
        }
        match lease(port) {
            Leased::Held(held) => given.push((port, Some(held))),
            Leased::Taken => continue,
            Leased::Unsupported => given.push((port, None)),
        }
        return format!("tcp://127.0.0.1:{port}");
    }
    panic!("no port could be leased in 100 tries")
}

/// A call on a socket of the test itself, repeated when a signal interrupts it: the child
/// processes' SIGCHLD, which the test's bounded waits listen for, interrupts libzmq's waits.
pub fn retrying<T>(mut call: impl FnMut() -> zmq::Result<T>) -> T {
    loop {
        match call() {
            Err(zmq::Error::EINTR) => continue,
            result => return result.unwrap(),
        }
    }
}

/// `count` messages from a socket of the test (one the lab made, so each receive is
/// bounded), each received again if a signal interrupts the wait.
pub fn receive(socket: &zmq::Socket, count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|_| retrying(|| socket.recv_bytes(0)))
        .collect()
}

/// Runs a program that must refuse its input: one line on stderr, a non-zero exit, no panic.
pub fn assert_refused(name: &str, args: &[&str], stdin: &str, expected: &str) {
    let output = assert_cmd::Command::cargo_bin(name)
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .timeout(BOUND)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{name} {args:?} succeeded");
    assert!(
        !stderr.contains("panicked"),
        "{name} {args:?} panicked:\n{stderr}"
    );
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("error:"),
        "{name} {args:?}: first line {first:?}"
    );
    assert!(
        first.contains(expected),
        "{name} {args:?}: {first:?} should mention {expected:?}"
    );
}
