//! Model: a question with no answer within a second was lost, so a relaxed REQ asks it again until an answer comes, which asks a slow server the same question twice.
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
    // A plain REQ that loses its question hangs for ever (and a second send is EFSM).
    // Relaxed + correlated, it may ask again, and only the answer to the last asking counts.
    client.set_req_relaxed(true)?;
    client.set_req_correlate(true)?;
    client.set_rcvtimeo(1000)?;
    let mut answers = Vec::with_capacity(questions.len());
    for question in questions {
        let answer = loop {
            client.send(*question, 0)?;
            match client.recv_bytes(0) {
                Ok(answer) => break answer,
                // No answer within a second: the question was lost, ask it again.
                Err(zmq::Error::EAGAIN) => continue,
                Err(e) => return Err(e),
            }
        };
        answers.push(String::from_utf8_lossy(&answer).into_owned());
    }
    Ok(answers)
}
// ANCHOR_END: stub
