//! Wrong answers to exercise 2 that the check must reject.

/// Sends every question first, then collects the answers: the second send fails with
/// EFSM.
pub fn sends_all_first(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    for question in questions {
        client.send(*question, 0)?;
    }
    questions
        .iter()
        .map(|_| Ok(String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned()))
        .collect()
}

/// Asks the questions it once saw in the checker's output, not the ones it is given.
pub fn asks_what_it_saw(
    client: &zmq::Socket,
    _questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in ["one", "two", "three"] {
        client.send(question, 0)?;
        answers.push(String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned());
    }
    Ok(answers)
}
