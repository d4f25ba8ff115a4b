//! Model: a PUSH deals tasks out evenly among my workers, so each worker takes exactly its share (ceil(len/workers)) and stops; the check's worker takes some too, so mine wait for tasks that never come.
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

    // Round-robin: each worker gets the same number of tasks, give or take one.
    let share = if workers == 0 { 0 } else { tasks.len().div_ceil(workers) };
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let mut handles = Vec::new();
    for _ in 0..workers {
        let ctx = context.clone();
        let ready = ready_tx.clone();
        handles.push(std::thread::spawn(move || -> zmq::Result<()> {
            let pull = ctx.socket(zmq::PULL)?;
            pull.connect("inproc://e11-tasks")?;
            let push = ctx.socket(zmq::PUSH)?;
            push.connect("inproc://e11-results")?;
            ready.send(()).ok();
            for _ in 0..share {
                let task = pull.recv_bytes(0)?;
                push.send([b"done: ".as_slice(), &task].concat(), 0)?;
            }
            Ok(())
        }));
    }
    drop(ready_tx);
    for _ in 0..workers {
        ready_rx.recv().ok();
    }
    for task in tasks {
        ventilator.send(*task, 0)?;
    }
    let mut results = Vec::with_capacity(tasks.len());
    while results.len() < tasks.len() {
        let r = sink.recv_bytes(0)?;
        results.push(String::from_utf8_lossy(&r).into_owned());
    }
    for h in handles {
        h.join().expect("worker panicked")?;
    }
    Ok(results)
}
// ANCHOR_END: stub
