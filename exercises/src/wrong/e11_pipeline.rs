//! Wrong answers to exercise 11 that the check must reject.

use std::thread;

/// Uses PUB/SUB to hand out the tasks: every worker gets every task (and, joining late, may miss
/// the first ones). Collects whatever arrives for a while.
pub fn publishes_tasks(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let ventilator = context.socket(zmq::PUB)?;
    ventilator.bind("inproc://e11-wrong-tasks")?;
    let sink = context.socket(zmq::PULL)?;
    sink.bind("inproc://e11-wrong-results")?;
    sink.set_rcvtimeo(300)?;
    let mut ready = Vec::new();
    for _ in 0..workers {
        let context = context.clone();
        let (tell, told) = std::sync::mpsc::channel();
        thread::spawn(move || -> zmq::Result<()> {
            let input = context.socket(zmq::SUB)?;
            input.set_subscribe(b"")?;
            input.set_rcvtimeo(200)?;
            input.connect("inproc://e11-wrong-tasks")?;
            let output = context.socket(zmq::PUSH)?;
            output.connect("inproc://e11-wrong-results")?;
            let _ = tell.send(());
            while let Ok(task) = input.recv_bytes(0) {
                output.send(
                    format!("done: {}", String::from_utf8_lossy(&task)).as_str(),
                    0,
                )?;
            }
            Ok(())
        });
        ready.push(told);
    }
    for told in ready {
        let _ = told.recv();
    }
    for task in tasks {
        ventilator.send(*task, 0)?;
    }
    let mut results = Vec::new();
    while let Ok(result) = sink.recv_bytes(0) {
        results.push(String::from_utf8_lossy(&result).into_owned());
    }
    Ok(results)
}
