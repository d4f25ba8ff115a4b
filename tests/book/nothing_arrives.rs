//! "Nothing arrives?": every branch of the chart names a cause, links the page whose experiment
//! shows it (at an anchor that page has), and gives its fix in Rust and in Python; the Rust
//! calls are the ones the compiled code makes, and the Python lines run against pyzmq.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zmq_workbook::claims;

use crate::{files, root};

const PAGE: &str = "nothing-arrives.md";

/// The pages whose experiments may prove a branch: the claims' pages, and the two pages that
/// measure more than one claim.
fn proving_pages() -> BTreeSet<String> {
    let mut pages: BTreeSet<String> =
        claims::registry().iter().map(|c| c.page()).collect();
    pages.insert("slow-joiner.md".into());
    pages.insert("network.md".into());
    pages
}

/// The ids a page's headings get in the HTML book (mdBook's rule: lower case, letters,
/// digits, `-` and `_` kept, spaces as `-`, the rest dropped), and its explicit anchors.
fn anchors(page: &str) -> BTreeSet<String> {
    let source = fs::read_to_string(root().join("book/src").join(page)).unwrap();
    let mut ids = BTreeSet::new();
    let mut in_code = false;
    for line in source.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        if let Some(heading) = line.strip_prefix('#') {
            let text = heading.trim_start_matches('#').replace(['`', '*'], "");
            ids.insert(
                text.trim()
                    .to_lowercase()
                    .chars()
                    .filter_map(|c| match c {
                        c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
                        c if c.is_whitespace() => Some('-'),
                        _ => None,
                    })
                    .collect(),
            );
        }
        for part in line.split(" id=\"").skip(1) {
            ids.insert(part.split('"').next().unwrap().to_string());
        }
    }
    ids
}

/// Every element `<tag class="class">…</tag>`'s inner HTML, in order (no element of the
/// chart holds another of its own tag).
fn elements<'a>(html: &'a str, tag: &str, class: &str) -> Vec<&'a str> {
    let open = format!("<{tag} class=\"{class}\">");
    let close = format!("</{tag}>");
    html.split(&open)
        .skip(1)
        .map(|rest| &rest[..rest.find(&close).expect("the element is closed")])
        .collect()
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// A branch of the chart: what its proof links, and its two fixes.
struct Branch {
    cause: String,
    links: Vec<String>,
    rust: Vec<String>,
    python: Vec<String>,
}

fn branches() -> Vec<Branch> {
    let source = fs::read_to_string(root().join("book/src").join(PAGE)).unwrap();
    elements(&source, "div", "chart-cause")
        .into_iter()
        .map(|cause| Branch {
            cause: cause
                .split_once("<strong>")
                .and_then(|(_, rest)| rest.split_once("</strong>"))
                .map(|(name, _)| name.trim_end_matches('.').to_string())
                .unwrap_or_else(|| panic!("a branch names no cause: {cause}")),
            links: elements(cause, "p", "chart-proof")
                .iter()
                .flat_map(|proof| {
                    proof
                        .split("href=\"")
                        .skip(1)
                        .map(|rest| rest.split('"').next().unwrap().to_string())
                })
                .collect(),
            rust: elements(cause, "code", "chart-rust")
                .into_iter()
                .map(unescape)
                .collect(),
            python: elements(cause, "code", "chart-python")
                .into_iter()
                .map(unescape)
                .collect(),
        })
        .collect()
}

#[test]
fn every_branch_links_the_experiment_that_proves_it_and_gives_both_fixes() {
    let branches = branches();
    assert!(branches.len() >= 14, "only {} branches", branches.len());
    let proving = proving_pages();
    let mut linked = BTreeSet::new();
    for branch in &branches {
        let cause = &branch.cause;
        assert!(!branch.links.is_empty(), "{cause}: no page proves it");
        for link in &branch.links {
            let (page, anchor) = link
                .split_once('#')
                .unwrap_or_else(|| panic!("{cause}: {link} names no anchor"));
            assert!(
                proving.contains(page),
                "{cause}: {page} is not a page whose experiment proves it"
            );
            assert!(
                anchors(page).contains(anchor),
                "{cause}: {page} has no #{anchor}"
            );
            linked.insert(page.to_string());
        }
        assert_eq!(
            (branch.rust.len(), branch.python.len()),
            (1, 1),
            "{cause}: one fix in Rust and one in Python"
        );
    }
    // The causes a reader meets most, each with its branch.
    for page in [
        "general/g1.md",
        "general/g2.md",
        "pubsub/ps3.md",
        "pubsub/ps4.md",
        "pubsub/ps6.md",
        "slow-joiner.md",
        "pipeline/pl4.md",
        "pipeline/pl5.md",
        "reqrep/rr6.md",
        "network.md",
    ] {
        assert!(linked.contains(page), "no branch leads to {page}");
    }
}

