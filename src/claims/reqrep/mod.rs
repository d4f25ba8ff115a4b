//! Request–Reply: REQ asks, REP answers (RR1–RR7).

pub mod rr1;
pub mod rr2;
pub mod rr3;
pub mod rr4;
pub mod rr5;
pub mod rr6;
pub mod rr7;

use super::Claim;

pub static CLAIMS: [&Claim; 7] = [
    &rr1::CLAIM,
    &rr2::CLAIM,
    &rr3::CLAIM,
    &rr4::CLAIM,
    &rr5::CLAIM,
    &rr6::CLAIM,
    &rr7::CLAIM,
];

/// What a client asked and what it got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub asked: String,
    pub answered: String,
}

impl Exchange {
    /// Whether the answer is to this exchange's own question: the servers of these
    /// experiments end their answer with "answer to <the request>".
    pub fn answered_own(&self) -> bool {
        self.answered.ends_with(&answer_to(&self.asked))
    }
}

/// How many of `exchanges` got the answer to their own question, and the first that did
/// not, for the evidence.
pub fn own_answers(exchanges: &[Exchange]) -> (usize, Option<&Exchange>) {
    let own = exchanges.iter().filter(|e| e.answered_own()).count();
    (own, exchanges.iter().find(|e| !e.answered_own()))
}

/// The answer the servers of these experiments give to `request`.
pub fn answer_to(request: &str) -> String {
    format!("answer to {request}")
}
