//! The claim registry: every statement of the article, the verdict we measured, and the
//! experiment that measures it again. The CLI's table, the tests and the book all read
//! it.
//!
//! One claim, one file: `src/claims/<pattern>/<id>.rs` holds its registry entry, its
//! experiments, and the function that judges what they measured. The book's page for it
//! is `book/src/<pattern>/<id>.md`; its tests are `tests/claims/<pattern>/<id>.rs`.

use std::fmt;
use std::time::Duration;

mod evidence;
pub mod general;
pub mod network;
pub mod pipeline;
pub mod pubsub;
pub mod reqrep;

pub use evidence::{on_transports, Clocked, Finding, Observation};

/// What we found when we put the article's statement to the test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// True as stated, on every transport the claim concerns.
    Holds,
    /// True only under the named conditions; the tests show both sides.
    HoldsOnlyWhen(&'static str),
    /// False as stated; the evidence shows what happens instead.
    DoesNotHold(&'static str),
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::HoldsOnlyWhen(_) => "holds only when…",
            Verdict::DoesNotHold(_) => "does not hold",
        }
    }

    /// The condition or the correction that goes with the label, if any.
    pub fn detail(&self) -> Option<&'static str> {
        match self {
            Verdict::Holds => None,
            Verdict::HoldsOnlyWhen(when) => Some(when),
            Verdict::DoesNotHold(instead) => Some(instead),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Holds => f.write_str("holds"),
            Verdict::HoldsOnlyWhen(when) => write!(f, "holds only when {when}"),
            Verdict::DoesNotHold(instead) => write!(f, "does not hold: {instead}"),
        }
    }
}

/// One statement of the article.
///
/// The verdict judges the article's sentence on its main promise, as its reader takes it,
/// and rests on `experiment` alone. What the lab measures beyond the sentence (a server
/// restarting mid-request, a silent link) is `beyond`: measured and judged as carefully,
/// shown beside the verdict under its own heading, and never read by it, so it can neither
/// soften nor harden it.
pub struct Claim {
    /// `RR4`, `PS3`…: the ID in CLAIMS.md, also the prefix of its tests' names.
    pub id: &'static str,
    /// One of the four claims the book is built around.
    pub star: bool,
    /// The statement in a short English line.
    pub summary: &'static str,
    /// The article's own words.
    pub zh: &'static str,
    /// Their English rendering.
    pub en: &'static str,
    /// The claim in a few words and what to do about it, as "Verdicts at a glance" shows
    /// them.
    pub glance: Glance,
    /// The verdict, in one line of at most [`VERDICT_WORDS`] words as its page opens:
    /// "Verdict: holds only when …".
    pub verdict: Verdict,
    /// What follows that line: the conditions in full, what happens instead, how the
    /// claim was read. Empty where the line says it all.
    pub conditions: &'static str,
    /// Runs the experiment on the claim's main promise afresh on this machine and judges
    /// what it measured: the verdict's evidence, and nothing else.
    pub experiment: fn() -> anyhow::Result<Finding>,
    /// What the lab measures beyond the sentence, if anything.
    pub beyond: Option<Beyond>,
}

/// The most words the verdict's line may have, "Verdict:" counted.
pub const VERDICT_WORDS: usize = 20;

/// A claim at a glance: the row of "Verdicts at a glance" beside its verdict.
pub struct Glance {
    /// The claim in a few words, in Chinese: "谁先启动，效果都一样".
    pub zh: &'static str,
    /// The same in English, at most [`GLANCE_WORDS`] words: "Start order does not matter".
    pub en: &'static str,
    /// What a reader takes home for their own program, from the claim's page: one sentence
    /// of at most [`ADVICE_WORDS`] words, code in backticks.
    pub advice: &'static str,
}

/// The most words a claim's English few words may have.
pub const GLANCE_WORDS: usize = 7;

/// The most characters a claim's Chinese few words may have, a run of Latin letters, digits
/// and signs ("PUB/SUB", "1:N") counted as one and spaces not at all.
pub const GLANCE_CHARS: usize = 14;

/// The most words a claim's advice may have.
pub const ADVICE_WORDS: usize = 20;

