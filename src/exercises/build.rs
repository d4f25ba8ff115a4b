//! Building the checker with cargo, and turning the compiler's errors into a few lines a
//! learner can act on: the first errors in their files, and, where the checker can no
//! longer call a function, the signature it expects beside the one the file has.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};

use serde_json::Value;

use super::{Listed, Project};

/// How the checker says that an exercise passed.
pub const PASSED: &str = "✔ passed";
/// How the checker says that every exercise passes.
pub const ALL_PASS: &str = "exercises pass. Well done!";
/// What is said of a checker that ended well without saying so.
pub const NO_VERDICT: &str = "the checker ended before its verdict: does the code call \
                              std::process::exit?";

/// What a build gives: the checker to run, or a report of why there is none.
pub enum Built {
    Checker(PathBuf),
    Broken(String),
}

/// One error of the compiler: its one-line form and where it points.
struct Diagnostic {
    /// `file:line:column: error[E…]: message`.
    rendered: String,
    /// The file of its primary span, relative to the project root.
    file: String,
    /// The source lines its spans cover.
    source: String,
}

impl Diagnostic {
    fn from_json(message: &Value) -> Diagnostic {
        let spans = message["spans"].as_array().cloned().unwrap_or_default();
        let primary = spans
            .iter()
            .find(|span| span["is_primary"] == true)
            .or(spans.first());
        let source = spans
            .iter()
            .flat_map(|span| span["text"].as_array().cloned().unwrap_or_default())
            .filter_map(|line| line["text"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n");
        Diagnostic {
            rendered: message["rendered"]
                .as_str()
                .unwrap_or_default()
                .trim_end()
                .to_string(),
            file: primary
                .and_then(|span| span["file_name"].as_str())
                .unwrap_or_default()
                .to_string(),
            source: format!(
                "{source}\n{}",
                message["message"].as_str().unwrap_or_default()
            ),
        }
    }
}

pub fn build(project: &Project) -> Result<Built, String> {
    let output = project
        .cargo()
        .args([
            "build",
            "--quiet",
            "-p",
            "zmq-exercises",
            "--bin",
            "check",
            "--message-format",
            "json-diagnostic-short",
        ])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo to build the exercises: {e}"))?;
    let mut checker = None;
    let mut errors = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") if message["target"]["name"] == "check" => {
                checker = message["executable"].as_str().map(PathBuf::from);
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                errors.push(Diagnostic::from_json(&message["message"]));
            }
            _ => {}
        }
    }
    if output.status.success() {
        if let Some(checker) = checker {
            return Ok(Built::Checker(checker));
        }
    }
    if errors.is_empty() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let said: Vec<&str> = stderr.lines().take(5).collect();
        return Err(format!(
            "cargo could not build the exercise checker: {}",
            said.join(" / ")
        ));
    }
    Ok(Built::Broken(report(project, &errors)))
}

/// The report of a build that failed, in a few lines.
fn report(project: &Project, errors: &[Diagnostic]) -> String {
    let listed = project.exercises().unwrap_or_default();
    let mut text = String::from("The exercises do not compile yet.\n");
    let mut raw = Vec::new();
    let mut explained = BTreeSet::new();
    for error in errors {
        let in_a_stub = error.file.starts_with(Project::STUBS);
        let called = listed.iter().find(|e| {
            error.source.contains(&format!("{}::", e.name))
                || error.source.contains(&format!("`{}`", e.name))
        });
        match called {
            Some(exercise) if !in_a_stub => {
                if explained.insert(exercise.number) {
                    text.push_str(&signature_report(project, exercise));
                }
            }
            _ => raw.push(error.rendered.clone()),
        }
    }
    let raw = raw.join("\n");
    let first = first_errors(&raw);
    if !first.is_empty() {
        text.push_str("The compiler says:\n");
        for line in first {
            text.push_str(&format!("    {line}\n"));
        }
        text.push_str(
            "Fix the line it points to (the file and line come first) and save.\n",
        );
    }
    text
}

/// What the checker expects of an exercise's file, beside what the file has.
fn signature_report(project: &Project, exercise: &Listed) -> String {
    let file = exercise.file();
    let Ok(stub) = std::fs::read_to_string(project.root.join(&file)) else {
        return format!(
            "{file} is missing: `git checkout -- {file}` brings back the one you started from.\n"
        );
    };
    let solution = std::fs::read_to_string(project.root.join(exercise.solution_file()))
        .unwrap_or_default();
    let expected = public_functions(&solution);
    let mut text = String::new();
    for (name, wanted) in &expected {
        let found = signature(&stub, name);
        match &found {
            Some((_, has)) if has == wanted => continue,
            Some((line, has)) => text.push_str(&format!(
                "✘ {file}:{line}: the checker cannot call `{name}` any more.\n    \
                 expected: {wanted}\n    found:    {has}\n"
            )),
            None => text.push_str(&format!(
                "✘ {file}: there is no `fn {name}` in it any more.\n    expected: {wanted}\n"
            )),
        }
    }
    if text.is_empty() {
        text = format!("✘ {file}: the checker cannot call what it expects there:\n");
        for (_, wanted) in &expected {
            text.push_str(&format!("    expected: {wanted}\n"));
        }
    }
    text.push_str(
        "  Keep each signature as it was given, `pub` included: change only the body.\n",
    );
    text
}

/// The public functions of a file and their signatures, in order.
fn public_functions(source: &str) -> Vec<(String, String)> {
    source
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("pub fn "))
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let (_, found) = signature(source, &name)?;
            Some((name, found))
        })
        .collect()
}

/// The signature of `fn name` in `source`, on one line with its spacing made regular, and
/// the line it starts on (counted from 1).
pub fn signature(source: &str, name: &str) -> Option<(usize, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        line.strip_prefix("fn ")
            .and_then(|rest| rest.strip_prefix(name))
            .is_some_and(|rest| rest.starts_with('(') || rest.starts_with('<'))
    })?;
    let mut text = String::new();
    for line in &lines[start..] {
        let line = line.split("//").next().unwrap_or_default();
        match line.split_once('{') {
            Some((before, _)) => {
                text.push_str(before);
                break;
            }
            None => {
                text.push_str(line);
                text.push(' ');
            }
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(",)", ")");
    Some((start + 1, text.trim().to_string()))
}

/// The compiler's first three errors from `cargo build --message-format short`, one line
/// each (`file:line:column: error[E…]: message`), without cargo's closing summary or the
/// warnings.
pub fn first_errors(cargo_stderr: &str) -> Vec<&str> {
    cargo_stderr
        .lines()
        .filter(|line| line.contains(": error") || line.starts_with("error["))
        .take(3)
        .collect()
}

/// Why the checker ended without an exit code of its own, if it did.
pub fn abnormal_end(status: &ExitStatus) -> Option<String> {
    if status.code().is_some() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Some(format!(
                "the checker was stopped by signal {signal}: the code it checked crashed the \
                 process (a stack overflow or an abort?), or it was interrupted"
            ));
        }
    }
    Some("the checker ended abnormally".into())
}
