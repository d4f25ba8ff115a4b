//! `workbook exercises`: builds the exercise checker (the learner's files are part of it) and
//! runs it. A file that does not compile gets its first errors in a few lines, not a wall of
//! cargo output.

use std::path::Path;
use std::process::{Command, ExitCode};

pub fn check(request: &[String]) -> Result<ExitCode, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = Command::new(&cargo)
        .current_dir(root)
        .args([
            "build",
            "--quiet",
            "-p",
            "zmq-exercises",
            "--bin",
            "check",
            "--message-format",
            "short",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo to build the exercises: {e}"))?;
    if !build.status.success() {
        let output = String::from_utf8_lossy(&build.stderr);
        eprintln!("✘ The exercises do not compile yet. The compiler says:");
        for line in first_errors(&output) {
            eprintln!("    {line}");
        }
        eprintln!("Fix the line it points to (the file and line come first), save, and run `cargo run -- exercises` again.");
        return Ok(ExitCode::FAILURE);
    }
    let status = Command::new(&cargo)
        .current_dir(root)
        .args([
            "run",
            "--quiet",
            "-p",
            "zmq-exercises",
            "--bin",
            "check",
            "--",
        ])
        .args(request)
        .status()
        .map_err(|e| format!("cannot run the exercise checker: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The compiler's first three errors from `cargo build --message-format short`, one line each
/// (`file:line:column: error[E…]: message`), without cargo's closing summary or the warnings.
pub fn first_errors(cargo_stderr: &str) -> Vec<&str> {
    cargo_stderr
        .lines()
        .filter(|line| line.contains(": error") || line.starts_with("error["))
        .take(3)
        .collect()
}
