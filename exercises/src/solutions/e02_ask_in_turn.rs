//! Solution to exercise 2.

// ANCHOR: solution
pub fn ask_in_turn(client: &zmq::Socket, questions: &[&str]) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        // A REQ socket must have its answer before it may ask again (RR6).
        let answer = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&answer).into_owned());
    }
    Ok(answers)
}
// ANCHOR_END: solution
