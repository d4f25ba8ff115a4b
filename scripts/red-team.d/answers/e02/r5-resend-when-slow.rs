//! Model: A slow answer means the question was lost, so after a second without an answer the client re-sends it (REQ_RELAXED makes the resend legal), asking a slow server the same question twice.
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
    // Never wait for ever on one answer: resend if the server seems to have missed it.
    client.set_req_relaxed(true)?;
    client.set_req_correlate(true)?;
    client.set_rcvtimeo(1_000)?;
    let mut answers = Vec::with_capacity(questions.len());
    for question in questions {
        client.send(*question, 0)?;
        let bytes = loop {
            match client.recv_bytes(0) {
                Ok(bytes) => break bytes,
                Err(zmq::Error::EAGAIN) => client.send(*question, 0)?,
                Err(e) => return Err(e),
            }
        };
        answers.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    client.set_rcvtimeo(-1)?;
    Ok(answers)
}
// ANCHOR_END: stub
