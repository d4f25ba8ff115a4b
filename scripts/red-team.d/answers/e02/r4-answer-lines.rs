//! Model: an answer is a line, and its line ending ("\n" or "\r\n") is framing, not part of the answer, so it is cut off.
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
        // One question, then its answer, then the next (RR6).
        client.send(*question, 0)?;
        let bytes = client.recv_bytes(0)?;
        let answer = String::from_utf8_lossy(&bytes);
        // Servers (the article's reads its reply from the keyboard) end their answer with
        // the line ending; the answer itself is the line. Other white space is kept.
        answers.push(answer.trim_end_matches(['\r', '\n']).to_owned());
    }
    Ok(answers)
}
// ANCHOR_END: stub
