//! The article's own Python programs (`article/python/py3/`) talking to the Rust ports, over
//! tcp, as real processes: every pattern with each side in either language, in both start
//! orders, transcripts checked line by line. Each matrix runs its cells at once (most of
//! their time is the article's `time.sleep(1)`) and reports every cell that failed.
//!
//! The book's Python snippets run here too (`snippets.rs`): each does what the Rust beside it
//! does, and each kept wrong version of one fails.
//!
//! They need Python with pyzmq; see `python.rs` for what happens without it.

mod as_printed;
mod broken;
mod pipeline;
mod pubsub;
mod python;
mod reqrep;
mod snippets;
mod whitespace;

use std::process::Command;
use std::time::{Duration, Instant};

use crate::process::{Finished, Program, BOUND};
pub use python::{python, Python};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lang {
    Rust,
    Python,
}

/// One of the article's programs, in one language, ready to start.
pub struct Peer {
    pub lang: Lang,
    label: String,
    command: Command,
    /// What it prints once it has bound or connected; `None` for the article's subscriber,
    /// worker and sink, which print nothing before their first message.
    ready: Option<&'static str>,
}

impl Peer {
    /// A Rust port (or any program of this package, for a deliberately wrong one).
    pub fn rust(bin: &str, args: &[&str], ready: &'static str) -> Peer {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin(bin));
        command.args(args);
        Peer {
            lang: Lang::Rust,
            label: format!("Rust {bin}"),
            command,
            ready: Some(ready),
        }
    }

    /// One of the article's programs, made to run on Python 3.
    pub fn python(
        python: &Python,
        script: &str,
        args: &[&str],
        ready: Option<&'static str>,
    ) -> Peer {
        Peer {
            lang: Lang::Python,
            label: format!("Python {script}"),
            command: python.command(&format!("py3/{script}"), args),
            ready,
        }
    }

    /// Starts it and waits for the evidence that it is ready. Always the generous bound: a
    /// loaded machine may take seconds to start Python and import pyzmq, and starting is not
    /// what is checked.
    pub fn start(self) -> Result<Program, String> {
        let mut program = Program::spawn(self.label, self.command);
        if let Some(ready) = self.ready {
            program.wait_for(ready, BOUND)?;
        }
        Ok(program)
    }
}

/// Checks one transcript: what the program printed, and that it said nothing on stderr.
pub fn expect(who: &str, finished: &Finished, stdout: &str) -> Result<(), String> {
    if finished.stdout != stdout || !finished.stderr.is_empty() {
        return Err(format!(
            "{who} printed\n{:?}\ninstead of\n{stdout:?}\nand on stderr\n{:?}",
            finished.stdout, finished.stderr
        ));
    }
    Ok(())
}

/// One cell of an interop matrix: which side is Python, which starts first, and the check.
pub struct Cell {
    pub python_side: String,
    pub first: &'static str,
    pub check: Box<dyn FnOnce() -> Result<(), String> + Send>,
}

/// Runs every cell at once and fails, naming each failed cell and why, unless all pass.
/// Returns the matrix as a Markdown table (every cell passed when it returns).
pub fn run_matrix(python: &Python, pattern: &str, cells: Vec<Cell>) -> String {
    let started = Instant::now();
    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let running: Vec<_> = cells
            .into_iter()
            .map(|cell| {
                let check = cell.check;
                let timed = scope.spawn(move || {
                    let started = Instant::now();
                    (check(), started.elapsed())
                });
                (cell.python_side, cell.first, timed)
            })
            .collect();
        running
            .into_iter()
            .map(|(side, first, timed)| {
                let (outcome, took) = timed.join().unwrap_or_else(|_| {
                    (Err("the check panicked".to_string()), Duration::ZERO)
                });
                (side, first, outcome, took)
            })
            .collect()
    });
    assert!(!outcomes.is_empty());
    let mut failures = Vec::new();
    let mut table =
        "| pattern | Python side | started first | result |\n|---|---|---|---|\n"
            .to_string();
    for (side, first, outcome, took) in &outcomes {
        let side = side.as_str();
        eprintln!("{pattern}, Python {side}, {first} first: {outcome:?} in {took:.1?}");
        let result = match outcome {
            Ok(()) => "pass",
            Err(why) => {
                failures.push(format!("{pattern}, Python {side}, {first} first:\n{why}"));
                "FAIL"
            }
        };
        table += &format!("| {pattern} | {side} | {first} | {result} |\n");
    }
    let versions = &python.versions;
    eprintln!(
        "{pattern}: {} cells in {:.1?}",
        outcomes.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "({versions})\n{}",
        failures.join("\n\n")
    );
    table
}

/// Which programs are in Python, in words: "none", "client", "worker + sink", "all".
pub fn python_side(sides: &[(&str, Lang)]) -> String {
    let python: Vec<&str> = sides
        .iter()
        .filter(|(_, lang)| *lang == Lang::Python)
        .map(|(name, _)| *name)
        .collect();
    match python.len() {
        0 => "none".to_string(),
        n if n == sides.len() => "all".to_string(),
        _ => python.join(" + "),
    }
}

/// Both languages, for the matrices.
pub const LANGS: [Lang; 2] = [Lang::Rust, Lang::Python];
