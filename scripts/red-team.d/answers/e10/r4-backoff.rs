//! Model: Retrying a DONTWAIT send with doubling pauses is as good as a send timeout, though the last pause overshoots the deadline and a puller that arrives mid-pause waits for the next try.
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
    // Try without blocking, and between tries back off (1 ms, 2 ms, 4 ms, ...) so that a
    // long wait does not spin: a puller that connects meanwhile is found at the next try,
    // and once the time is up we give up.
    let deadline = std::time::Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        match pusher.send(task, zmq::DONTWAIT) {
            Ok(()) => return Ok(true),
            Err(zmq::Error::EAGAIN) => {}
            Err(other) => return Err(other),
        }
        if std::time::Instant::now() >= deadline {
            return Ok(false);
        }
        std::thread::sleep(pause);
        pause *= 2;
    }
}
// ANCHOR_END: stub
