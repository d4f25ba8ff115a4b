//! The matrix: every claim of the article on libzmq, on zmq.rs, and mixed both ways, over
//! tcp and ipc, each run judged by the judge libzmq's run has.

use std::fmt::Write as _;

use anyhow::Result;
use zmq_workbook::claims::{self, Finding};
use zmq_workbook::lab::Transport;

use crate::claims as on;
use crate::end::{Implementation, Pairing, TRANSPORTS};

/// How long a row's cells, run side by side, may take in all: far beyond the slowest
/// (about 5 s, where a zmq.rs call is given the lab's bound and does not return).
pub const CELL_BOUND: std::time::Duration = std::time::Duration::from_secs(60);

/// How a claim's experiment runs on the second implementation.
#[derive(Clone, Copy)]
pub enum Column {
    /// The experiment, for one pairing of implementations on one transport, judged.
    Measured(fn(Pairing, Transport) -> Result<Finding>),
    /// The experiment cannot be expressed on zmq.rs: why.
    NotApplicable(&'static str),
    /// Not measured yet on zmq.rs.
    NotYetMeasured,
}

/// One claim's row.
#[derive(Clone, Copy)]
pub struct Row {
    pub id: &'static str,
    pub column: Column,
    /// The transports its libzmq experiment runs on, of those zmq.rs has.
    pub transports: &'static [Transport],
    /// The parts of a measured experiment that cannot be expressed on zmq.rs, and why.
    pub not_applicable_in_part: Option<&'static str>,
}

/// Every claim of the article, in the order of the book.
pub fn rows() -> Vec<Row> {
    use Column::*;
    let column = |id: &str| {
        match id {
        "G2" => NotApplicable(
            "read from its source, zmq.rs's PUB and PUSH implement no recv and its SUB and PULL no send, so the wrong call does not compile; libzmq answers it with ENOTSUP at run time",
        ),
        "G1" => Measured(on::g1::finding),
        "RR1" => Measured(on::rr1::finding),
        "RR2" => Measured(on::rr2::finding),
        "RR3" => Measured(on::rr3::finding),
        "RR4" => Measured(on::rr4::finding),
        "RR5" => Measured(on::rr5::finding),
        "RR6" => Measured(on::rr6::finding),
        "RR7" => Measured(on::rr7::finding),
        "PS1" => Measured(on::ps1::finding),
        "PS2" => Measured(on::ps2::finding),
        "PS3" => Measured(on::ps3::finding),
        "PS4" => NotApplicable(
            "the experiment sets a high-water mark and small kernel buffers: zmq.rs has no HWM option (its queues hold a fixed number of messages per peer)",
        ),
        "PS5" => Measured(on::ps5::finding),
        "PS6" => Measured(on::ps6::finding),
        "PS7" => Measured(on::ps7::finding),
        "PL1" => Measured(on::pl1::finding),
        "PL2" => Measured(on::pl2::finding),
        "PL3" => Measured(on::pl3::finding),
        "PL5" => Measured(on::pl5::finding),
        "PL4" => NotApplicable(
            "the experiment sets SNDHWM and a send timeout: zmq.rs has neither option. With no puller at all, zmq.rs's send fails at once where libzmq's waits (test zmqrs_pl4_push_with_no_peer_fails_at_once)",
        ),
        _ => NotYetMeasured,
    }
    };
    claims::registry()
        .into_iter()
        .map(|claim| Row {
            id: claim.id,
            column: column(claim.id),
            transports: match claim.id {
                // libzmq's broker experiment, and so its judge, runs over tcp alone.
                "RR3" => &[Transport::Tcp],
                "PL5" => &on::pl5::TRANSPORTS,
                _ => &TRANSPORTS,
            },
            not_applicable_in_part: not_applicable_in_part(claim.id),
        })
        .collect()
}

/// The parts of a claim's experiment that zmq.rs cannot express, where others are measured.
fn not_applicable_in_part(id: &str) -> Option<&'static str> {
    match id {
        "PS6" => Some(
            "the queues read back as set, a line of the set-up libzmq's judge proves: zmq.rs has no HWM option (its queues hold 100,000 messages per subscriber, more than the burst of 1000); each run proves the transport it used instead. libzmq's part beyond the claim (a publisher already sending that reads its ZMQ_EVENTS, over inproc) is libzmq's alone",
        ),
        "PL5" => Some(
            "over tcp alone, as libzmq's messages in flight. A connecting PUSH whose puller binds again is measured where the puller is libzmq's: that the message a puller leaves unread had reached it is proven by a poll, which a zmq.rs PULL does not have. A binding PUSH: libzmq's part reads its ZMQ_EVENTS and the errno of a send with DONTWAIT, which zmq.rs has neither of. The network's breaks: the lab's network namespaces, with heartbeats, which zmq.rs does not decode (test zmqrs_heartbeats_from_a_libzmq_peer_break_the_recv)",
        ),
        _ => None,
    }
}

