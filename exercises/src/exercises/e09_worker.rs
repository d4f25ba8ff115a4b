//! # Exercise 9 — a pipeline worker (PL1, PL3)
//!
//! `tasks` is a PULL socket fed by a ventilator; `results` is a PUSH socket to the sink. Take
//! `count` tasks and pass each one on as `"done: <task>"`. Every task must reach the sink exactly
//! once: none dropped, none twice.
//!
//! Edit only the body of `work`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    // TODO: receive `count` tasks; for each, push "done: <task>" to `results`.
    todo!()
}
// ANCHOR_END: stub
