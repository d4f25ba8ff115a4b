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
//! Model: pushing a result never has to wait, so send it without blocking and ignore the outcome

// ANCHOR: stub
pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        let _ = results.send(
            format!("done: {}", String::from_utf8_lossy(&task)).as_str(),
            zmq::DONTWAIT,
        );
    }
    Ok(())
}
// ANCHOR_END: stub
