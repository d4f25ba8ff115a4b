//! # Exercise 3 — never wait for ever (RR5)
//!
//! Ask `question` of the REP server at `endpoint`, but give up after `timeout`: return
//! `Ok(Some(answer))` if the answer comes in time, `Ok(None)` if it does not. The server
//! may start late, or not be running at all: your function must still return after about
//! `timeout`.
//!
//! Edit only the body of `ask_or_give_up`. Check with `cargo run -- exercises check 3`,
//! or `cargo run -- exercises watch` to check on every save.
//! Model: Duration::subsec_millis gives the timeout in milliseconds

use std::time::Duration;

pub fn ask_or_give_up(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(0)?;
    client.set_rcvtimeo(timeout.subsec_millis() as i32)?;
    client.connect(endpoint)?;
    client.send(question, 0)?;
    match client.recv_bytes(0) {
        Ok(answer) => Ok(Some(String::from_utf8_lossy(&answer).into_owned())),
        Err(zmq::Error::EAGAIN) => Ok(None),
        Err(other) => Err(other),
    }
}
