//! Model: ZMQ_IMMEDIATE makes each try's request wait for a live server instead of queuing on a dead one, but the send itself is then unbounded, so with no server at all the call never returns.
//! # Exercise 13 — a client that asks again (RR6, RR4)
//!
//! Ask `request` of the server at `endpoint` and return its reply, as the zguide's "Lazy
//! Pirate" client does. A reply may never come: the server died, or the link lost it. A
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
    // One fresh REQ per try, that does not linger. ZMQ_IMMEDIATE keeps the request from
    // being queued on a connection to a server that is not there (RR2): it goes only to
    // a live server, and then the try waits up to `timeout` for the reply.
    let millis = timeout.as_millis() as i32;
    for _ in 0..tries {
        let client = context.socket(zmq::REQ)?;
        client.set_linger(0)?;
        client.set_immediate(true)?; // before connect: it applies to connections made after
        client.set_rcvtimeo(millis)?;
        client.connect(endpoint)?;
        client.send(request, 0)?;
        match client.recv_bytes(0) {
            Ok(reply) => return Ok(Some(reply)),
            Err(zmq::Error::EAGAIN) => continue, // no reply in time: a fresh socket
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}
// ANCHOR_END: stub
