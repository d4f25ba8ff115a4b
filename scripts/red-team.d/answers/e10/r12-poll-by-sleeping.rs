//! Model: Try a non-blocking send every so often until the deadline: a puller that arrives is served at the next try.
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
    let deadline = std::time::Instant::now() + timeout;
    loop {
        match pusher.send(task, zmq::DONTWAIT) {
            Ok(()) => return Ok(true),
            Err(zmq::Error::EAGAIN) => {}
            Err(e) => return Err(e),
        }
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(false);
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(250)));
    }
}
// ANCHOR_END: stub