/// What one run of a claim on one pairing and transport came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The run agrees with libzmq's verdict.
    Agrees,
    /// The run saw something else: what disagrees.
    Differs(Vec<String>),
    /// The experiment could not finish: why (a zmq.rs call that did not return within its
    /// bound, a refused bind).
    Failed(String),
}

impl Outcome {
    fn of(result: Result<Finding>) -> Outcome {
        match result {
            Ok(finding) if finding.agrees() => Outcome::Agrees,
            Ok(finding) => Outcome::Differs(
                finding.disagreements().map(|o| o.text.clone()).collect(),
            ),
            Err(error) => Outcome::Failed(format!("{error:#}")),
        }
    }
}

/// One cell: a pairing of implementations on one transport.
#[derive(Debug, Clone)]
pub struct Cell {
    pub pairing: Pairing,
    pub transport: Transport,
    pub outcome: Outcome,
}

/// A claim's row, measured.
pub struct MeasuredRow {
    pub row: Row,
    /// Every pairing on every transport; empty unless the column is measured.
    pub cells: Vec<Cell>,
}

/// Runs a row's experiment for every pairing on every transport, side by side.
pub fn measure(row: Row) -> MeasuredRow {
    let Column::Measured(experiment) = row.column else {
        return MeasuredRow {
            row,
            cells: Vec::new(),
        };
    };
    let cases: Vec<(Pairing, Transport)> = Pairing::ALL
        .iter()
        .flat_map(|&p| row.transports.iter().map(move |&t| (p, t)))
        .collect();
    // Each cell on a thread of its own, waited for up to CELL_BOUND: a zmq.rs call that
    // blocks its thread (a lock, not an await) is beyond any `tokio::time::timeout`, so a
    // cell that does not finish is reported, and its thread left behind, never waited for.
    let deadline = std::time::Instant::now() + CELL_BOUND;
    let running: Vec<_> = cases
        .iter()
        .map(|&(pairing, transport)| {
            let (done, result) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = done.send(Outcome::of(experiment(pairing, transport)));
            });
            (pairing, transport, result)
        })
        .collect();
    let cells = running
        .into_iter()
        .map(|(pairing, transport, result)| {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let outcome = match result.recv_timeout(left) {
                Ok(outcome) => outcome,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    Outcome::Failed(format!(
                        "the experiment did not return within {} s",
                        CELL_BOUND.as_secs()
                    ))
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    Outcome::Failed("the experiment panicked".into())
                }
            };
            Cell {
                pairing,
                transport,
                outcome,
            }
        })
        .collect();
    MeasuredRow { row, cells }
}

impl MeasuredRow {
    fn verdict(&self) -> &'static str {
        claims::find(self.row.id).map_or("?", |c| c.verdict.label())
    }

    /// A pairing's cells, in the order of [`TRANSPORTS`].
    fn cells_of(&self, pairing: Pairing) -> Vec<&Cell> {
        self.cells.iter().filter(|c| c.pairing == pairing).collect()
    }

    /// A pairing's cell in a few words: "as libzmq: holds", "differs (tcp, ipc)", "n/a",
    /// "not yet measured".
    pub fn short(&self, pairing: Pairing) -> String {
        if pairing == Pairing::both(Implementation::Libzmq)
            && !matches!(self.row.column, Column::Measured(_))
        {
            // libzmq's verdict is measured by the verdict table (`cargo run`) all the same.
            return format!("{} (verdict table)", self.verdict());
        }
        match self.row.column {
            Column::NotApplicable(_) => return "n/a".into(),
            Column::NotYetMeasured => return "not yet measured".into(),
            Column::Measured(_) => {}
        }
        let cells = self.cells_of(pairing);
        let differing: Vec<&str> = cells
            .iter()
            .filter(|c| c.outcome != Outcome::Agrees)
            .map(|c| c.transport.name())
            .collect();
        if differing.is_empty() {
            format!("✔ {}", self.verdict())
        } else {
            format!("✘ differs ({})", differing.join(", "))
        }
    }

    /// What differs, pairing by pairing, merged where transports saw the same.
    pub fn differences(&self) -> Vec<String> {
        let mut lines: Vec<(String, Vec<&str>)> = Vec::new();
        for cell in &self.cells {
            let texts = match &cell.outcome {
                Outcome::Agrees => continue,
                Outcome::Differs(texts) => texts.clone(),
                Outcome::Failed(error) => vec![error.clone()],
            };
            for text in texts {
                let line = format!("{}: {text}", cell.pairing);
                match lines.iter_mut().find(|(l, _)| *l == line) {
                    Some((_, transports)) => transports.push(cell.transport.name()),
                    None => lines.push((line, vec![cell.transport.name()])),
                }
            }
        }
        lines
            .into_iter()
            .map(|(line, transports)| format!("{line} ({})", transports.join(", ")))
            .collect()
    }

    /// The claim's line on its page: the verdict on zmq.rs and mixed, or why there is none.
    pub fn page_line(&self) -> String {
        let id = self.row.id;
        match self.row.column {
            Column::NotApplicable(why) => format!("**On zmq.rs:** n/a ({why})."),
            Column::NotYetMeasured => "**On zmq.rs:** not yet measured.".to_string(),
            Column::Measured(_) => {
                let [_, alone, binds, connects] = Pairing::ALL;
                let over: Vec<&str> =
                    self.row.transports.iter().map(|t| t.name()).collect();
                let mut line = format!(
                    "**On zmq.rs** ({}): {}; libzmq ← zmq.rs: {}; zmq.rs ← libzmq: {}.",
                    over.join(", "),
                    self.short(alone),
                    self.short(binds),
                    self.short(connects)
                );
                if let Some(why) = self.row.not_applicable_in_part {
                    let _ = write!(line, " In part n/a: {why}.");
                }
                if !self.differences().is_empty() {
                    let _ = write!(
                        line,
                        " What differs: [On zmq.rs](../zmqrs.md#{}).",
                        id.to_lowercase()
                    );
                }
                line
            }
        }
    }
}

