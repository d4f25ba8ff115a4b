//! Wrong answers to exercise 9 that the check must reject.

fn pass_on(task: &[u8], results: &zmq::Socket) -> zmq::Result<()> {
    results.send(
        format!("done: {}", String::from_utf8_lossy(task)).as_str(),
        0,
    )
}

/// Sends each result twice ("to be safe").
pub fn duplicates(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        pass_on(&task, results)?;
        pass_on(&task, results)?;
    }
    Ok(())
}

/// Drops an empty task: "there is nothing to do".
pub fn drops_empty_tasks(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        if !task.is_empty() {
            pass_on(&task, results)?;
        }
    }
    Ok(())
}

/// Works until no task comes: in real use, more may always come, and it never returns.
pub fn works_until_none_comes(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    _count: usize,
) -> zmq::Result<()> {
    while let Ok(task) = tasks.recv_bytes(0) {
        pass_on(&task, results)?;
    }
    Ok(())
}

/// Takes the ten tasks it once saw in the checker's output.
pub fn takes_ten(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    _count: usize,
) -> zmq::Result<()> {
    for _ in 0..10 {
        pass_on(&tasks.recv_bytes(0)?, results)?;
    }
    Ok(())
}

/// Takes each task with DONTWAIT: EAGAIN when the first has not come yet.
pub fn does_not_wait(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        pass_on(&tasks.recv_bytes(zmq::DONTWAIT)?, results)?;
    }
    Ok(())
}