/// The Rust fixes are written by hand, one line each: every method they call and every
/// `zmq::` name they use is one the workbook's compiled code uses too.
#[test]
fn every_rust_fix_calls_what_the_compiled_code_calls() {
    let code: String = files(&root().join("src"), "rs")
        .iter()
        .map(|path| fs::read_to_string(path).unwrap())
        .collect();
    let mut checked = 0;
    for branch in branches() {
        for line in &branch.rust {
            let mut names = Vec::new();
            for (i, _) in line.match_indices('.') {
                let name: String = line[i + 1..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if line[i + 1 + name.len()..].starts_with('(') && !name.is_empty() {
                    names.push(format!(".{name}("));
                }
            }
            for (i, _) in line.match_indices("zmq::") {
                let path: String = line[i..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                names.push(path);
            }
            assert!(!names.is_empty(), "{}: {line} calls nothing", branch.cause);
            for name in names {
                assert!(
                    code.contains(&name),
                    "{}: `{line}` uses {name}, which no code in src/ uses",
                    branch.cause
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "only {checked} names checked");
}

/// The Python to run the fixes with: the project's virtual environment with pyzmq
/// (`target/venv`, which `.ci/run` makes), or the interpreter `WORKBOOK_PYTHON` names. Without
/// it the test says so and passes, unless `WORKBOOK_REQUIRE_PYTHON` is set, as in CI.
fn python() -> Option<PathBuf> {
    let interpreter = std::env::var_os("WORKBOOK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/venv/bin/python"));
    // Started as the lab starts programs (`lab::spawn`): a child forked while an experiment
    // of this test binary releases a port and binds it again would hold the port meanwhile.
    let found = zmq_workbook::lab::spawn(
        Command::new(&interpreter)
            .args(["-c", "import zmq"])
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
    .and_then(|mut child| child.wait())
    .is_ok_and(|status| status.success());
    let required = std::env::var_os("WORKBOOK_REQUIRE_PYTHON")
        .is_some_and(|v| !v.is_empty() && v != "0");
    match (found, required) {
        (true, _) => Some(interpreter),
        (false, true) => panic!(
            "WORKBOOK_REQUIRE_PYTHON is set, but {} cannot import zmq",
            interpreter.display()
        ),
        (false, false) => {
            let _ = writeln!(
                std::io::stderr(),
                "note: the Python fixes of \"Nothing arrives?\" were not run: no pyzmq at {} \
                 (python3 -m venv target/venv && target/venv/bin/pip install -r \
                 article/python/requirements.txt)",
                interpreter.display()
            );
            None
        }
    }
}

/// Runs each line on fresh pyzmq sockets named as the fixes name them, each call bounded
/// (a receive or a send with nothing there raises `zmq.Again`, which is the call made), and
/// prints "ran" or "failed" with the error for each.
const HARNESS: &str = r#"
import sys, zmq
kinds = {"subscriber": zmq.SUB, "publisher": zmq.XPUB, "pusher": zmq.PUSH,
         "client": zmq.REQ, "socket": zmq.DEALER}
values = {"address": "inproc://nothing-arrives", "events": "inproc://nothing-arrives-events",
          "topic": b"123.", "news": b"news", "latest": b"latest", "burst": 10000,
          "idle_ms": 100, "timeout_ms": 100, "interval_ms": 100}
ctx = zmq.Context()
for n, line in enumerate(sys.stdin.read().splitlines()):
    names = {"zmq": zmq, "ctx": ctx, **values}
    sockets = []
    for name, kind in kinds.items():
        s = ctx.socket(kind)
        s.linger, s.rcvtimeo, s.sndtimeo = 0, 0, 0
        names[name] = s
        sockets.append(s)
    try:
        exec(line, names)
        print("ran", n)
    except zmq.Again:
        print("ran", n)
    except Exception as e:
        print("failed", n, type(e).__name__, e)
    for name, value in names.items():
        if isinstance(value, zmq.Socket) and value not in sockets:
            value.close(0)
    for s in sockets:
        s.close(0)
ctx.term()
"#;

fn run_python(interpreter: &PathBuf, lines: &[String]) -> String {
    let mut child = zmq_workbook::lab::spawn(
        Command::new(interpreter)
            .args(["-c", HARNESS])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    )
    .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.join("\n").as_bytes())
        .unwrap();
    // Asked every few milliseconds, not waited for with a timeout: a crate that waits with a
    // timeout handles SIGCHLD, and a handled signal makes the blocking libzmq calls of the
    // live runs in this same test binary fail with EINTR.
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the Python fixes did not finish within 30 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "the harness failed: {err}");
    out
}

/// Each Python fix runs against pyzmq as written: a misspelt option, a name pyzmq does not
/// have or a wrong argument fails here.
#[test]
fn every_python_fix_runs_against_pyzmq() {
    let Some(interpreter) = python() else {
        return;
    };
    let fixes: Vec<(String, String)> = branches()
        .into_iter()
        .flat_map(|b| {
            b.python
                .into_iter()
                .map(move |line| (b.cause.clone(), line))
        })
        .collect();
    let lines: Vec<String> = fixes.iter().map(|(_, line)| line.clone()).collect();
    let out = run_python(&interpreter, &lines);
    let reports: Vec<&str> = out.lines().collect();
    assert_eq!(reports.len(), fixes.len(), "{out}");
    for ((cause, line), report) in fixes.iter().zip(&reports) {
        assert!(
            report.starts_with("ran "),
            "{cause}: `{line}` does not run: {report}"
        );
    }
    // The harness itself tells a broken line from a good one.
    let broken = run_python(
        &interpreter,
        &[
            "subscriber.setsockopt(zmq.SUBSCRIPTION, b\"\")".into(),
            "client.setsockopt(zmq.RCVTIMEO, \"soon\")".into(),
            "pusher.send(b\"\")".into(),
        ],
    );
    let verdicts: Vec<&str> = broken
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(verdicts, ["failed", "failed", "ran"], "{broken}");
}
