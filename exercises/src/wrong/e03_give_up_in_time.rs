//! Wrong answers to exercise 3 that the check must reject.

use std::time::Duration;

/// Waits for ever when nobody answers.
pub fn no_timeout(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    _timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(0)?;
    client.connect(endpoint)?;
    client.send(question, 0)?;
    Ok(Some(
        String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned(),
    ))
}

/// Never even asks: gives up at once.
pub fn gives_up_at_once(
    _context: &zmq::Context,
    _endpoint: &str,
    _question: &str,
    _timeout: Duration,
) -> zmq::Result<Option<String>> {
    Ok(None)
}
