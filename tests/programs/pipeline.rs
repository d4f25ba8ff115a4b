//! AP3: ventilator, workers and sink as processes, in either start order.

use crate::process::{assert_refused, ipc_endpoint, retrying, Finished, Program, BOUND};

const TASKS: usize = 10;

/// Runs the article's pipeline with two workers. `workers_first`: the workers start (and
/// connect to addresses nobody has bound yet) before the sink and the ventilator. Returns the
/// sink's stdout and each worker's.
fn pipeline(workers_first: bool) -> (String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let (tasks_at, results_at) =
        (ipc_endpoint(&dir, "tasks"), ipc_endpoint(&dir, "results"));
    let worker_args = ["--pull", tasks_at.as_str(), "--push", results_at.as_str()];
    let start_workers = || -> Vec<Program> {
        (0..2)
            .map(|_| {
                let mut worker = Program::start_open("pl-worker", &worker_args);
                worker.wait_for_line("working");
                worker
            })
            .collect()
    };
    let workers = if workers_first {
        Some(start_workers())
    } else {
        None
    };

    let count = TASKS.to_string();
    let mut sink = Program::start_open(
        "pl-sink",
        &["--bind", &results_at, "--count", &count, "--timeout", "10"],
    );
    sink.wait_for_line("collecting");
    let lines: String = (0..TASKS)
        .map(|i| format!("task {i}\n"))
        .collect::<String>()
        + "b\n";
    // The ventilator waits for both workers, so the tasks are dealt out evenly (PL2).
    let mut ventilator = Program::start(
        "pl-ventilator",
        &[
            "--bind",
            &tasks_at,
            "--wait-workers",
            "2",
            "--timeout",
            "10",
        ],
        &lines,
    );
    ventilator.wait_for_line("pushing");
    let workers = workers.unwrap_or_else(start_workers);

    let sink = sink.finish();
    let ventilator = ventilator.finish();
    let workers: Vec<_> = workers
        .into_iter()
        .map(|worker| worker.terminate(BOUND).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert!(
        sink.success && ventilator.success,
        "{sink:?}\n{ventilator:?}"
    );
    assert!(workers.iter().all(|w| w.success), "{workers:?}");
    (sink.stdout, workers.into_iter().map(|w| w.stdout).collect())
}

fn assert_every_task_once(sink: &str, workers: &[String]) {
    for i in 0..TASKS {
        let result = format!("response: task {i}\n");
        assert_eq!(
            sink.matches(&result).count(),
            1,
            "task {i} in the sink:\n{sink}"
        );
    }
    let forwarded: Vec<usize> = workers
        .iter()
        .map(|w| w.matches("forwarding: ").count())
        .collect();
    assert_eq!(
        forwarded,
        [TASKS / 2, TASKS / 2],
        "the two workers share the tasks evenly"
    );
}

#[test]
fn ap3_sink_and_ventilator_first_then_workers() {
    let (sink, workers) = pipeline(false);
    assert_every_task_once(&sink, &workers);
}

#[test]
fn ap3_workers_first_then_sink_and_ventilator() {
    let (sink, workers) = pipeline(true);
    assert_every_task_once(&sink, &workers);
}

#[test]
fn ap3_bad_input_is_refused_with_one_line() {
    assert_refused(
        "pl-ventilator",
        &["--bind", "tcp://127.0.0.1:99999"],
        "",
        "a tcp port is a number from 1 to 65535",
    );
    assert_refused(
        "pl-worker",
        &["--pull", "pigeon://x"],
        "",
        "unknown transport",
    );
    assert_refused("pl-sink", &["--count", "many"], "", "invalid value");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("tcp://127.0.0.1:{}", taken.local_addr().unwrap().port());
    assert_refused("pl-sink", &["--bind", &endpoint], "", "already in use");
}

#[test]
fn ap3_a_ventilator_with_no_worker_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "alone");
    assert_refused(
        "pl-ventilator",
        &["--bind", &endpoint, "--timeout", "0.3"],
        "task\n",
        "no worker took the task",
    );
}

