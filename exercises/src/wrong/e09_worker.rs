//! Wrong answers to exercise 9 that the check must reject.

/// Sends each result twice ("to be safe").
pub fn duplicates(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        let task = String::from_utf8_lossy(&tasks.recv_bytes(0)?).into_owned();
        results.send(format!("done: {task}").as_str(), 0)?;
        results.send(format!("done: {task}").as_str(), 0)?;
    }
    Ok(())
}

/// Drops every task whose text is longer than a word.
pub fn drops_some(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        let task = String::from_utf8_lossy(&tasks.recv_bytes(0)?).into_owned();
        if !task.contains(' ') {
            results.send(format!("done: {task}").as_str(), 0)?;
        }
    }
    Ok(())
}
