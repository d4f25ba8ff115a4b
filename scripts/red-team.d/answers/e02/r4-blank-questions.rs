//! Model: a blank question (empty or only white space) asks nothing, so it needs no round trip and its answer is the empty string.
//! # Exercise 2 — one question, one answer (RR6)
//!
//! `client` is a REQ socket connected to a server. Ask it each of `questions`, in order,
//! each exactly as given (white space included): every one, even a question asked before
//! (its answer may differ), and there may be none. Return the answers in the same order,
//! each exactly as it came (white space included).
//!
//! Edit only the body of `ask_in_turn`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::with_capacity(questions.len());
    for question in questions {
        // A blank line is not a question (the article's client skips it too): nothing is
        // asked, so nothing is answered, and the order of the answers is kept.
        if question.trim().is_empty() {
            answers.push(String::new());
            continue;
        }
        // Exactly as given, white space included.
        client.send(*question, 0)?;
        let answer = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&answer).into_owned());
    }
    Ok(answers)
}
// ANCHOR_END: stub
