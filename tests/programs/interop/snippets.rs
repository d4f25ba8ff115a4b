//! The book's Python snippets (`book/python/`), run. Each file holds lines the book shows
//! beside a Rust block, between `# ANCHOR:` comments, and around them the checks that those
//! lines do what the Rust test of the same block asserts; it ends with a line `ok: …`. Every
//! snippet runs as a process of its own, in a fresh directory (its ipc addresses live there),
//! at most [`AT_ONCE`] at a time, each stopped at [`SNIPPET_BOUND`].
//!
//! And each kept wrong version (`book/python/wrong/*.txt`: a wrong idea a Python reader could
//! have, as a replacement in one snippet) is run and must fail, with the text its `Fails:`
//! line names in its output: a wrong version that passes means the snippet's checks are too
//! weak. Every snippet has at least one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use super::python::{python, root, Python};

/// How long one run may take before it is stopped; the snippets' own watchdog (`bench.py`)
/// ends a hung run well before, printing where it stood.
const SNIPPET_BOUND: Duration = Duration::from_secs(60);
/// The watchdog of a kept wrong version, several of which hang as a reader's program would.
const WRONG_WATCHDOG_SECONDS: &str = "10";
/// Most of a run's time is waiting on sockets, not working: several share the cores well.
const AT_ONCE: usize = 8;
/// The kept wrong versions mostly wait for their watchdog or for a bound to run out.
const WRONG_AT_ONCE: usize = 16;
/// What the watchdog prints: a wrong version expected to hang, started first.
const HANGS: &str = "Timeout (0:00:";

pub fn snippets_dir() -> PathBuf {
    root().join("book/python")
}

/// Every snippet (`bench.py`, what they stand on, is none), relative to `book/python/`.
pub fn snippets() -> Vec<String> {
    let dir = snippets_dir();
    let mut found = Vec::new();
    let mut todo = vec![dir.clone()];
    while let Some(next) = todo.pop() {
        for entry in fs::read_dir(&next).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                let name = path
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                if name != "bench.py" {
                    found.push(name);
                }
            }
        }
    }
    found.sort();
    found
}

/// A kept wrong version: which snippet, the wrong idea, what its failure must say (one of
/// several texts, where timing decides which check catches it first), and the replacements
/// that turn the snippet into it.
#[derive(Debug)]
pub struct Wrong {
    pub name: String,
    pub snippet: String,
    pub model: String,
    pub fails: Vec<String>,
    pub replacements: Vec<(String, String)>,
}

/// Reads a wrong version: `Model:`, `Snippet:` and one or more `Fails:` lines, then one or more
/// sections of whole lines, each a line `Replace:`, the lines to replace, a line `With:`, and
/// the lines to put in their place (perhaps none).
pub fn parse_wrong(name: &str, text: &str) -> Result<Wrong, String> {
    let mut head = Vec::new();
    // (lines to replace, lines to put in, whether `With:` was seen)
    let mut sections: Vec<(String, String, bool)> = Vec::new();
    for line in text.lines() {
        match (line, sections.last_mut()) {
            ("Replace:", _) => sections.push((String::new(), String::new(), false)),
            ("With:", Some((_, _, with))) if !*with => *with = true,
            (_, None) => head.push(line),
            (_, Some((old, _, false))) => old.push_str(&format!("{line}\n")),
            (_, Some((_, new, true))) => new.push_str(&format!("{line}\n")),
        }
    }
    let field = |key: &str| {
        head.iter()
            .find_map(|line| line.strip_prefix(key))
            .map(|value| value.trim().to_string())
            .filter(|value| !value.is_empty())
            .ok_or_else(|| format!("{name}: no {key} line"))
    };
    let fails: Vec<String> = head
        .iter()
        .filter_map(|line| line.strip_prefix("Fails:"))
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
        .collect();
    if fails.is_empty() {
        return Err(format!("{name}: no Fails: line"));
    }
    if sections.is_empty() {
        return Err(format!("{name}: no Replace: section"));
    }
    let mut replacements = Vec::new();
    for (old, new, with) in sections {
        if !with {
            return Err(format!("{name}: a Replace: without its With:"));
        }
        if old.trim().is_empty() {
            return Err(format!("{name}: a Replace: with nothing to replace"));
        }
        replacements.push((old, new));
    }
    Ok(Wrong {
        name: name.to_string(),
        snippet: field("Snippet:")?,
        model: field("Model:")?,
        fails,
        replacements,
    })
}

