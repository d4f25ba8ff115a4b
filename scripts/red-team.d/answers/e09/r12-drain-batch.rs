//! Model: Once a task has come, take every task already waiting in one go (they came together), then pass the batch on.
//! # Exercise 9 — a pipeline worker (PL1, PL3)
//!
//! `tasks` is a PULL socket fed by a ventilator; `results` is a PUSH socket to the
//! sink. Take `count` tasks and pass each one on as the bytes `done: ` followed by the
//! task's own bytes, unchanged (a task need not be UTF-8), then return; `count` may be
//! 0, and then there is no task to take. The tasks come as the ventilator pushes them:
//! the first maybe a moment after your function starts, the others together or one by
//! one, with pauses of more than a second; and more may follow for the next worker. The
//! sink may be slow to take the results. Every task taken must reach the sink exactly
//! once: none dropped, none twice.
//!
//! Edit only the body of `work`. Check with `cargo run -- exercises check 9`, or `cargo
//! run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    let mut taken = 0;
    while taken < count {
        let mut batch = vec![tasks.recv_bytes(0)?];
        loop {
            match tasks.recv_bytes(zmq::DONTWAIT) {
                Ok(task) => batch.push(task),
                Err(zmq::Error::EAGAIN) => break,
                Err(e) => return Err(e),
            }
        }
        for task in batch {
            results.send([b"done: ".as_slice(), &task].concat(), 0)?;
            taken += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
