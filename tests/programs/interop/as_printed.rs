//! The seven programs as the article printed them (`article/python/as-printed/`), and their
//! Python 3 versions (`article/python/py3/`): which of the printed ones Python 3 refuses, and
//! why; and that the Python 3 versions change nothing they do not say they change.

use std::path::Path;
use std::process::Stdio;

use wait_timeout::ChildExt;

use super::python::root;
use crate::process::BOUND;

const PROGRAMS: [&str; 7] = [
    "reqrep/server.py",
    "reqrep/client.py",
    "pubsub/server.py",
    "pubsub/client.py",
    "pipeline/server.py",
    "pipeline/worker.py",
    "pipeline/client.py",
];

fn read(version: &str, program: &str) -> String {
    let path = root().join("article/python").join(version).join(program);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `command` to its end (bounded); returns whether it succeeded, its stdout and stderr.
fn run(mut command: std::process::Command, stdin: &str) -> (bool, String, String) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes())
        .unwrap();
    let Some(status) = child.wait_timeout(BOUND).unwrap() else {
        let _ = child.kill();
        panic!("still running after {BOUND:?}");
    };
    let read = |stream: &mut dyn std::io::Read| {
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        text
    };
    let stdout = read(&mut child.stdout.take().unwrap());
    let stderr = read(&mut child.stderr.take().unwrap());
    (status.success(), stdout, stderr)
}

#[test]
fn interop_as_printed_python3_refuses_the_request_reply_server_only() {
    let Some(python) = super::python() else {
        return;
    };
    let mut refused = Vec::new();
    for program in PROGRAMS {
        let path = root().join("article/python/as-printed").join(program);
        let mut compile = python.code(
            "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')",
        );
        compile.arg(&path);
        let (compiled, _, stderr) = run(compile, "");
        if !compiled {
            refused.push((
                program,
                stderr.lines().last().unwrap_or_default().to_string(),
            ));
        }
    }
    assert_eq!(refused.len(), 1, "{refused:?}");
    let (program, why) = &refused[0];
    assert_eq!(*program, "reqrep/server.py");
    // `print '异常:',e` is Python 2's print statement.
    assert!(
        why.starts_with("SyntaxError: Missing parentheses in call to 'print'"),
        "{why}"
    );
}

#[test]
fn interop_as_printed_request_reply_client_stops_at_raw_input_on_python3() {
    let Some(python) = super::python() else {
        return;
    };
    // It compiles, connects (to the article's address, where nothing need listen: it never
    // gets as far as sending), and stops at its first line of input.
    let client = root().join("article/python/as-printed/reqrep/client.py");
    let mut command = python.code("import runpy, sys; runpy.run_path(sys.argv[1])");
    command.arg(&client).env("PYTHONUNBUFFERED", "1");
    let (ran, stdout, stderr) = run(command, "hello\n");
    assert!(!ran);
    assert_eq!(stdout, "Connecting to server...\n");
    assert!(
        stderr.ends_with("NameError: name 'raw_input' is not defined\n"),
        "{stderr}"
    );
}

/// The lines of `before` and `after` that differ, in runs: each run is the lines removed and
/// the lines added at one place (a longest common subsequence, line by line).
fn changes<'a>(
    before: &[&'a str],
    after: &[&'a str],
) -> Vec<(Vec<&'a str>, Vec<&'a str>)> {
    let (n, m) = (before.len(), after.len());
    let mut common = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if before[i] == after[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut runs = Vec::new();
    let mut run: (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && before[i] == after[j] {
            if !run.0.is_empty() || !run.1.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            (i, j) = (i + 1, j + 1);
        } else if j < m && (i == n || common[i][j + 1] >= common[i + 1][j]) {
            run.1.push(after[j]);
            j += 1;
        } else {
            run.0.push(before[i]);
            i += 1;
        }
    }
    if !run.0.is_empty() || !run.1.is_empty() {
        runs.push(run);
    }
    runs
}

#[test]
fn every_change_of_the_python3_versions_is_under_a_changed_comment() {
    let mut changed = 0;
    for program in PROGRAMS {
        let (printed, py3) = (read("as-printed", program), read("py3", program));
        let (printed, py3): (Vec<&str>, Vec<&str>) =
            (printed.lines().collect(), py3.lines().collect());
        // The heading comment that says which program it is.
        let header = py3.iter().take_while(|l| l.starts_with("# ")).count();
        assert!(header > 0, "py3/{program} has no heading comment");
        for (removed, added) in changes(&printed, &py3[header..]) {
            assert!(
                added
                    .first()
                    .is_some_and(|l| l.trim_start().starts_with("# Changed: ")),
                "py3/{program}: a change without a `# Changed:` comment: -{removed:?} +{added:?}"
            );
            changed += 1;
        }
    }
    // Fifteen places in all (a change next to another is one place): the endpoints, their
    // `import sys`, the subscriber's filter, and Python 3's input(), print() and bytes.
    assert_eq!(changed, 15);
    assert!(Path::new(&root().join("article/python/requirements.txt")).exists());
}