/// A worker between a test's PUSH (the ventilator, returned to stay open) and a sink that
/// nobody runs: its queue to the sink takes 1,000 results, then it holds a task it cannot
/// pass on, and more wait in its own queue.
fn worker_with_no_sink(
    extra: &[&str],
) -> (zmq_workbook::lab::Lab, zmq::Socket, Program, String) {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let ventilator = lab.socket(zmq::PUSH).unwrap();
    let tasks_at = lab.bind(&ventilator, Transport::Ipc).unwrap();
    let nobody = lab.endpoint(Transport::Ipc).unwrap();
    let mut args = vec!["--pull", tasks_at.as_str(), "--push", nobody.as_str()];
    args.extend(extra);
    let mut worker = Program::start_open("pl-worker", &args);
    worker.wait_for_line("working");
    for i in 0..1_100 {
        retrying(|| ventilator.send(format!("task {i}").as_str(), 0));
    }
    worker.wait_for_line("forwarding: task 1000\n");
    (lab, ventilator, worker, nobody)
}

/// The one line a worker that lost results says, checked against what it printed: every
/// task it took ("forwarding: …") is a result it says it could not deliver.
fn assert_says_all_it_took_were_lost(worker: &Finished, why: &str, sink: &str) {
    assert!(!worker.success, "{worker:?}");
    let taken = worker.stdout.matches("forwarding: ").count();
    assert!(
        taken > 1_000,
        "it took its queue's worth and one more: {worker:?}"
    );
    let said: Vec<&str> = worker.stderr.lines().collect();
    assert_eq!(
        said,
        [format!(
            "error: {why}: {taken} of {taken} result(s) not delivered: the sink at {sink} \
             never connected"
        )],
        "{}",
        worker.stdout
    );
}

#[test]
fn ap3_a_worker_whose_sink_takes_nothing_says_how_many_results_it_lost() {
    let (_lab, _ventilator, worker, sink) =
        worker_with_no_sink(&["--timeout", "0.5", "--linger", "0.2"]);
    // Its stdin stays open: the timeout alone ends it.
    let worker = worker
        .exits(std::time::Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("{e}"));
    let why = format!("the sink at {sink} took no result for 0.5 s");
    assert_says_all_it_took_were_lost(&worker, &why, &sink);
}

#[test]
fn ap3_a_worker_stopped_with_results_for_no_sink_says_how_many_it_lost() {
    let (_lab, _ventilator, worker, sink) = worker_with_no_sink(&["--linger", "0.2"]);
    worker.signal(libc::SIGTERM);
    let worker = worker
        .exits(std::time::Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(worker.stdout.contains("stopping: SIGTERM\n"), "{worker:?}");
    assert_says_all_it_took_were_lost(&worker, "SIGTERM", &sink);
}

#[test]
fn ap3_a_sink_that_binds_after_the_worker_was_told_to_stop_gets_its_results() {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let ventilator = lab.socket(zmq::PUSH).unwrap();
    let tasks_at = lab.bind(&ventilator, Transport::Ipc).unwrap();
    let results_at = lab.endpoint(Transport::Ipc).unwrap();
    let linger = std::time::Duration::from_secs(15);
    let mut worker = Program::start_open(
        "pl-worker",
        &["--pull", &tasks_at, "--push", &results_at, "--linger", "15"],
    );
    worker.wait_for_line("working");
    for i in 0..3 {
        retrying(|| ventilator.send(format!("task {i}").as_str(), 0));
    }
    // All three are queued in the worker's socket, for a sink nobody has bound yet.
    worker.wait_for_line("forwarding: task 2\n");
    worker.signal(libc::SIGTERM);
    worker.wait_for_line("stopping: SIGTERM\n");

    let sink = lab.socket(zmq::PULL).unwrap();
    zmq_workbook::lab::bind_at(&sink, &results_at).unwrap();
    let results = crate::process::receive(&sink, 3);
    assert_eq!(results, [&b"task 0"[..], b"task 1", b"task 2"]);
    // It ends as soon as they have left, well within its linger.
    let worker = worker.exits(linger / 2).unwrap_or_else(|e| panic!("{e}"));
    assert!(worker.success, "{worker:?}");
    assert_eq!(worker.stderr, "");
    assert!(
        worker.stdout.ends_with(&format!(
            "stopping: SIGTERM\nworker stops: 3 task(s) taken, every result sent to {results_at}\n"
        )),
        "{worker:?}"
    );
}

/// Whether a program that needs no input runs when its stdin is closed (`Stdio::null()`,
/// or a file), the way a background job of a script runs. The window in which a program
/// must not end by itself; the control shows it long enough for one that does.
const STILL_RUNNING: std::time::Duration = std::time::Duration::from_secs(1);

/// A worker between a test's ventilator and sink, started with `stdin`; checks that it
/// passes a task on and stops when asked (SIGTERM), saying so.
fn worker_with_stdin(stdin: std::process::Stdio) -> Finished {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let ventilator = lab.socket(zmq::PUSH).unwrap();
    let tasks_at = lab.bind(&ventilator, Transport::Ipc).unwrap();
    let sink = lab.socket(zmq::PULL).unwrap();
    let results_at = lab.bind(&sink, Transport::Ipc).unwrap();
    let mut worker = Program::start_with_stdin(
        "pl-worker",
        &["--pull", &tasks_at, "--push", &results_at],
        stdin,
    );
    worker.wait_for_line("working");
    assert!(
        worker.runs_after(STILL_RUNNING),
        "the worker ended by itself:\n{}",
        worker.stdout()
    );
    retrying(|| ventilator.send("task", 0));
    assert_eq!(crate::process::receive(&sink, 1), [b"task"]);
    worker.signal(libc::SIGTERM);
    let worker = worker.finish();
    assert!(worker.success, "{worker:?}");
    assert!(
        worker.stdout.ends_with(&format!(
            "stopping: SIGTERM\nworker stops: 1 task(s) taken, every result sent to {results_at}\n"
        )),
        "{worker:?}"
    );
    worker
}

#[test]
fn ap3_a_worker_runs_with_stdin_closed_until_asked_to_stop() {
    // Its stdin a pipe that the program that started it closes: it runs on.
    let dir = tempfile::tempdir().unwrap();
    let at = |name| ipc_endpoint(&dir, name);
    let mut piped =
        Program::start_open("pl-worker", &["--pull", &at("t"), "--push", &at("r")]);
    piped.wait_for_line("working");
    piped.close_stdin();
    assert!(
        piped.runs_after(STILL_RUNNING),
        "the worker ended when its stdin closed:\n{}",
        piped.stdout()
    );
    // The control: asked to stop, it ends within the same window.
    let piped = piped
        .terminate(STILL_RUNNING)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        piped.success
            && piped
                .stdout
                .ends_with("stopping: SIGTERM\nworker stops: no task taken\n"),
        "{piped:?}"
    );

    worker_with_stdin(std::process::Stdio::null());
}

