//! # Exercise 11 — ventilator, workers, sink (PL1, PL3)
//!
//! Build the article's whole pipeline inside one process, on inproc endpoints of `context`:
//! a ventilator PUSHes `tasks`, `workers` worker threads PULL them and PUSH `"done: <task>"` to a
//! sink, and the sink PULLs the results. Return the results: one per task, none twice.
//!
//! Workers may stop when no task has come for a while (a receive timeout).
//! Edit only the body of `run_pipeline`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn run_pipeline(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    // TODO: bind a PUSH (ventilator) and a PULL (sink); start the worker threads; push
    // every task; collect tasks.len() results; join the workers.
    todo!()
}
// ANCHOR_END: stub
