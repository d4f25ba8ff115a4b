//! Solution to exercise 13.

use std::time::Duration;

// ANCHOR: solution
pub fn ask_reliably(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    for _ in 0..tries {
        // A socket of its own for each try: a plain REQ that is still waiting for a
        // reply may not send again (RR6).
        let client = context.socket(zmq::REQ)?;
        // Closing it drops a request nobody took: the context can end.
        client.set_linger(0)?;
        client.set_rcvtimeo(timeout.as_millis() as i32)?;
        client.connect(endpoint)?;
        client.send(request, 0)?;
        match client.recv_bytes(0) {
            Ok(reply) => return Ok(Some(reply)),
            // No reply in time: this socket is dropped, the next try asks afresh.
            Err(zmq::Error::EAGAIN) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}
// ANCHOR_END: solution
