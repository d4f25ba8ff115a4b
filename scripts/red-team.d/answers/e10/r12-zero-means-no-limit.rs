//! Model: A zero timeout means no limit, as with most socket APIs, so it maps to ZMQ's -1 (block).
//! # Exercise 10 — a PUSH that does not block for ever (PL4)
//!
//! `pusher` is a PUSH socket. Push `task`, but if no puller takes it within `timeout`,
//! give up and return `Ok(false)`; return `Ok(true)` when it was accepted. `timeout` may be
//! anything from zero (then give up at once when nobody can take the task) to well over a
//! second. With no puller connected, a PUSH that binds has nowhere to queue the task (the
//! book, PL4).
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
    let ms = if timeout.is_zero() { -1 } else { timeout.as_millis() as i32 };
    pusher.set_sndtimeo(ms)?;
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(e) => Err(e),
    }
}
// ANCHOR_END: stub
