//! # Exercise 2 — one question, one answer (RR6)
//!
//! `client` is a REQ socket connected to a server. Ask it each of `questions`, in order:
//! every one, even a question asked before (its answer may differ), and there may be none.
//! Return the answers in the same order, each exactly as it came (white space included).
//!
//! Edit only the body of `ask_in_turn`. Check with `cargo run -- exercises`.
//! Model: stray white space around a question is noise, so each question is trimmed before it is sent

pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::with_capacity(questions.len());
    for question in questions {
        client.send(question.trim(), 0)?;
        let answer = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&answer).into_owned());
    }
    Ok(answers)
}