impl Wrong {
    /// The snippet's text with the wrong lines in; each text to replace must occur exactly
    /// once, so that a snippet changed since is noticed instead of silently left right.
    pub fn apply(&self, snippet: &str) -> Result<String, String> {
        let mut text = snippet.to_string();
        for (old, new) in &self.replacements {
            match text.matches(old.as_str()).count() {
                1 => text = text.replacen(old.as_str(), new, 1),
                n => {
                    return Err(format!(
                        "{}: the lines to replace occur {n} times in {} (once expected):\n{old}",
                        self.name, self.snippet
                    ))
                }
            }
        }
        Ok(text)
    }
}

pub fn wrong_versions() -> Vec<Wrong> {
    let dir = snippets_dir().join("wrong");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|path| {
            assert_eq!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt"),
                "{} is not a wrong version (*.txt)",
                path.display()
            );
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            parse_wrong(&name, &fs::read_to_string(path).unwrap())
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

/// What one run of a script did.
struct Run {
    name: String,
    /// `None` when it was stopped at the bound.
    passed: Option<bool>,
    output: String,
    took: Duration,
}

/// Runs `script` (its text, saved under its own file name in a fresh directory, which is
/// also its working directory), with `book/python/` on its path for `bench`.
fn run(python: &Python, name: &str, script: &str, env: &[(&str, &str)]) -> Run {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("a directory for the run");
    let file = dir.path().join(Path::new(name).file_name().unwrap());
    fs::write(&file, script).unwrap();
    let (stdout, stderr) = (dir.path().join(".stdout"), dir.path().join(".stderr"));
    let mut command = python.script(&file);
    command
        .current_dir(dir.path())
        .env("PYTHONPATH", snippets_dir())
        .env_remove("PYTHONOPTIMIZE")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout).unwrap())
        .stderr(fs::File::create(&stderr).unwrap());
    for (key, value) in env {
        command.env(key, value);
    }
    // As the lab starts programs: a child forked while a test beside it releases a port and
    // binds it again would hold the port meanwhile.
    let mut child = zmq_workbook::lab::spawn(&mut command).expect("Python starts");
    let status = child
        .wait_timeout(SNIPPET_BOUND)
        .expect("waiting for Python");
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let output = format!(
        "{}{}",
        fs::read_to_string(&stdout).unwrap_or_default(),
        fs::read_to_string(&stderr).unwrap_or_default()
    );
    Run {
        name: name.to_string(),
        passed: status.map(|status| {
            status.success() && output.lines().any(|line| line.starts_with("ok: "))
        }),
        output,
        took: started.elapsed(),
    }
}

