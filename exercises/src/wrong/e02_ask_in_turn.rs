//! Wrong answers to exercise 2 that the check must reject.

/// Sends every question first, then collects the answers: the second send fails with EFSM.
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
