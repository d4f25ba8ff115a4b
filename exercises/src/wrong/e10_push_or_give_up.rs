//! Wrong answers to exercise 10 that the check must reject.

use std::time::Duration;

/// A plain send: blocks for ever when nobody pulls.
pub fn plain_send(
    pusher: &zmq::Socket,
    task: &str,
    _timeout: Duration,
) -> zmq::Result<bool> {
    pusher.send(task, 0)?;
    Ok(true)
}

/// DONTWAIT: gives up at once, even when a puller is just arriving.
pub fn dont_wait(
    pusher: &zmq::Socket,
    task: &str,
    _timeout: Duration,
) -> zmq::Result<bool> {
    Ok(pusher.send(task, zmq::DONTWAIT).is_ok())
}