/// Runs every job, `at_once` at a time, in the order given; the runs in that order.
fn run_all(jobs: Vec<Box<dyn FnOnce() -> Run + Send>>, at_once: usize) -> Vec<Run> {
    let count = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let done = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..at_once {
            scope.spawn(|| loop {
                let Some((i, job)) = queue.lock().unwrap().next() else {
                    return;
                };
                let run = job();
                done.lock().unwrap().push((i, run));
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    assert_eq!(done.len(), count, "a run was lost");
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, run)| run).collect()
}

fn show(took: Duration) -> String {
    format!("{:.1} s", took.as_secs_f64())
}

#[test]
fn every_python_snippet_does_what_the_rust_beside_it_does() {
    let Some(python) = python() else { return };
    let started = Instant::now();
    let names = snippets();
    assert!(
        names.len() >= 25,
        "only {} snippets: {names:?}",
        names.len()
    );
    let jobs = names
        .iter()
        .map(|name| {
            let name = name.clone();
            let script = fs::read_to_string(snippets_dir().join(&name)).unwrap();
            Box::new(move || run(python, &name, &script, &[]))
                as Box<dyn FnOnce() -> Run + Send>
        })
        .collect();
    let runs = run_all(jobs, AT_ONCE);
    let mut failures = Vec::new();
    for run in &runs {
        let verdict = match run.passed {
            Some(true) => "ok",
            Some(false) => "FAILED",
            None => "HUNG",
        };
        eprintln!("{}: {verdict} in {}", run.name, show(run.took));
        if run.passed != Some(true) {
            failures.push(format!(
                "{} {verdict} after {}:\n{}",
                run.name,
                show(run.took),
                run.output
            ));
        }
    }
    eprintln!(
        "{} Python snippets ran in {} ({}, at most {AT_ONCE} at once)",
        runs.len(),
        show(started.elapsed()),
        python.versions
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_kept_wrong_python_snippet_fails() {
    let wrong = wrong_versions();
    let names = snippets();
    for name in &names {
        assert!(
            wrong.iter().any(|w| &w.snippet == name),
            "{name} has no kept wrong version in book/python/wrong/"
        );
    }
    // Each applies to the snippet as it is now: checked with or without Python.
    let scripts: Vec<(String, String)> = wrong
        .iter()
        .map(|w| {
            assert!(
                names.contains(&w.snippet),
                "{}: no snippet {}",
                w.name,
                w.snippet
            );
            let snippet = fs::read_to_string(snippets_dir().join(&w.snippet)).unwrap();
            let script = w.apply(&snippet).unwrap_or_else(|e| panic!("{e}"));
            assert_ne!(script, snippet, "{} changes nothing", w.name);
            (w.snippet.clone(), script)
        })
        .collect();
    let Some(python) = python() else { return };
    let started = Instant::now();
    // Those that hang take longest: started first, they do not hold up the end.
    let mut order: Vec<usize> = (0..wrong.len()).collect();
    order.sort_by_key(|&i| !wrong[i].fails.iter().any(|text| text.starts_with(HANGS)));
    let mut scripts: Vec<Option<(String, String)>> =
        scripts.into_iter().map(Some).collect();
    let jobs = order
        .iter()
        .map(|&i| scripts[i].take().unwrap())
        .map(|(snippet, script)| {
            Box::new(move || {
                run(
                    python,
                    &snippet,
                    &script,
                    &[("BENCH_WATCHDOG", WRONG_WATCHDOG_SECONDS)],
                )
            }) as Box<dyn FnOnce() -> Run + Send>
        })
        .collect();
    let runs = run_all(jobs, WRONG_AT_ONCE);
    let mut accepted = Vec::new();
    for (w, run) in order.iter().map(|&i| &wrong[i]).zip(&runs) {
        let failed_as_named = run.passed == Some(false)
            && w.fails.iter().any(|text| run.output.contains(text));
        eprintln!(
            "{}: {} in {} ({})",
            w.name,
            if failed_as_named {
                "rejected"
            } else {
                "NOT REJECTED"
            },
            show(run.took),
            w.model
        );
        if !failed_as_named {
            let why = match run.passed {
                Some(true) => "passed".to_string(),
                None => "hung past the bound".to_string(),
                Some(false) => {
                    format!("failed, but its output has none of {:?}", w.fails)
                }
            };
            accepted.push(format!(
                "{} ({}): {why}\n  wrong idea: {}\n{}",
                w.name, w.snippet, w.model, run.output
            ));
        }
    }
    eprintln!(
        "{} kept wrong Python snippets ran in {} ({}, at most {WRONG_AT_ONCE} at once)",
        runs.len(),
        show(started.elapsed()),
        python.versions
    );
    assert!(accepted.is_empty(), "{}", accepted.join("\n\n"));
}

#[test]
fn a_wrong_version_that_no_longer_fits_its_snippet_is_refused() {
    let text =
        "Model: m\nSnippet: s.py\nFails: x\nReplace:\n    a = 1\nWith:\n    a = 2\n";
    let wrong = parse_wrong("t.txt", text).unwrap();
    assert_eq!(wrong.model, "m");
    assert_eq!(wrong.snippet, "s.py");
    assert_eq!(wrong.fails, ["x"]);
    let either = "Model: m\nSnippet: s.py\nFails: x\nFails: y\nReplace:\na\nWith:\n";
    assert_eq!(parse_wrong("t.txt", either).unwrap().fails, ["x", "y"]);
    assert_eq!(
        wrong.apply("b = 0\n    a = 1\n").unwrap(),
        "b = 0\n    a = 2\n"
    );
    assert!(wrong.apply("    a = 3\n").is_err(), "lines that are gone");
    assert!(
        wrong.apply("    a = 1\n    a = 1\n").is_err(),
        "lines that occur twice"
    );
    assert!(
        parse_wrong("t.txt", "Model: m\nSnippet: s.py\nReplace:\nx\nWith:\n").is_err()
    );
    assert!(parse_wrong("t.txt", "Model: m\nSnippet: s.py\nFails: x\n").is_err());
    assert!(
        parse_wrong("t.txt", "Model: m\nSnippet: s.py\nFails: x\nReplace:\nx\n").is_err()
    );
    // Two sections, the first putting nothing in the place of its line.
    let two =
        "Model: m\nSnippet: s.py\nFails: x\nReplace:\na\nWith:\nReplace:\nb\nWith:\nc\n";
    let two = parse_wrong("t.txt", two).unwrap();
    assert_eq!(two.apply("a\nb\n").unwrap(), "c\n");
}
