//! Model: Duration::subsec_millis() is the duration in milliseconds, so the receive timeout is right for sub-second timeouts but is only the fraction for 1 s and more (0 for a whole number of seconds).
//! # Exercise 3 — never wait for ever (RR5)
//!
//! Ask `question` of the REP server at `endpoint`, but give up after `timeout`: return
//! `Ok(Some(answer))` if the answer comes in time, `Ok(None)` if it does not. The server
//! may start late, or not be running at all: your function must still return after about
//! `timeout`.
//!
//! Edit only the body of `ask_or_give_up`. Check with `cargo run -- exercises check 3`,
//! or `cargo run -- exercises watch` to check on every save.

use std::time::Duration;

// ANCHOR: stub
pub fn ask_or_give_up(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let socket = context.socket(zmq::REQ)?;
    // Drop the unsent question when the socket closes: the context must not wait for it.
    socket.set_linger(0)?;
    // RCVTIMEO is in milliseconds.
    socket.set_rcvtimeo(timeout.subsec_millis() as i32)?;
    socket.connect(endpoint)?;
    socket.send(question, 0)?;
    match socket.recv_bytes(0) {
        Ok(answer) => Ok(Some(String::from_utf8_lossy(&answer).into_owned())),
        Err(zmq::Error::EAGAIN) => Ok(None),
        Err(e) => Err(e),
    }
}
// ANCHOR_END: stub
