//! # Exercise 9 — a pipeline worker (PL1, PL3)
//!
//! `tasks` is a PULL socket fed by a ventilator; `results` is a PUSH socket to the sink.
//! Take `count` tasks and pass each one on as `"done: <task>"`, then return. The tasks
//! come as the ventilator pushes them, the first maybe a moment after your function
//! starts, and more may follow for the next worker. Every task taken must reach the sink
//! exactly once: none dropped, none twice.
//!
//! Edit only the body of `work`. Check with `cargo run -- exercises check 9`, or `cargo
//! run -- exercises watch` to check on every save.
//! Model: tasks are text: a task that is not UTF-8 is garbage and is skipped

// ANCHOR: stub
pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    for _ in 0..count {
        if let Ok(task) = tasks.recv_string(0)? {
            results.send(format!("done: {task}").as_str(), 0)?;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
