//! Wrong answers to exercise 11 that the check must reject.

use std::sync::mpsc;
use std::thread;

const TASKS: &str = "inproc://e11-tasks";
const RESULTS: &str = "inproc://e11-results";

/// A worker thread: takes tasks from `input_kind` (PULL, or SUB subscribed to
/// everything), says when it is connected, and stops when no task has come for a while.
fn worker(
    context: &zmq::Context,
    input_kind: zmq::SocketType,
    ready: mpsc::Sender<()>,
) -> thread::JoinHandle<zmq::Result<()>> {
    worker_sending(context, input_kind, ready, 1, 200)
}

/// A worker that sends each result `times` times, and stops when no task has come for
/// `stops_after` ms (-1: never).
fn worker_sending(
    context: &zmq::Context,
    input_kind: zmq::SocketType,
    ready: mpsc::Sender<()>,
    times: usize,
    stops_after: i32,
) -> thread::JoinHandle<zmq::Result<()>> {
    let context = context.clone();
    thread::spawn(move || {
        let input = context.socket(input_kind)?;
        if input_kind == zmq::SUB {
            input.set_subscribe(b"")?;
        }
        input.set_rcvtimeo(stops_after)?;
        input.connect(TASKS)?;
        let output = context.socket(zmq::PUSH)?;
        output.connect(RESULTS)?;
        let _ = ready.send(());
        while let Ok(task) = input.recv_bytes(0) {
            let task = String::from_utf8_lossy(&task);
            for _ in 0..times {
                output.send(format!("done: {task}").as_str(), 0)?;
            }
        }
        Ok(())
    })
}

/// Pushes the tasks once `workers` are ready, and collects one result per task.
fn push_and_collect(
    ventilator: &zmq::Socket,
    sink: &zmq::Socket,
    tasks: &[&str],
) -> zmq::Result<Vec<String>> {
    push(ventilator, tasks)?;
    collect(sink, tasks.len())
}

fn push(ventilator: &zmq::Socket, tasks: &[&str]) -> zmq::Result<()> {
    for task in tasks {
        ventilator.send(*task, 0)?;
    }
    Ok(())
}

/// `count` results from the sink, as text.
fn collect(sink: &zmq::Socket, count: usize) -> zmq::Result<Vec<String>> {
    (0..count)
        .map(|_| Ok(String::from_utf8_lossy(&sink.recv_bytes(0)?).into_owned()))
        .collect()
}

/// `workers` PULL workers of [`worker`], each connected once this returns.
fn connected_workers(
    context: &zmq::Context,
    workers: usize,
) -> Vec<thread::JoinHandle<zmq::Result<()>>> {
    let (ready, readiness) = mpsc::channel();
    let threads = (0..workers)
        .map(|_| worker(context, zmq::PULL, ready.clone()))
        .collect();
    for _ in 0..workers {
        let _ = readiness.recv();
    }
    threads
}

fn join(threads: Vec<thread::JoinHandle<zmq::Result<()>>>) -> zmq::Result<()> {
    for worker in threads {
        worker.join().expect("a worker panicked")?;
    }
    Ok(())
}

fn ends(
    context: &zmq::Context,
    ventilator: zmq::SocketType,
) -> zmq::Result<[zmq::Socket; 2]> {
    let tasks = context.socket(ventilator)?;
    tasks.bind(TASKS)?;
    let sink = context.socket(zmq::PULL)?;
    sink.bind(RESULTS)?;
    Ok([tasks, sink])
}

/// Uses PUB/SUB to hand out the tasks: every worker gets every task. Collects whatever
/// arrives for a while.
pub fn publishes_tasks(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUB)?;
    sink.set_rcvtimeo(300)?;
    let (ready, readiness) = mpsc::channel();
    for _ in 0..workers {
        worker(context, zmq::SUB, ready.clone());
    }
    for _ in 0..workers {
        let _ = readiness.recv();
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

/// One worker, whatever `workers` asks for: every result comes, and the work is not
/// shared.
pub fn one_worker(
    context: &zmq::Context,
    tasks: &[&str],
    _workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let (ready, readiness) = mpsc::channel();
    let only = worker(context, zmq::PULL, ready);
    let _ = readiness.recv();
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    only.join().expect("the worker panicked")?;
    Ok(results)
}

/// Starts each worker and waits for it to finish before starting the next: one at a time,
/// and each has stopped before any task is pushed.
pub fn one_worker_at_a_time(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    for _ in 0..workers {
        let (ready, _readiness) = mpsc::channel();
        worker(context, zmq::PULL, ready)
            .join()
            .expect("a worker panicked")?;
    }
    push_and_collect(&ventilator, &sink, tasks)
}

/// Workers that send each result twice ("to be safe"): the sink collects as many results
/// as tasks, some twice and some not at all.
pub fn results_twice(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let (ready, readiness) = mpsc::channel();
    let threads: Vec<_> = (0..workers)
        .map(|_| worker_sending(context, zmq::PULL, ready.clone(), 2, 200))
        .collect();
    for _ in 0..workers {
        let _ = readiness.recv();
    }
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    join(threads)?;
    Ok(results)
}

/// Starts the workers and sleeps a little instead of waiting for them to say they are
/// connected: a guess, that holds only as long as the workers are quick.
pub fn sleeps_for_the_workers(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let threads: Vec<_> = (0..workers)
        .map(|_| worker(context, zmq::PULL, mpsc::channel().0))
        .collect();
    thread::sleep(std::time::Duration::from_millis(100));
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    join(threads)?;
    Ok(results)
}

/// Workers that say they are ready as soon as they run, and connect afterwards: the
/// ventilator may push before the last of them is connected.
pub fn ready_before_connecting(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let (ready, readiness) = mpsc::channel();
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let (context, ready) = (context.clone(), ready.clone());
            thread::spawn(move || -> zmq::Result<()> {
                let _ = ready.send(());
                let input = context.socket(zmq::PULL)?;
                input.set_rcvtimeo(200)?;
                input.connect(TASKS)?;
                let output = context.socket(zmq::PUSH)?;
                output.connect(RESULTS)?;
                while let Ok(task) = input.recv_bytes(0) {
                    let task = String::from_utf8_lossy(&task);
                    output.send(format!("done: {task}").as_str(), 0)?;
                }
                Ok(())
            })
        })
        .collect();
    for _ in 0..workers {
        let _ = readiness.recv();
    }
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    join(threads)?;
    Ok(results)
}

