//! A crashed process: a ported program killed with SIGKILL in the middle of an exchange,
//! next to the polite stop the claims use elsewhere. Its host lives on, so its kernel
//! closes its connections (FIN, or RST if it left bytes unread): the peers notice at
//! once, unlike a silent link. What dies is what the program held in its own memory.

use std::io::{BufRead, BufReader, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};

use super::push::{until_dealing_only_to, until_mark, BATCH};
use super::request::{self, Retry};
use super::{missing, number, undisturbed, when, Disturbed};
use crate::lab::{self, Lab, Transport, BOUND};

/// How a program is made to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Asked as a person asks it: a program that reads its input sees that input end
    /// (Ctrl-D), one that reads none gets SIGTERM. Either finishes what it holds and exits.
    Polite,
    /// SIGKILL (what `Child::kill` sends on Unix): it dies where it stands.
    Kill,
}

/// Where a ported program's executable is: beside the running program (`cargo run`) or
/// one directory up (the test binaries live in `target/<profile>/deps`).
pub fn program_path(name: &str) -> Result<PathBuf> {
    let me = std::env::current_exe()?;
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    me.ancestors()
        .skip(1)
        .take(2)
        .map(|dir| dir.join(&file))
        .find(|path| path.is_file())
        .ok_or_else(|| anyhow!("cannot find the program {file} beside {}", me.display()))
}

