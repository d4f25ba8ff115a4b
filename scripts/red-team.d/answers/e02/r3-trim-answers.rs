//! Model: Answers arrive as lines of text, so trimming the surrounding white space (newlines, padding) gives the real answer.
//! # Exercise 2 — one question, one answer (RR6)
//!
//! `client` is a REQ socket connected to a server. Ask it each of `questions`, in order:
//! every one, even a question asked before (its answer may differ), and there may be none.
//! Return the answers in the same order, each exactly as it came (white space included).
//!
//! Edit only the body of `ask_in_turn`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::with_capacity(questions.len());
    for question in questions {
        client.send(*question, 0)?;
        let bytes = client.recv_bytes(0)?;
        // Servers often end their replies with a newline: keep just the answer.
        answers.push(String::from_utf8_lossy(&bytes).trim().to_string());
    }
    Ok(answers)
}
// ANCHOR_END: stub
