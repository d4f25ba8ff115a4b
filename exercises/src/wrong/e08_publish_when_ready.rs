//! Wrong answers to exercise 8 that the check must reject.

use std::thread;
use std::time::Duration;

/// The usual advice: sleep a little, then publish. The subscribers are slower than the guess.
pub fn sleeps(
    publisher: &zmq::Socket,
    _subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    thread::sleep(Duration::from_millis(20));
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}

/// Waits for the first subscriber only.
pub fn waits_for_one(
    publisher: &zmq::Socket,
    _subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    publisher.recv_bytes(0)?;
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
