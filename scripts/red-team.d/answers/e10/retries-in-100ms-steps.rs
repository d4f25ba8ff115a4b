//! # Exercise 10 — a PUSH that does not block for ever (PL4)
//!
//! `pusher` is a PUSH socket. Push `task`, but if no puller takes it within `timeout`,
//! give up and return `Ok(false)`; return `Ok(true)` when it was accepted. With no puller
//! connected, a PUSH that binds has nowhere to queue the task (the book, PL4).
//!
//! Edit only the body of `push_or_give_up`. Check with `cargo run -- exercises check 10`,
//! or `cargo run -- exercises watch` to check on every save.
//! Model: try without waiting every 100 ms, as many times as fit in the timeout

use std::time::Duration;

// ANCHOR: stub
pub fn push_or_give_up(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    for _ in 0..timeout.as_millis() / 100 {
        match pusher.send(task, zmq::DONTWAIT) {
            Ok(()) => return Ok(true),
            Err(zmq::Error::EAGAIN) => std::thread::sleep(Duration::from_millis(100)),
            Err(other) => return Err(other),
        }
    }
    Ok(false)
}
// ANCHOR_END: stub