/// Starts the workers and pushes at once, "since an inproc connect is instant": the
/// workers may not have run yet.
pub fn pushes_without_waiting(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let threads: Vec<_> = (0..workers)
        .map(|_| worker(context, zmq::PULL, mpsc::channel().0))
        .collect();
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    join(threads)?;
    Ok(results)
}

/// Takes "none twice" for "no result twice": two tasks of the same text lose a result.
pub fn removes_repeated_results(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let threads = connected_workers(context, workers);
    let mut results = push_and_collect(&ventilator, &sink, tasks)?;
    let mut seen = std::collections::HashSet::new();
    results.retain(|result| seen.insert(result.clone()));
    join(threads)?;
    Ok(results)
}

/// Leaves the workers running once every result is in: they wait for tasks with no
/// timeout, and are never joined.
pub fn leaves_the_workers_running(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let (ready, readiness) = mpsc::channel();
    for _ in 0..workers {
        worker_sending(context, zmq::PULL, ready.clone(), 1, -1);
    }
    for _ in 0..workers {
        let _ = readiness.recv();
    }
    push_and_collect(&ventilator, &sink, tasks)
}

/// Returns no results at once when it has no workers of its own, "since nothing can be
/// done": the check's worker would have done every task.
pub fn no_workers_no_results(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    if workers == 0 {
        return Ok(Vec::new());
    }
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let threads = connected_workers(context, workers);
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    join(threads)?;
    Ok(results)
}

/// Collects results until none has come for half a second, instead of counting them: a
/// result that takes longer is left out.
pub fn collects_until_quiet(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    sink.set_rcvtimeo(500)?;
    let threads = connected_workers(context, workers);
    for task in tasks {
        ventilator.send(*task, 0)?;
    }
    let mut results = Vec::new();
    while let Ok(result) = sink.recv_bytes(0) {
        results.push(String::from_utf8_lossy(&result).into_owned());
    }
    join(threads)?;
    Ok(results)
}

/// Joins the workers before the sink reads, "so that every result is waiting": past what
/// the queues to the sink hold, a worker blocks on its send, and the join never returns.
pub fn joins_before_collecting(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let threads = connected_workers(context, workers);
    push(&ventilator, tasks)?;
    join(threads)?;
    collect(&sink, tasks.len())
}

/// Starts one worker of its own even when asked for none, "a pipeline needs a worker":
/// the check's worker no longer does every task.
pub fn one_worker_anyway(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let threads = connected_workers(context, workers.max(1));
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    join(threads)?;
    Ok(results)
}

/// Says each worker is ready once its sockets are made, a moment before it connects:
/// "inproc connects at once". On a busy machine the connect comes after the push.
pub fn ready_before_the_connect(
    context: &zmq::Context,
    tasks: &[&str],
    workers: usize,
) -> zmq::Result<Vec<String>> {
    let [ventilator, sink] = ends(context, zmq::PUSH)?;
    let (ready, readiness) = mpsc::channel();
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let (context, ready) = (context.clone(), ready.clone());
            thread::spawn(move || -> zmq::Result<()> {
                let input = context.socket(zmq::PULL)?;
                input.set_rcvtimeo(200)?;
                let output = context.socket(zmq::PUSH)?;
                let _ = ready.send(());
                input.connect(TASKS)?;
                output.connect(RESULTS)?;
                while let Ok(task) = input.recv_bytes(0) {
                    let task = String::from_utf8_lossy(&task);
                    output.send(format!("done: {task}").as_str(), 0)?;
                }
                Ok(())
            })
        })
        .collect();
    for _ in 0..workers {
        let _ = readiness.recv();
    }
    let results = push_and_collect(&ventilator, &sink, tasks)?;
    join(threads)?;
    Ok(results)
}
