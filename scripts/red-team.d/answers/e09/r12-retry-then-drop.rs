//! Model: A slow sink is retried a few times without blocking; after that the result is given up so the worker is not stuck.
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
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        let result = [b"done: ".as_slice(), &task].concat();
        for _attempt in 0..20 {
            match results.send(&result, zmq::DONTWAIT) {
                Ok(()) => break,
                Err(zmq::Error::EAGAIN) => {
                    std::thread::sleep(std::time::Duration::from_millis(10))
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
// ANCHOR_END: stub
