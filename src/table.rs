//! The verdict table: run every experiment, and lay the claims, verdicts and evidence out for
//! a terminal (`cargo run`) or as Markdown (the book's "Verdicts at a glance").

use std::thread;
use std::time::{Duration, Instant};

use crate::claims::{Claim, Finding};

/// A claim with the outcome of its live run.
pub struct Row {
    pub claim: &'static Claim,
    pub outcome: Result<Finding, String>,
    pub took: Duration,
}

impl Row {
    /// Whether the live run saw what the verdict says.
    pub fn agrees(&self) -> bool {
        matches!(&self.outcome, Ok(finding) if finding.agrees)
    }
}

/// Runs the experiments of `claims` side by side (each has its own context and endpoints).
pub fn run(claims: &[&'static Claim]) -> Vec<Row> {
    let running: Vec<_> = claims
        .iter()
        .map(|&claim| {
            let handle = thread::spawn(move || {
                let started = Instant::now();
                let outcome = (claim.experiment)().map_err(|e| format!("{e:#}"));
                (outcome, started.elapsed())
            });
            (claim, handle)
        })
        .collect();
    running
        .into_iter()
        .map(|(claim, handle)| {
            let (outcome, took) = handle
                .join()
                .unwrap_or_else(|_| (Err("the experiment panicked".into()), Duration::ZERO));
            Row {
                claim,
                outcome,
                took,
            }
        })
        .collect()
}

const ID_WIDTH: usize = 6;
const VERDICT_WIDTH: usize = 18;
const TEXT_WIDTH: usize = 72;

/// The table for a terminal: one block per claim, long lines wrapped.
pub fn render_text(rows: &[Row], with_figures: bool) -> String {
    let mut out = String::new();
    let indent = " ".repeat(ID_WIDTH + VERDICT_WIDTH);
    out.push_str(&format!(
        "{:<ID_WIDTH$}{:<VERDICT_WIDTH$}{}\n",
        "ID", "VERDICT", "THE ARTICLE SAYS / WHAT THIS MACHINE SHOWED"
    ));
    out.push_str(&format!(
        "{}\n",
        "─".repeat(ID_WIDTH + VERDICT_WIDTH + TEXT_WIDTH)
    ));
    for row in rows {
        let claim = row.claim;
        let id = format!("{}{}", claim.id, if claim.star { "★" } else { "" });
        let mut lines = wrap(claim.summary, TEXT_WIDTH);
        if let Some(detail) = claim.verdict.detail() {
            lines.extend(wrap(&format!("⚖ {detail}"), TEXT_WIDTH));
        }
        match &row.outcome {
            Ok(finding) => {
                lines.extend(wrap(&format!("✔ {}", finding.evidence), TEXT_WIDTH));
                if with_figures && !finding.figures.is_empty() {
                    lines.extend(wrap(&format!("⏱ {}", finding.figures), TEXT_WIDTH));
                }
                if !finding.agrees {
                    lines.push("✘ THIS RUN DISAGREES WITH THE VERDICT".into());
                }
            }
            Err(error) => lines.extend(wrap(&format!("✘ experiment failed: {error}"), TEXT_WIDTH)),
        }
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!(
                    "{id:<ID_WIDTH$}{:<VERDICT_WIDTH$}{line}\n",
                    claim.verdict.label()
                ));
            } else {
                out.push_str(&format!("{indent}{line}\n"));
            }
        }
    }
    out
}

/// The table as Markdown, with only what does not change from run to run.
pub fn render_markdown(rows: &[Row]) -> String {
    let mut out =
        String::from("| ID | The article says | Verdict | Evidence |\n|---|---|---|---|\n");
    for row in rows {
        let claim = row.claim;
        let evidence = match &row.outcome {
            Ok(finding) if finding.agrees => finding.evidence.clone(),
            Ok(finding) => format!("**this run disagrees:** {}", finding.evidence),
            Err(error) => format!("**experiment failed:** {error}"),
        };
        out.push_str(&format!(
            "| [{}]({}#{}){} | {} <br> *{}* | {} | {} |\n",
            claim.id,
            claim.chapter(),
            claim.id.to_lowercase(),
            if claim.star { " ★" } else { "" },
            claim.zh,
            claim.en,
            claim.verdict,
            evidence.replace('|', "\\|")
        ));
    }
    out
}

/// A one-line tally of the verdicts and of the live run.
pub fn summary(rows: &[Row], took: Duration) -> String {
    let count = |label: &str| {
        rows.iter()
            .filter(|r| r.claim.verdict.label() == label)
            .count()
    };
    let disagreeing: Vec<_> = rows
        .iter()
        .filter(|r| !r.agrees())
        .map(|r| r.claim.id)
        .collect();
    let tally = format!(
        "{} claims: {} hold, {} hold only when…, {} do not hold.",
        rows.len(),
        count("holds"),
        count("holds only when…"),
        count("does not hold")
    );
    if disagreeing.is_empty() {
        format!(
            "{tally} This run agreed with every verdict ({:.2} s).",
            took.as_secs_f64()
        )
    } else {
        format!("{tally} This run DISAGREED on: {}.", disagreeing.join(", "))
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
