//! Solution to exercise 11.

use std::sync::mpsc;
use std::thread;

// ANCHOR: solution
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
                input.set_rcvtimeo(200)?; // no task for a while: the work is done
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

    // A PUSH deals only to pullers already connected (PL2): wait for every worker.
    for _ in 0..workers {
        if readiness.recv().is_err() {
            break; // a worker failed: its error comes with join below
        }
    }
    // PUSH deals each task to exactly one worker (PL1).
    for task in tasks {
        ventilator.send(*task, 0)?;
    }
    let mut results = Vec::new();
    for _ in tasks {
        results.push(String::from_utf8_lossy(&sink.recv_bytes(0)?).into_owned());
    }
    for worker in threads {
        worker.join().expect("a worker panicked")?;
    }
    Ok(results)
}
// ANCHOR_END: solution
