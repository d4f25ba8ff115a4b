//! Model: An answer that is not valid UTF-8 cannot be shown, so it becomes an empty string.
//! # Exercise 2 — one question, one answer (RR6)
//!
//! `client` is a REQ socket connected to a server. Ask it each of `questions`, in order,
//! each once and exactly as given (white space included): every one, even a question asked
//! before (its answer may differ), and there may be none. An answer may take the server a
//! while: wait for each however long it takes. Return the answers in the same order, each
//! exactly as it came (white space included; an answer that is not UTF-8 text, as
//! `String::from_utf8_lossy` makes it).
//!
//! Edit only the body of `ask_in_turn`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        let answer = client.recv_string(0)?.unwrap_or_default();
        answers.push(answer);
    }
    Ok(answers)
}
// ANCHOR_END: stub
