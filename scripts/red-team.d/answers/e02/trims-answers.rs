//! # Exercise 2 — one question, one answer (RR6)
//!
//! `client` is a REQ socket connected to a server. Ask it each of `questions`, in order,
//! and return the answers in the same order.
//!
//! Edit only the body of `ask_in_turn`. Check with `cargo run -- exercises`.
//! Model: answers are words: trim the whitespace around them

// ANCHOR: stub
pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        let answer = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&answer).trim().to_string());
    }
    Ok(answers)
}
// ANCHOR_END: stub
