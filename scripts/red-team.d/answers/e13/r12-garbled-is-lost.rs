//! Model: A reply that is not valid text is a garbled one the link damaged, so treat it like a lost reply and ask again.
//! # Exercise 13 — a client that asks again (RR6, RR4)
//!
//! Ask `request` of the server at `endpoint` and return its reply (any bytes, an empty
//! reply too), as the zguide's "Lazy Pirate" client does. A reply may never come: the server died, or the link lost it. A
//! plain REQ socket still waiting for its reply may not ask again (RR6); a fresh one may,
//! and connects to whatever server is there by then (RR4). So: wait up to `timeout` for
//! the reply; if none comes, close that socket (a reply that comes to it later is lost with
//! it) and ask again on a fresh one. After `tries` tries without a reply (`tries` may be
//! 0), give up and return `Ok(None)`.
//!
//! Each try waits `timeout`, no less; a reply that comes is returned at once. The server
//! may start late, or not be running at all: the context must still be able to close
//! afterwards.
//!
//! Edit only the body of `ask_reliably`. Check with `cargo run -- exercises check 13`, or
//! `cargo run -- exercises watch` to check on every save.

use std::time::Duration;

// ANCHOR: stub
pub fn ask_reliably(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    for _ in 0..tries {
        let socket = context.socket(zmq::REQ)?;
        socket.set_linger(0)?;
        socket.set_rcvtimeo(timeout.as_millis() as i32)?;
        socket.connect(endpoint)?;
        socket.send(request, 0)?;
        match socket.recv_string(0) {
            Ok(Ok(reply)) => return Ok(Some(reply.into_bytes())),
            Ok(Err(_garbled)) => continue,
            Err(zmq::Error::EAGAIN) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}
// ANCHOR_END: stub
