//! Where the output goes away: a reader that stops reading (`ps-subscriber | head -1`) ends
//! the program quietly, and any other write error (a full disk) is one line on stderr.

use std::process::{Command, Stdio};

use wait_timeout::ChildExt;

use crate::process::BOUND;

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
