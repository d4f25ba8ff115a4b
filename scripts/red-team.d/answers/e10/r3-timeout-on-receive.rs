//! Model: One socket timeout covers the socket's waits, so setting the receive timeout bounds the blocking send too.
//! # Exercise 10 — a PUSH that does not block for ever (PL4)
//!
//! `pusher` is a PUSH socket. Push `task`, but if no puller takes it within `timeout`,
//! give up and return `Ok(false)`; return `Ok(true)` when it was accepted. With no puller
//! connected, a PUSH that binds has nowhere to queue the task (the book, PL4).
//!
//! Edit only the body of `push_or_give_up`. Check with `cargo run -- exercises check 10`,
//! or `cargo run -- exercises watch` to check on every save.

use std::time::Duration;

// ANCHOR: stub
pub fn push_or_give_up(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    // Bound how long the socket may wait.
    pusher.set_rcvtimeo(timeout.as_millis() as i32)?;
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(e) => Err(e),
    }
}
// ANCHOR_END: stub
