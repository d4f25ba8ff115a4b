//! # Exercise 9 — a pipeline worker (PL1, PL3)
//!
//! `tasks` is a PULL socket fed by a ventilator; `results` is a PUSH socket to the sink.
//! Take `count` tasks and pass each one on as the bytes `done: ` followed by the task's
//! own bytes, unchanged (a task need not be UTF-8), then return. The tasks come as the
//! ventilator pushes them: the first maybe a moment after your function starts, the
//! others together or one by one, with pauses of more than a second; and more may follow
//! for the next worker. The sink may be slow to take the results. Every task taken must
//! reach the sink exactly once: none dropped, none twice.
//!
//! Edit only the body of `work`. Check with `cargo run -- exercises check 9`, or `cargo
//! run -- exercises watch` to check on every save.
//! Model: a good worker also clears the tasks already waiting once its count is done, so none is left behind

pub fn work(tasks: &zmq::Socket, results: &zmq::Socket, count: usize) -> zmq::Result<()> {
    let pass_on = |task: Vec<u8>| -> zmq::Result<()> {
        let mut result = b"done: ".to_vec();
        result.extend_from_slice(&task);
        results.send(result, 0)
    };
    for _ in 0..count {
        let task = tasks.recv_bytes(0)?;
        pass_on(task)?;
    }
    // Whatever is already here would otherwise wait for nobody.
    loop {
        match tasks.recv_bytes(zmq::DONTWAIT) {
            Ok(task) => pass_on(task)?,
            Err(zmq::Error::EAGAIN) => break,
            Err(other) => return Err(other),
        }
    }
    Ok(())
}
