//! # Exercise 11 — ventilator, workers, sink (PL1, PL2, PL3)
//!
//! Build the article's whole pipeline inside one process, on inproc endpoints of
//! `context`: a ventilator PUSHes `tasks`, `workers` worker threads PULL them and PUSH
//! `"done: <task>"` to a sink, and the sink PULLs the results. Return the results: one
//! per task (two tasks of the same text are two tasks, with a result each), none twice.
//!
//! Bind the ventilator at `inproc://e11-tasks` and the sink at `inproc://e11-results`:
//! the check connects a worker of its own there too, and every worker, yours and the
//! check's, must get its share of the tasks (PL2): push once each of yours has connected,
//! on the evidence, not after a sleep. Workers may stop when no task has come for a while
//! (a receive timeout). Edit only the body of `run_pipeline`. Check with
//! `cargo run -- exercises check 11`, or `cargo run -- exercises watch` to check on every
//! save.
//! Model: once every result is in, the workers are no longer needed: they wait for tasks for ever and are left running, not joined

use std::sync::mpsc;
use std::thread;

pub fn run_pipeline(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let ventilator = context.socket(zmq::PUSH)?;
    ventilator.bind("inproc://e11-tasks")?;
    let sink = context.socket(zmq::PULL)?;
    sink.bind("inproc://e11-results")?;

    let (ready, readiness) = mpsc::channel();
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let (context, ready) = (context.clone(), ready.clone());
            thread::spawn(move || -> zmq::Result<()> {
                let input = context.socket(zmq::PULL)?;
                // no receive timeout: a worker waits for its next task
                input.connect("inproc://e11-tasks")?;
                let output = context.socket(zmq::PUSH)?;
                output.connect("inproc://e11-results")?;
                let _ = ready.send(());
                while let Ok(task) = input.recv_bytes(0) {
                    let task = String::from_utf8_lossy(&task);
                    output.send(format!("done: {task}").as_str(), 0)?;
                }
                Ok(())
            })
        })
        .collect();
    drop(ready);
    for _ in 0..workers {
        if readiness.recv().is_err() {
            break;
        }
    }

    for task in tasks {
        ventilator.send(*task, 0)?;
    }
    let mut results = Vec::new();
    for _ in tasks {
        results.push(String::from_utf8_lossy(&sink.recv_bytes(0)?).into_owned());
    }
    drop(threads); // detached: they finish when the program does
    Ok(results)
}
