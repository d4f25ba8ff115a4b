//! Wrong answers to exercise 9 that the check must reject.

fn pass_on(task: &[u8], results: &zmq::Socket) -> zmq::Result<()> {
    results.send([b"done: ".as_slice(), task].concat(), 0)
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

/// Gives the ventilator a moment, then takes what is there with DONTWAIT: tasks that come
/// later, or one by one, are not there yet.
pub fn sleeps_then_does_not_wait(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    std::thread::sleep(std::time::Duration::from_millis(200));
    for _ in 0..count {
        match tasks.recv_bytes(zmq::DONTWAIT) {
            Ok(task) => pass_on(&task, results)?,
            Err(zmq::Error::EAGAIN) => break,
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

/// Takes the tasks, but gives up when none has come for a second: the next one may be
/// slower than that.
pub fn gives_up_after_a_second(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    tasks.set_rcvtimeo(1000)?;
    for _ in 0..count {
        match tasks.recv_bytes(0) {
            Ok(task) => pass_on(&task, results)?,
            Err(zmq::Error::EAGAIN) => return Ok(()),
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

/// Pushes each result with DONTWAIT and ignores the outcome: when the sink is slow and the
/// pipe to it is full, results are dropped.
pub fn drops_results_when_the_sink_is_slow(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        let _ = results.send([b"done: ".as_slice(), &task].concat(), zmq::DONTWAIT);
    }
    Ok(())
}

/// Takes the tasks as text and drops one that is not UTF-8: it was a task all the same.
pub fn skips_tasks_that_are_not_text(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        if let Ok(task) = tasks.recv_string(0)? {
            results.send(format!("done: {task}").as_str(), 0)?;
        }
    }
    Ok(())
}

/// Passes each task on through text: bytes that are not UTF-8 come out changed.
pub fn goes_through_text(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        let result = format!("done: {}", String::from_utf8_lossy(&task));
        results.send(result.as_str(), 0)?;
    }
    Ok(())
}

/// Takes at least one task, whatever `count` says: with a `count` of 0 it takes a task
/// meant for the next worker.
pub fn takes_at_least_one(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count.max(1) {
        pass_on(&tasks.recv_bytes(0)?, results)?;
    }
    Ok(())
}

/// Takes the line end off each task, as if it were framing: it is part of the task.
pub fn trims_line_ends(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    for _ in 0..count {
        let mut task = tasks.recv_bytes(0)?;
        while matches!(task.last(), Some(b'\n' | b'\r')) {
            task.pop();
        }
        pass_on(&task, results)?;
    }
    Ok(())
}

/// Reads each task into a 256-byte buffer, "tasks are short": a longer one is cut.
pub fn reads_into_a_small_buffer(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    let mut buffer = [0u8; 256];
    for _ in 0..count {
        let size = tasks.recv_into(&mut buffer, 0)?;
        pass_on(&buffer[..size.min(buffer.len())], results)?;
    }
    Ok(())
}

/// Gives a slow sink a few tries of a quarter of a second, then drops the result: a sink
/// slower than that loses it.
pub fn drops_results_after_a_few_tries(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    count: usize,
) -> zmq::Result<()> {
    results.set_sndtimeo(250)?;
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        let result = [b"done: ".as_slice(), &task].concat();
        for _ in 0..4 {
            match results.send(result.as_slice(), 0) {
                Err(zmq::Error::EAGAIN) => continue,
                sent => {
                    sent?;
                    break;
                }
            }
        }
    }
    Ok(())
}
