//! # Exercise 11 — ventilator, workers, sink (PL1, PL2, PL3)
//!
//! Build the article's whole pipeline inside one process, on inproc endpoints of
//! `context`: a ventilator PUSHes `tasks`, `workers` worker threads PULL them and PUSH
//! `"done: <task>"` to a sink, and the sink PULLs the results. Return the results: one
//! per task (two tasks of the same text are two tasks, with a result each), none twice,
//! however long a worker takes over a task.
//!
//! Bind the ventilator at `inproc://e11-tasks` and the sink at `inproc://e11-results`:
//! the check connects a worker of its own there too, and every worker, yours and the
//! check's, must get its share of the tasks (PL2): push once each of yours has connected,
//! on the evidence, not after a sleep. `workers` may be 0: the check's worker then does
//! every task. Workers may stop when no task has come for a while (a receive timeout);
//! join them all before you return: nothing you started may still run afterwards.
//!
//! Edit only the body of `run_pipeline`. Check with `cargo run -- exercises check 11`, or
//! `cargo run -- exercises watch` to check on every save.

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
