//! # Exercise 10 — a PUSH that does not block for ever (PL4)
//!
//! `pusher` is a PUSH socket. Push `task`, but if no puller takes it within `timeout`,
//! give up and return `Ok(false)`; return `Ok(true)` when it was accepted. With no puller
//! connected, a PUSH that binds has nowhere to queue the task (the book, PL4).
//!
//! Edit only the body of `push_or_give_up`. Check with `cargo run -- exercises check 10`,
//! or `cargo run -- exercises watch` to check on every save.
//! Model: add a second of slack to the timeout so that a slow machine does not give up too soon

use std::time::Duration;

// ANCHOR: stub
pub fn push_or_give_up(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    pusher.set_sndtimeo((timeout + Duration::from_secs(1)).as_millis() as i32)?;
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(other) => Err(other),
    }
}
// ANCHOR_END: stub
