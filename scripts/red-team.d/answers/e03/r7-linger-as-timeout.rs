//! Model: a linger as long as the timeout is a bounded linger, so closing the socket still "does not linger for ever" and the question gets a last chance to go out.
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
    let ms = timeout.as_millis() as i32;
    socket.set_rcvtimeo(ms)?;
    // Do not hang for ever on close, but give an undelivered question as long as we
    // were prepared to wait for its answer.
    socket.set_linger(ms)?;
    socket.connect(endpoint)?;
    socket.send(question, 0)?;
    match socket.recv_bytes(0) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(zmq::Error::EAGAIN) => Ok(None),
        Err(e) => Err(e),
    }
}
// ANCHOR_END: stub
