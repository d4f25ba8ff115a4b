//! Running a ported program as a child process, with its stdin given up front and every wait
//! bounded: a program that hangs is killed and the test fails with what it printed.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

/// No ported program may run longer than this in a test.
pub const BOUND: Duration = Duration::from_secs(20);

pub struct Program {
    name: &'static str,
    child: Child,
    /// Open while the program should keep running; closed by `finish`.
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// What has been read from stdout so far.
    seen: String,
}

impl Program {
    /// Starts `name` with `args`, types `stdin` into it and closes its stdin.
    pub fn start(name: &'static str, args: &[&str], stdin: &str) -> Program {
        let mut program = Program::start_open(name, args);
        let mut input = program.stdin.take().unwrap();
        input.write_all(stdin.as_bytes()).unwrap();
        program
    }

    /// Starts `name` with `args` and keeps its stdin open until `finish`: for programs that
    /// run until their input closes.
    pub fn start_open(name: &'static str, args: &[&str]) -> Program {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin(name))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Program {
            name,
            child,
            stdin,
            stdout,
            seen: String::new(),
        }
    }

    /// Reads stdout up to and including the first line that contains `text`: the evidence
    /// that the program got that far. Fails if the program ends first.
    pub fn wait_for_line(&mut self, text: &str) {
        loop {
            let mut line = String::new();
            let read = self.stdout.read_line(&mut line).unwrap();
            self.seen.push_str(&line);
            assert!(
                read > 0,
                "{} ended before printing {text:?}; it printed:\n{}",
                self.name,
                self.seen
            );
            if line.contains(text) {
                return;
            }
        }
    }

    /// Waits (bounded) for the program to end; returns its whole stdout, its stderr and
    /// whether it succeeded.
    pub fn finish(mut self) -> Finished {
        drop(self.stdin.take());
        let Some(status) = self.child.wait_timeout(BOUND).unwrap() else {
            let _ = self.child.kill();
            panic!(
                "{} did not end within {BOUND:?}; it printed:\n{}",
                self.name, self.seen
            );
        };
        self.stdout.read_to_string(&mut self.seen).unwrap();
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        Finished {
            stdout: self.seen,
            stderr,
            success: status.success(),
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
    format!(
        "tcp://127.0.0.1:{}",
        zmq_workbook::lab::free_tcp_port().unwrap()
    )
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
