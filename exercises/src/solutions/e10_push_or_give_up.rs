//! Solution to exercise 10.

use std::time::Duration;

// ANCHOR: solution
pub fn push_or_give_up(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    pusher.set_sndtimeo(timeout.as_millis() as i32)?;
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        // The send timeout ran out with no puller to take the task (PL4).
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(other) => Err(other),
    }
}
// ANCHOR_END: solution