/// What the lab measures of a claim beyond its sentence: shown under "Beyond the claim" on
/// the claim's page and in its row of the table, after the verdict's evidence.
pub struct Beyond {
    /// What it is about, in a few words: "a server restarting mid-request".
    pub about: &'static str,
    /// Runs it afresh and judges it on the facts its page states. Its finding must agree
    /// as the verdict's must (a broken experiment fails), but the verdict never reads it.
    pub experiment: fn() -> anyhow::Result<Finding>,
}

impl Claim {
    /// The pattern's directory, in `src/claims/`, `tests/claims/` and the book.
    pub fn pattern(&self) -> &'static str {
        match self.id.trim_end_matches(|c: char| c.is_ascii_digit()) {
            "G" => "general",
            "RR" => "reqrep",
            "PS" => "pubsub",
            _ => "pipeline",
        }
    }

    /// The claim's page in the book, relative to `book/src/`.
    pub fn page(&self) -> String {
        format!("{}/{}.md", self.pattern(), self.id.to_lowercase())
    }

    /// The verdict's line as the claim's page opens with it, without its Markdown:
    /// "Verdict: holds only when no receive timeout is set."
    pub fn verdict_line(&self) -> String {
        format!("Verdict: {}.", self.verdict)
    }

    /// The filter that runs this claim's tests: `cargo test <filter>`.
    pub fn test_filter(&self) -> String {
        format!("{}_", self.id.to_lowercase())
    }
}

/// Every claim of the article, in the order of the book.
pub fn registry() -> Vec<&'static Claim> {
    general::CLAIMS
        .iter()
        .chain(reqrep::CLAIMS.iter())
        .chain(pubsub::CLAIMS.iter())
        .chain(pipeline::CLAIMS.iter())
        .copied()
        .collect()
}

pub fn find(id: &str) -> Option<&'static Claim> {
    registry()
        .into_iter()
        .find(|claim| claim.id.eq_ignore_ascii_case(id))
}

/// Renders a duration the way the figures show it.
pub fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// "min/median/max" of some figures, in any order; "none" when there are none.
pub fn spread<T: Ord + Copy + fmt::Display>(values: &[T]) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    match (sorted.first(), sorted.last()) {
        (Some(min), Some(max)) => format!("{min}/{}/{max}", sorted[sorted.len() / 2]),
        _ => crate::tr!("spread-none"),
    }
}

/// The results of experiments run side by side (`std::thread::scope`), in the order they
/// were started; the first failure, or a panic, is the result.
pub fn joined<T>(
    handles: Vec<std::thread::ScopedJoinHandle<'_, anyhow::Result<T>>>,
) -> anyhow::Result<Vec<T>> {
    handles
        .into_iter()
        .map(|handle| {
            handle
                .join()
                .map_err(|_| anyhow::anyhow!("an experiment panicked"))?
        })
        .collect()
}

/// Runs `experiment` on each of `transports` side by side, each in its own lab; the
/// results come back in the order of `transports`.
pub fn on_each<T: Send>(
    transports: &[crate::lab::Transport],
    experiment: impl Fn(crate::lab::Transport) -> anyhow::Result<T> + Sync,
) -> anyhow::Result<Vec<(crate::lab::Transport, T)>> {
    let experiment = &experiment;
    let results = std::thread::scope(|scope| {
        let running = transports
            .iter()
            .map(|&transport| scope.spawn(move || experiment(transport)))
            .collect();
        joined(running)
    })?;
    Ok(transports.iter().copied().zip(results).collect())
}

/// Words for counts that read well in evidence: "1 message", "3 messages".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A list as evidence shows it: "0, 1, 2".
pub fn listed<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(T::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the numbers that arrived are the last ones sent, in order, each once: whatever
/// was lost, was lost from the head.
pub fn a_tail_in_order(arrived: &[usize], sent: usize) -> bool {
    let first = sent.saturating_sub(arrived.len());
    arrived.iter().copied().eq(first..sent)
}

/// The number at the end of a message such as "task 17", or `usize::MAX` if there is
/// none.
pub fn number(message: &[u8]) -> usize {
    crate::lab::text(message)
        .rsplit(' ')
        .next()
        .and_then(|n| n.trim_end_matches('.').parse().ok())
        .unwrap_or(usize::MAX)
}
