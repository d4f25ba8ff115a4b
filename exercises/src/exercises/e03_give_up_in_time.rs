//! # Exercise 3 — never wait for ever (RR5)
//!
//! Ask `question` of the REP server at `endpoint`, but give up after `timeout`: return
//! `Ok(Some(answer))` if the answer comes in time, `Ok(None)` if it does not. The server
//! may start late, or not be running at all: your function must still return after about
//! `timeout`.
//!
//! Edit only the body of `ask_or_give_up`. Check with `cargo run -- exercises check 3`,
//! or `cargo run -- exercises watch` to check on every save.

use std::time::Duration;

// ANCHOR: stub
pub fn ask_or_give_up(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    // TODO: a REQ socket that gives up on recv after `timeout`, and does not linger
    // when closed.
    todo!()
}
// ANCHOR_END: stub