/// A program running as a child process, its output read line by line on a thread of its
/// own. It is killed when dropped, if it still runs.
pub struct Program {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Whether it reads its stdin (see [`Stop::Polite`]).
    reads_input: bool,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Program {
    /// Starts `path` with `args`, types `input` on its stdin and keeps stdin open.
    pub fn start(path: &Path, args: &[&str], input: &str) -> Result<Program> {
        Program::spawn(path, args, Some(input))
    }

    /// Starts `path` with `args`, a program that reads no input: its stdin is /dev/null,
    /// as a background job's.
    pub fn start_without_input(path: &Path, args: &[&str]) -> Result<Program> {
        Program::spawn(path, args, None)
    }

    fn spawn(path: &Path, args: &[&str], input: Option<&str>) -> Result<Program> {
        let mut command = Command::new(path);
        command
            .args(args)
            .stdin(match input {
                Some(_) => Stdio::piped(),
                None => Stdio::null(),
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = lab::spawn(&mut command)
            .with_context(|| format!("cannot start {}", path.display()))?;
        let mut stdin = child.stdin.take();
        if let (Some(stdin), Some(input)) = (stdin.as_mut(), input) {
            stdin.write_all(input.as_bytes())?;
        }
        let (send, lines) = mpsc::channel();
        let stdout = child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>);
        let stderr = child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>);
        for (prefix, stream) in [("", stdout), ("stderr: ", stderr)] {
            let (Some(stream), send) = (stream, send.clone()) else {
                continue;
            };
            thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if send.send(format!("{prefix}{line}")).is_err() {
                        break;
                    }
                }
            });
        }
        Ok(Program {
            child,
            stdin,
            reads_input: input.is_some(),
            lines,
            seen: Vec::new(),
        })
    }

    /// The program's process ID.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `within` for a line of output that contains `text`.
    pub fn wait_for_line(&mut self, text: &str, within: Duration) -> Result<()> {
        let deadline = Instant::now() + within;
        while !self.seen.iter().any(|line| line.contains(text)) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => bail!(
                    "the program did not print {text:?} within {within:?}; it printed {:?}",
                    self.seen
                ),
            }
        }
        Ok(())
    }

    /// Stops the program as `stop` says.
    pub fn stop(&mut self, stop: Stop) -> Result<()> {
        if stop == Stop::Polite && !self.reads_input {
            return self.signal(libc::SIGTERM);
        }
        match stop {
            Stop::Polite => drop(self.stdin.take()),
            Stop::Kill => self.child.kill()?,
        }
        Ok(())
    }

    /// Sends `signal` to the program.
    fn signal(&self, signal: libc::c_int) -> Result<()> {
        let pid = libc::pid_t::try_from(self.child.id())?;
        // SAFETY: kill(2) of our own child, which has not been waited for: the pid is still
        // its own.
        if unsafe { libc::kill(pid, signal) } != 0 {
            return Err(std::io::Error::last_os_error().into());
        }
        Ok(())
    }

    /// Waits up to [`BOUND`] for the program to end.
    ///
    /// std can only ask whether a child has ended, so it asks every millisecond. (A crate
    /// that waits with a timeout does so with a SIGCHLD handler, and a handled signal
    /// interrupts every blocking libzmq call in the process with EINTR: the experiments
    /// beside it would fail.)
    pub fn ended(&mut self) -> Result<ExitStatus> {
        let deadline = Instant::now() + BOUND;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() >= deadline {
                bail!("the program still ran {BOUND:?} after it was told to stop");
            }
            thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the pipeline lost when a worker stopped in the middle of a stream.
#[derive(Debug, Clone)]
pub struct WorkerStopped {
    /// From the stop to the ventilator's DISCONNECTED.
    pub noticed: Option<Duration>,
    /// Of [`BATCH`] tasks pushed just before the stop, how many were dealt to the worker.
    pub dealt_to_worker: usize,
    /// Tasks that reached neither the sink (through the worker) nor the other puller.
    pub lost: Vec<usize>,
    /// How the worker ended (killed by a signal, or exit code 0).
    pub exit: ExitStatus,
    /// The ventilator's endpoint, and the connections it dealt to before the stop: the
    /// worker's and the other puller's.
    pub ventilator: lab::Ready,
    /// The sink's connections before the stop: the worker's.
    pub sink_peers: usize,
}

/// The article's pipeline with one worker as a real process (`pl-worker` at `worker`) and
/// one puller in this process beside it; see [`worker_stops_beside`].
pub fn worker_stops_mid_stream_once(worker: &Path, stop: Stop) -> Result<WorkerStopped> {
    worker_stops_beside(worker, stop, 1)
}

// ANCHOR: worker_stops
/// The article's pipeline with one worker as a real process (`pl-worker` at `worker`) and
/// one puller in this process beside it, connected `connections` times: the ventilator
/// deals to each connection in turn, the worker's first. Ten tasks go through (the
/// control); ten more are pushed and the worker is stopped, killed at once or politely once
/// it took its share; once the ventilator noticed, ten more. Each round ends with a marker
/// for each connection, so that what each got is counted, not assumed.
pub fn worker_stops_beside(
    worker: &Path,
    stop: Stop,
    connections: usize,
) -> Result<WorkerStopped> {
    let lab = Lab::new()?;
    let mut ventilator = lab.watch(lab.socket(zmq::PUSH)?)?;
    let tasks = lab.bind(&ventilator.socket, Transport::Tcp)?;
    let mut sink = lab.watch(lab.socket(zmq::PULL)?)?;
    let results = lab.bind(&sink.socket, Transport::Tcp)?;
    let args = ["--pull", tasks.as_str(), "--push", results.as_str()];
    let mut program = Program::start_without_input(worker, &args)?;
    ventilator.wait_handshakes(1)?; // the worker's connection, the first dealt to
    let near = lab.socket(zmq::PULL)?;
    for _ in 0..connections {
        near.connect(&tasks)?;
    }
    ventilator.wait_handshakes(1 + connections)?;
    sink.wait_handshakes(1)?;
    ventilator.socket.get_events()?;
    let handshake = zmq::SocketEvent::HANDSHAKE_SUCCEEDED;
    let ready = lab::Ready {
        endpoint: lab::last_endpoint(&ventilator.socket)?,
        peers: ventilator.seen(handshake)?,
    };
    let sink_peers = sink.seen(handshake)?;

    let (mut pushed, mut rounds) = (0, 0);
    // A round: BATCH tasks, then a marker for each of `to` connections.
    let mut push = |socket: &zmq::Socket, to: usize| -> Result<(Range<usize>, usize)> {
        for n in pushed..pushed + BATCH {
            socket.send(n.to_string().as_str(), 0)?;
        }
        pushed += BATCH;
        rounds += 1;
        for _ in 0..to {
            socket.send(format!("mark {rounds}").as_str(), 0)?;
        }
        Ok((pushed - BATCH..pushed, rounds))
    };
    // The control: the worker takes part, and passes its share and its marker on.
    let (_, round) = push(&ventilator.socket, 1 + connections)?;
    let mut delivered = until_mark(&sink.socket, round)?;
    let mut taken_near = until_marks(&near, round, connections)?;

    let (during, round) = push(&ventilator.socket, 1 + connections)?;
    if stop == Stop::Polite {
        // Stopped once it has taken its share, up to its marker, so that what it holds
        // is what it took, not what a busy machine had not yet carried to it: what is
        // still on its way when it stops is lost, as when killed.
        program.wait_for_line(&format!("forwarding: mark {round}"), BOUND)?;
    }
    program.stop(stop)?;
    let stopped = Instant::now();
    let noticed = when(
        &mut ventilator,
        zmq::SocketEvent::DISCONNECTED,
        1,
        stopped,
        stopped + BOUND,
    )?;
    let exit = program.ended()?;
    taken_near.extend(until_marks(&near, round, connections)?);
    taken_near.extend(until_dealing_only_to(&ventilator.socket, &near)?.tasks);
    // The last round is the other puller's alone: it has it all once it has its markers.
    let (_, round) = push(&ventilator.socket, connections)?;
    taken_near.extend(until_marks(&near, round, connections)?);

    // Everything the worker passed on is in before its connection to the sink closes.
    sink.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
    let drained = lab::drain(&sink.socket, Duration::from_millis(20))?;
    delivered.extend(
        drained
            .iter()
            .map(|m| number(m))
            .filter(|&n| n != usize::MAX),
    );
    let near_during = taken_near.iter().filter(|n| during.contains(n)).count();
    let arrived: Vec<usize> = delivered.iter().chain(&taken_near).copied().collect();
    let lost = missing(pushed, &arrived);
    if stop == Stop::Kill && lost.is_empty() && near_during < BATCH {
        // The worker passed its whole share on before the kill reached it: the run says
        // nothing of what a kill loses.
        return Err(
            Disturbed("the worker passed on its share before the kill".into()).into(),
        );
    }
    Ok(WorkerStopped {
        noticed,
        dealt_to_worker: BATCH - near_during,
        lost,
        exit,
        ventilator: ready,
        sink_peers,
    })
}
// ANCHOR_END: worker_stops

/// [`worker_stops_mid_stream_once`], run again when a stall let the worker pass on its
/// whole share before the kill (at most [`super::ATTEMPTS`] times).
pub fn worker_stops_mid_stream(worker: &Path, stop: Stop) -> Result<WorkerStopped> {
    undisturbed(|| worker_stops_mid_stream_once(worker, stop)).map(|(stopped, _)| stopped)
}

/// Reads task numbers until `count` markers of round `mark` have arrived: one for each
/// connection of `puller` (across connections, order is kept only within each).
fn until_marks(puller: &zmq::Socket, mark: usize, count: usize) -> Result<Vec<usize>> {
    let mut tasks = Vec::new();
    for _ in 0..count {
        tasks.extend(until_mark(puller, mark)?);
    }
    Ok(tasks)
}

/// What a REQ did when its server stopped in the middle of a request and a new one
/// started.
#[derive(Debug, Clone)]
pub struct ServerRestarted {
    /// From the stop to the REQ's DISCONNECTED.
    pub noticed: Option<Duration>,
    /// From the start of the new server to its handshake with the REQ that asks again.
    pub reconnected: Option<Duration>,
    /// The error of the second request (`None`: accepted).
    pub resend: Option<zmq::Error>,
    /// The reply the REQ received from the new server, within [`request::answer_window`]
    /// of the handshake.
    pub answer: Option<String>,
    /// How the first server ended (killed by a signal, or by itself).
    pub first_exit: ExitStatus,
    /// The server's endpoint as the REQ reports it, and the REQ's connections before the
    /// stop.
    pub client: lab::Ready,
}

/// The reply the new server types.
pub const SECOND_REPLY: &str = "from the second server";

// ANCHOR: server_restarts
/// A REQ asks `rr-server` (at `server`), a real process; the server prints the request
/// and, before it answers, is stopped. A new server binds the same address; the REQ
/// reconnects by itself (RR4: it does not matter which side starts first), and asks again
/// as `retry` says.
pub fn server_stops_mid_request(
    server: &Path,
    stop: Stop,
    retry: Retry,
) -> Result<ServerRestarted> {
    let lab = Lab::new()?;
    let endpoint = lab.free_endpoint(Transport::Tcp)?; // the program binds it
    let mut first = Program::start(server, &["--bind", &endpoint], "")?;
    let mut client = request::client(&lab, retry, None)?;
    client.socket.connect(&endpoint)?;
    client.socket.send("request 1", 0)?;
    first.wait_for_line("request 1", BOUND)?;
    client.wait_handshakes(1)?;
    let ready = lab::Ready {
        endpoint: lab::last_endpoint(&client.socket)?,
        peers: client.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?,
    };
    first.stop(stop)?;
    let stopped = Instant::now();
    let noticed = when(
        &mut client,
        zmq::SocketEvent::DISCONNECTED,
        1,
        stopped,
        stopped + BOUND,
    )?;
    let first_exit = first.ended()?; // its address is free again

    let typed = format!("{SECOND_REPLY}\n");
    let second = Program::start(server, &["--bind", &endpoint], &typed)?;
    let started = Instant::now();
    let (resend, mut client) = request::ask_again(&lab, client, &endpoint, retry, None)?;
    let handshakes = if retry == Retry::FreshSocket { 1 } else { 2 };
    let reconnected = when(
        &mut client,
        zmq::SocketEvent::HANDSHAKE_SUCCEEDED,
        handshakes,
        started,
        started + BOUND,
    )?;
    let window = request::answer_window(retry);
    let answer = lab::recv_within(&client.socket, window)?.map(|reply| lab::text(&reply));
    drop(second);
    Ok(ServerRestarted {
        noticed,
        reconnected,
        resend,
        answer,
        first_exit,
        client: ready,
    })
}
// ANCHOR_END: server_restarts