/// The matrix for a terminal: one line per claim, then what differs and why n/a.
pub fn render_text(rows: &[MeasuredRow]) -> String {
    let mut out = String::new();
    let names: Vec<String> = Pairing::ALL.iter().map(|p| p.name()).collect();
    let _ = writeln!(
        out,
        "{:<5} {:<22} {}",
        "claim",
        names[0],
        names[1..]
            .iter()
            .map(|n| format!("{n:<22}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for measured in rows {
        let cells: Vec<String> = Pairing::ALL
            .iter()
            .map(|&p| format!("{:<22}", measured.short(p)))
            .collect();
        let _ = writeln!(out, "{:<5} {}", measured.row.id, cells.join(" "));
    }
    let _ = writeln!(out, "\n(tcp and ipc each, RR3 and PL5 tcp alone as libzmq's; ✔ = the run agrees with libzmq's verdict, judged by the same judge; \"a ← b\": a binds, b connects)");
    for measured in rows {
        let differences = measured.differences();
        if let Column::NotApplicable(why) = measured.row.column {
            let _ = writeln!(out, "\n{} n/a: {why}", measured.row.id);
        }
        if let Some(why) = measured.row.not_applicable_in_part {
            let _ = writeln!(out, "\n{} in part n/a: {why}", measured.row.id);
        }
        if !differences.is_empty() {
            let _ = writeln!(out, "\n{} differs:", measured.row.id);
            for line in differences {
                let _ = writeln!(out, "  ✘ {line}");
            }
        }
    }
    out
}

/// The matrix as the book shows it: a Markdown table, then what differs, claim by claim.
pub fn render_markdown(rows: &[MeasuredRow]) -> String {
    let mut out = String::new();
    let names: Vec<String> = Pairing::ALL.iter().map(|p| p.name()).collect();
    let _ = writeln!(out, "| Claim | {} |", names.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(names.len()));
    for measured in rows {
        let id = measured.row.id;
        let link = format!(
            "[{id}]({}/{}.md)",
            claims::find(id).map_or("", |c| c.pattern()),
            id.to_lowercase()
        );
        let cells: Vec<String> =
            Pairing::ALL.iter().map(|&p| measured.short(p)).collect();
        let _ = writeln!(out, "| {link} | {} |", cells.join(" | "));
    }
    for measured in rows {
        let id = measured.row.id;
        let differences = measured.differences();
        match measured.row.column {
            Column::NotApplicable(why) => {
                let _ = writeln!(out, "\n### {id}\n\nn/a: {why}.");
            }
            Column::Measured(_)
                if !differences.is_empty()
                    || measured.row.not_applicable_in_part.is_some() =>
            {
                let _ = writeln!(out, "\n### {id}");
                if let Some(why) = measured.row.not_applicable_in_part {
                    let _ = writeln!(out, "\nIn part n/a: {why}.");
                }
                if !differences.is_empty() {
                    let _ = writeln!(out);
                }
                for line in differences {
                    let _ = writeln!(out, "- ✘ {line}");
                }
            }
            _ => {}
        }
    }
    out
}
