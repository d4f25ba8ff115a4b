//! Where the output goes away: a reader that stops reading (`ps-subscriber | head -1`) ends
//! the program quietly, and any other write error (a full disk) is one line on stderr.

use std::process::{Command, Stdio};

use wait_timeout::ChildExt;

use crate::process::{retrying, Finished, Program, BOUND};

/// Every program, with arguments that make it print at once and then wait for a while.
fn programs(dir: &tempfile::TempDir) -> Vec<(&'static str, Vec<String>)> {
    let at = |name: &str| format!("ipc://{}/{name}.ipc", dir.path().display());
    vec![
        ("workbook", vec!["claims".into(), "G2".into()]),
        ("rr-server", vec!["--bind".into(), at("rr")]),
        ("rr-client", vec!["--connect".into(), at("rr")]),
        ("ps-publisher", vec!["--bind".into(), at("ps")]),
        ("ps-subscriber", vec!["--connect".into(), at("ps")]),
        ("pl-ventilator", vec!["--bind".into(), at("pl")]),
        (
            "pl-worker",
            vec!["--pull".into(), at("pl"), "--push".into(), at("x")],
        ),
        ("pl-sink", vec!["--bind".into(), at("sink")]),
    ]
}

/// Runs `name` with `stdout` as its standard output and its stdin open (so that none of
/// them stops for lack of input); returns its exit code and stderr.
fn run_with_stdout(name: &str, args: &[String], stdout: Stdio) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin(name))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let Some(status) = child.wait_timeout(BOUND).unwrap() else {
        let _ = child.kill();
        panic!("{name} went on after its output failed");
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr)
        .unwrap();
    (status.code(), stderr)
}

#[test]
fn a_reader_that_goes_away_ends_each_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in programs(&dir) {
        // The reading end is closed before the program writes: its first line meets a
        // broken pipe, as every line after the first does under `| head -1`.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let (code, stderr) = run_with_stdout(name, &args, writer.into());
        assert_eq!(stderr, "", "{name} said something");
        assert_eq!(code, Some(0), "{name} should end as if it had finished");
    }
}

#[test]
fn a_full_disk_is_one_line_for_each_program() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in programs(&dir) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let (code, stderr) = run_with_stdout(name, &args, full.into());
        assert_eq!(
            stderr,
            "error: cannot write to stdout: No space left on device (os error 28)\n",
            "{name}"
        );
        assert_eq!(code, Some(1), "{name}");
    }
}

/// `name args… | head -1` as a shell runs it: the reader of the program's output is `head`,
/// which goes away after the first line. The shell then says "reader gone" (on the same
/// output, after head's line) once nothing reads the pipe any more, and, when the program
/// ends, "exit: <its code>" on stderr. The pipe is the shell's: no process the test starts
/// meanwhile can hold a copy of its reading end.
fn piped_to_head(name: &str, args: &[&str]) -> Program {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(r#"("$0" "$@"; echo "exit: $?" >&2) | { head -1; exec 0<&-; echo "reader gone"; }"#)
        .arg(assert_cmd::cargo::cargo_bin(name))
        .args(args);
    let mut program = Program::spawn(format!("{name} | head -1"), command);
    program.wait_for_line("reader gone\n");
    program
}

/// What the program said on stderr, and its exit code, once the shell has ended.
fn said_and_exit(finished: &Finished) -> (String, Option<i32>) {
    let stderr = &finished.stderr;
    let (said, code) = stderr
        .strip_suffix('\n')
        .map(|s| match s.rsplit_once('\n') {
            Some((said, last)) => (format!("{said}\n"), last),
            None => (String::new(), s),
        })
        .unwrap_or_else(|| panic!("no exit code in {stderr:?}"));
    let code = code.strip_prefix("exit: ").and_then(|c| c.parse().ok());
    (said, code)
}

#[test]
fn a_server_whose_reader_goes_away_still_answers_the_request_it_took() {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let endpoint = lab.free_endpoint(Transport::Ipc).unwrap();
    let mut server = piped_to_head("rr-server", &["--bind", &endpoint]);
    // The reply is typed before the request comes; stdin stays open.
    server.type_text("world\n").unwrap();
    let client = lab.socket(zmq::REQ).unwrap();
    client.connect(&endpoint).unwrap();
    retrying(|| client.send("hello", 0));
    // Printing the request fails: the server answers all the same.
    assert_eq!(crate::process::receive(&client, 1), [b"world"]);
    let server = server.finish();
    assert!(
        server.stdout.starts_with("wait for client on "),
        "{server:?}"
    );
    assert_eq!(said_and_exit(&server), (String::new(), Some(0)));
}

#[test]
fn a_worker_whose_reader_goes_away_passes_on_the_task_it_took() {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let ventilator = lab.socket(zmq::PUSH).unwrap();
    let tasks_at = lab.bind(&ventilator, Transport::Ipc).unwrap();
    let sink = lab.socket(zmq::PULL).unwrap();
    let results_at = lab.bind(&sink, Transport::Ipc).unwrap();
    let worker =
        piped_to_head("pl-worker", &["--pull", &tasks_at, "--push", &results_at]);
    retrying(|| ventilator.send("task", 0));
    // Printing "forwarding: task" fails: the worker stops, but passes the task on first.
    assert_eq!(crate::process::receive(&sink, 1), [b"task"]);
    // Its stdin stays open: the output that went away alone ends it.
    let worker = worker.exits(BOUND).unwrap_or_else(|e| panic!("{e}"));
    assert!(worker.stdout.starts_with("working: "), "{worker:?}");
    assert_eq!(said_and_exit(&worker), (String::new(), Some(0)));
}

#[test]
fn a_worker_whose_reader_goes_away_with_no_sink_says_what_it_lost() {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let ventilator = lab.socket(zmq::PUSH).unwrap();
    let tasks_at = lab.bind(&ventilator, Transport::Ipc).unwrap();
    let nobody = lab.endpoint(Transport::Ipc).unwrap();
    let worker = piped_to_head(
        "pl-worker",
        &["--pull", &tasks_at, "--push", &nobody, "--linger", "0.2"],
    );
    retrying(|| ventilator.send("task", 0));
    let worker = worker.exits(BOUND).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        said_and_exit(&worker),
        (
            format!(
                "error: stdout closed: 1 of 1 result(s) not delivered: the sink at {nobody} \
                 never connected\n"
            ),
            Some(1)
        )
    );
}