#[test]
fn ap3_a_worker_never_reads_its_stdin() {
    // A terminal would stop a background job that reads it; a file shows whether the
    // worker reads at all: the file's offset, shared with the worker, stays at 0.
    use std::io::{Seek, Write};
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(b"typed by mistake\n").unwrap();
    file.rewind().unwrap();
    let mut shared = file.try_clone().unwrap();
    worker_with_stdin(file.into());
    assert_eq!(
        shared.stream_position().unwrap(),
        0,
        "the worker read its stdin"
    );
}

#[test]
fn ap3_programs_that_need_no_input_run_with_stdin_closed() {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let null = std::process::Stdio::null;

    let results_at = lab.free_endpoint(Transport::Ipc).unwrap();
    let mut sink = Program::start_with_stdin("pl-sink", &["--bind", &results_at], null());
    sink.wait_for_line("collecting results on");
    assert!(sink.runs_after(STILL_RUNNING), "{}", sink.stdout());
    let worker = lab.socket(zmq::PUSH).unwrap();
    worker.connect(&results_at).unwrap();
    retrying(|| worker.send("result", 0));
    sink.wait_for_line("response: result\n");

    let publisher = lab.socket(zmq::XPUB).unwrap();
    let at = lab.bind(&publisher, Transport::Ipc).unwrap();
    let mut subscriber = Program::start_with_stdin(
        "ps-subscriber",
        &["--connect", &at, "--filter", ""],
        null(),
    );
    subscriber.wait_for_line("subscribed");
    assert!(
        subscriber.runs_after(STILL_RUNNING),
        "{}",
        subscriber.stdout()
    );
    // The subscription has arrived: what is published now reaches the subscriber.
    let subscription = crate::process::receive(&publisher, 1);
    assert_eq!(subscription, [b"\x01"]);
    retrying(|| publisher.send("news", 0));
    subscriber.wait_for_line("response: news\n");
}

#[test]
fn ap3_worker_help_says_what_happens_to_the_tasks_it_holds() {
    let help = assert_cmd::Command::cargo_bin("pl-worker")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("passes on the tasks it has taken"), "{help}");
    assert!(help.contains("says how many and exits with 1"), "{help}");
}
