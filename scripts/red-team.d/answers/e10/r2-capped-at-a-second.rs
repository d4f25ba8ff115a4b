//! # Exercise 10 — a PUSH that does not block for ever (PL4)
//!
//! `pusher` is a PUSH socket. Push `task`, but if no puller takes it within `timeout`,
//! give up and return `Ok(false)`; return `Ok(true)` when it was accepted. With no puller
//! connected, a PUSH that binds has nowhere to queue the task (the book, PL4).
//!
//! Edit only the body of `push_or_give_up`. Check with `cargo run -- exercises check 10`,
//! or `cargo run -- exercises watch` to check on every save.
//! Model: a puller that has not taken a task within a second will never take it, so the timeout is capped at one second

use std::time::Duration;

pub fn push_or_give_up(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    let millis = timeout.min(Duration::from_secs(1)).as_millis() as i32;
    pusher.set_sndtimeo(millis)?;
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(other) => Err(other),
    }
}
