//! AP3: ventilator, workers and sink as processes, in either start order.

use crate::process::{assert_refused, ipc_endpoint, retrying, Program};

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
    let workers: Vec<_> = workers.into_iter().map(Program::finish).collect();
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

/// A worker between a test's PUSH and a sink that nobody runs: once its queue to the sink
/// is full (1,000 results), it holds a task it cannot pass on.
fn worker_with_no_sink(extra: &[&str]) -> (zmq_workbook::lab::Lab, Program) {
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
    drop(ventilator);
    (lab, worker)
}

#[test]
fn ap3_a_worker_holding_a_task_stops_when_its_stdin_closes() {
    let (_lab, worker) = worker_with_no_sink(&[]);
    let worker = worker
        .end(std::time::Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(worker.success, "{worker:?}");
    assert!(
        worker.stdout.ends_with("stdin closed: worker stops\n"),
        "{worker:?}"
    );
}

#[test]
fn ap3_a_worker_whose_sink_takes_nothing_gives_up_with_one_line() {
    let (_lab, worker) = worker_with_no_sink(&["--timeout", "0.5"]);
    // Its stdin stays open: the timeout alone ends it.
    let worker = worker
        .exits(std::time::Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!worker.success, "{worker:?}");
    let said: Vec<&str> = worker.stderr.lines().collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("error: the sink at ")
            && said[0].contains("took no result for 0.5 s")
            && said[0].ends_with("The task held is lost."),
        "{said:?}"
    );
}

#[test]
fn ap3_worker_help_says_what_happens_to_the_tasks_it_holds() {
    let help = assert_cmd::Command::cargo_bin("pl-worker")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("the tasks it holds are lost"), "{help}");
}
