//! The claim registry: every statement of the article, the verdict we measured, and the
//! experiment that measures it again. The CLI's table, the tests and the book all read it.

use std::fmt;
use std::time::Duration;

pub mod general;
pub mod network;
pub mod pipeline;
pub mod pubsub;
pub mod reqrep;

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
        match self.detail() {
            None => f.write_str(self.label()),
            Some(detail) => match self {
                Verdict::HoldsOnlyWhen(_) => write!(f, "holds only when {detail}"),
                _ => write!(f, "does not hold: {detail}"),
            },
        }
    }
}

/// What a live run of an experiment saw.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Whether this run saw what the verdict says.
    pub agrees: bool,
    /// The evidence in words that do not change from run to run (counts fixed by the
    /// experiment, error names): this is what the verdict table and its snapshot show.
    pub evidence: String,
    /// Figures that vary with the machine (timings, losses over repetitions).
    pub figures: String,
}

/// One statement of the article.
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
    pub verdict: Verdict,
    /// Runs the experiment afresh on this machine.
    pub experiment: fn() -> anyhow::Result<Finding>,
}

impl Claim {
    /// The book chapter that has this claim's section (its anchor is the lower-case ID).
    pub fn chapter(&self) -> &'static str {
        match self.id.trim_end_matches(char::is_numeric) {
            "G" => "general.md",
            "RR" => "reqrep.md",
            "PS" => "pubsub.md",
            _ => "pipeline.md",
        }
    }
}

/// Every claim of the article, in the order of the book.
pub fn registry() -> Vec<&'static Claim> {
    general::CLAIMS
        .iter()
        .chain(reqrep::CLAIMS.iter())
        .chain(pubsub::CLAIMS.iter())
        .chain(pipeline::CLAIMS.iter())
        .collect()
}

pub fn find(id: &str) -> Option<&'static Claim> {
    registry()
        .into_iter()
        .find(|claim| claim.id.eq_ignore_ascii_case(id))
}

/// Renders a duration the way the figures columns show it.
pub fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// "min/median/max" of sorted figures.
pub fn spread(sorted: &[usize]) -> String {
    format!(
        "{}/{}/{}",
        sorted[0],
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1]
    )
}

/// The results of experiments run side by side (`std::thread::scope`), in the order they were
/// started; the first failure, or a panic, is the result.
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
