//! Solution to exercise 3.

use std::time::Duration;

// ANCHOR: solution
pub fn ask_or_give_up(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = context.socket(zmq::REQ)?;
    // Without LINGER 0 the unanswered request would keep the context from closing.
    client.set_linger(0)?;
    client.set_rcvtimeo(timeout.as_millis() as i32)?;
    client.connect(endpoint)?;
    client.send(question, 0)?;
    match client.recv_bytes(0) {
        Ok(answer) => Ok(Some(String::from_utf8_lossy(&answer).into_owned())),
        // The receive timeout ran out (RR5).
        Err(zmq::Error::EAGAIN) => Ok(None),
        Err(other) => Err(other),
    }
}
// ANCHOR_END: solution
