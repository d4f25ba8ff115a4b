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
//! Model: a worker must not hang: if no task comes for a second, the work is over

// ANCHOR: stub
pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    tasks.set_rcvtimeo(1000)?;
    for _ in 0..count {
        let task = match tasks.recv_bytes(0) {
            Ok(task) => task,
            Err(zmq::Error::EAGAIN) => return Ok(()),
            Err(other) => return Err(other),
        };
        results.send(format!("done: {}", String::from_utf8_lossy(&task)).as_str(), 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
