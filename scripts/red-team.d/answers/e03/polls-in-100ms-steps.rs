//! # Exercise 3 — never wait for ever (RR5)
//!
//! Ask `question` of the REP server at `endpoint`, but give up after `timeout`: return
//! `Ok(Some(answer))` if the answer comes in time, `Ok(None)` if it does not. The server
//! may not be running at all: your function must still return after about `timeout`.
//!
//! Edit only the body of `ask_or_give_up`. Check with `cargo run -- exercises check 3`,
//! or `cargo run -- exercises watch` to check on every save.
//! Model: poll in steps of 100 ms, as many whole steps as fit in the timeout

use std::time::Duration;

// ANCHOR: stub
pub fn ask_or_give_up(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(0)?;
    client.connect(endpoint)?;
    client.send(question, 0)?;
    let steps = timeout.as_millis() / 100;
    for _ in 0..steps {
        if client.poll(zmq::POLLIN, 100)? > 0 {
            let answer = client.recv_bytes(0)?;
            return Ok(Some(String::from_utf8_lossy(&answer).into_owned()));
        }
    }
    Ok(None)
}
// ANCHOR_END: stub
