//! Solution to exercise 9.

// ANCHOR: solution
pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        results.send(
            format!("done: {}", String::from_utf8_lossy(&task)).as_str(),
            0,
        )?;
    }
    Ok(())
}
// ANCHOR_END: solution
