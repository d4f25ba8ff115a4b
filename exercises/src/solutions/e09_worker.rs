//! Solution to exercise 9.

// ANCHOR: solution
pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    for _ in 0..count {
        // A blocking receive: the next task may be a while coming.
        let task = tasks.recv_bytes(0)?;
        // Bytes, not text: a task that is not UTF-8 goes on unchanged (RR7).
        let mut result = b"done: ".to_vec();
        result.extend_from_slice(&task);
        // A blocking send: a slow sink makes the worker wait; nothing is dropped.
        results.send(result, 0)?;
    }
    Ok(())
}
// ANCHOR_END: solution
