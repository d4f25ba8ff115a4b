//! Wrong answers to exercise 10 that the check must reject.

use std::thread;
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

/// Sleeps the whole timeout, then tries once: never late, but slow when a puller came
/// early.
pub fn sleeps_then_tries(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    thread::sleep(timeout);
    Ok(pusher.send(task, zmq::DONTWAIT).is_ok())
}

/// A send bounded by SNDTIMEO `millis`: `Ok(false)` when it ran out.
fn send_within(pusher: &zmq::Socket, task: &str, millis: i32) -> zmq::Result<bool> {
    pusher.set_sndtimeo(millis)?;
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(other) => Err(other),
    }
}

/// A fixed 200 ms, the timeout it once saw in the checker's output.
pub fn fixed_timeout(
    pusher: &zmq::Socket,
    task: &str,
    _timeout: Duration,
) -> zmq::Result<bool> {
    send_within(pusher, task, 200)
}

/// Caps the timeout at a second ("a puller that has not come by then never will"): gives
/// up early when the timeout is longer.
pub fn caps_the_timeout_at_a_second(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    send_within(
        pusher,
        task,
        timeout.min(Duration::from_secs(1)).as_millis() as i32,
    )
}

/// Takes a timeout of 0 for "no timeout", and sets none: with nobody to take the task, it
/// waits for ever.
pub fn zero_means_for_ever(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    if timeout.is_zero() {
        pusher.send(task, 0)?;
        return Ok(true);
    }
    send_within(pusher, task, timeout.as_millis() as i32)
}

/// Pushes the task it once saw in the checker's output, not the one it is given.
pub fn pushes_what_it_saw(
    pusher: &zmq::Socket,
    _task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    send_within(pusher, "task", timeout.as_millis() as i32)
}

/// Sets the send timeout on the first call only, "it belongs to the socket": every later
/// call keeps the first call's timeout instead of its own.
pub fn sets_the_timeout_once(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    if pusher.get_sndtimeo()? < 0 {
        pusher.set_sndtimeo(timeout.as_millis() as i32)?;
    }
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Takes a timeout of 0 for "no time for anyone", and gives up without trying: a puller
/// with room would have taken the task at once.
pub fn zero_means_no_try(
    pusher: &zmq::Socket,
    task: &str,
    timeout: Duration,
) -> zmq::Result<bool> {
    if timeout.is_zero() {
        return Ok(false);
    }
    pusher.set_sndtimeo(timeout.as_millis() as i32)?;
    match pusher.send(task, 0) {
        Ok(()) => Ok(true),
        Err(zmq::Error::EAGAIN) => Ok(false),
        Err(other) => Err(other),
    }
}
