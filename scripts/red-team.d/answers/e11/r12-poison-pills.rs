//! Model: Stop the workers by pushing one STOP message per worker after the tasks: each worker takes exactly one pill and exits.
//! # Exercise 11 — ventilator, workers, sink (PL1, PL2, PL3)
//!
//! Build the article's whole pipeline inside one process, on inproc endpoints of
//! `context`: a ventilator PUSHes `tasks`, `workers` worker threads PULL them and PUSH
//! `"done: <task>"` to a sink, and the sink PULLs the results. Return the results: one
//! per task (two tasks of the same text are two tasks, with a result each), none twice,
//! however long a worker takes over a task.
//!
//! Bind the ventilator at `inproc://e11-tasks` and the sink at `inproc://e11-results`:
//! the check connects a worker of its own there too, and every worker, yours and the
//! check's, must get its share of the tasks (PL2): push once each of yours has connected,
//! on the evidence, not after a sleep. `workers` may be 0: the check's worker then does
//! every task. Workers may stop when no task has come for a while (a receive timeout);
//! join them all before you return: nothing you started may still run afterwards.
//!
//! Edit only the body of `run_pipeline`. Check with `cargo run -- exercises check 11`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn run_pipeline(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let ventilator = context.socket(zmq::PUSH)?;
    ventilator.bind("inproc://e11-tasks")?;
    let sink = context.socket(zmq::PULL)?;
    sink.bind("inproc://e11-results")?;
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let mut handles = Vec::new();
    for _ in 0..workers {
        let ctx = context.clone();
        let ready = ready_tx.clone();
        handles.push(std::thread::spawn(move || -> zmq::Result<()> {
            let input = ctx.socket(zmq::PULL)?;
            input.connect("inproc://e11-tasks")?;
            let output = ctx.socket(zmq::PUSH)?;
            output.connect("inproc://e11-results")?;
            let _ = ready.send(());
            loop {
                let task = input.recv_bytes(0)?;
                if task == b"\x00STOP" {
                    return Ok(());
                }
                output.send([b"done: ".as_slice(), &task].concat(), 0)?;
            }
        }));
    }
    drop(ready_tx);
    for _ in 0..workers {
        let _ = ready_rx.recv();
    }
    for task in tasks {
        ventilator.send(*task, 0)?;
    }
    let mut results = Vec::with_capacity(tasks.len());
    for _ in 0..tasks.len() {
        let bytes = sink.recv_bytes(0)?;
        results.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for _ in 0..workers {
        ventilator.send("\x00STOP", 0)?;
    }
    for handle in handles {
        handle.join().expect("worker panicked")?;
    }
    Ok(results)
}
// ANCHOR_END: stub
