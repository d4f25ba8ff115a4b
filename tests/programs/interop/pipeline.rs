//! PUSH/PULL: the article's ventilator, worker and sink, each in Rust or in Python (all eight
//! mixes), started in either order: the ventilator and the sink first, or the worker first
//! (it connects to addresses nobody has bound yet). One worker: which worker takes a task is
//! PL2's business, not this one's.

use std::time::Duration;

use super::{expect, python_side, run_matrix, Cell, Lang, Peer, Python, LANGS};
use crate::process::{tcp_endpoint, BOUND};

/// Typed into the ventilator; both ventilators strip the spaces, as the article's does.
const TASKS: [&str; 3] = ["  task 1 ", "task 2", "\ttask 3"];
const PROMPT: &str = "请输入要发布的信息:";

pub fn ventilator(python: &Python, lang: Lang, tasks_at: &str) -> Peer {
    match lang {
        Lang::Rust => Peer::rust(
            "pl-ventilator",
            &["--bind", tasks_at, "--timeout", "60"],
            "pushing tasks on",
        ),
        Lang::Python => {
            Peer::python(python, "pipeline/server.py", &[tasks_at], Some(PROMPT))
        }
    }
}

pub fn worker(python: &Python, lang: Lang, tasks_at: &str, results_at: &str) -> Peer {
    match lang {
        Lang::Rust => Peer::rust(
            "pl-worker",
            &["--pull", tasks_at, "--push", results_at, "--timeout", "60"],
            "working:",
        ),
        Lang::Python => {
            Peer::python(python, "pipeline/worker.py", &[tasks_at, results_at], None)
        }
    }
}

pub fn sink(python: &Python, lang: Lang, results_at: &str) -> Peer {
    let count = TASKS.len().to_string();
    match lang {
        Lang::Rust => Peer::rust(
            "pl-sink",
            &["--bind", results_at, "--count", &count, "--timeout", "60"],
            "collecting results on",
        ),
        Lang::Python => Peer::python(python, "pipeline/client.py", &[results_at], None),
    }
}

#[derive(Clone, Copy, Debug)]
pub enum First {
    VentilatorAndSink,
    Worker,
}

/// Every task typed into the ventilator reaches the sink through the worker, once, in order.
pub fn pipeline(
    [ventilator, worker, sink]: [Peer; 3],
    [tasks_at, results_at]: [&str; 2],
    first: First,
    bound: Duration,
) -> Result<(), String> {
    let langs = [ventilator.lang, worker.lang, sink.lang];
    let (mut ventilator, worker, mut sink) = match first {
        First::VentilatorAndSink => {
            let sink = sink.start()?;
            let ventilator = ventilator.start()?;
            (ventilator, worker.start()?, sink)
        }
        First::Worker => {
            let worker = worker.start()?;
            let sink = sink.start()?;
            (ventilator.start()?, worker, sink)
        }
    };
    for task in TASKS {
        ventilator.type_text(&format!("{task}\n"))?;
    }
    if langs[0] == Lang::Rust {
        // The port's way to quit; the article's ventilator would push "b" as a task.
        ventilator.type_text("b\n")?;
    }
    sink.wait_for(&format!("response: {}\n", TASKS[2].trim()), bound)?;

    // The article's ventilator ends only when its input does, with Python's EOFError.
    let ventilator = ventilator.end(bound)?;
    let worker = match langs[1] {
        Lang::Rust => worker.terminate(bound)?,
        Lang::Python => worker.kill(),
    };
    let sink = match langs[2] {
        Lang::Rust => sink.end(bound)?,
        Lang::Python => sink.kill(),
    };

    let tasks = TASKS.map(str::trim);
    let ventilator_said = match langs[0] {
        Lang::Rust => {
            let sent: String = tasks.iter().map(|t| format!("sent: {t}\n")).collect();
            format!("pushing tasks on {tasks_at}\n{sent}")
        }
        Lang::Python => format!("{PROMPT}已发送\n").repeat(TASKS.len()) + PROMPT,
    };
    match langs[0] {
        Lang::Rust if ventilator.success => {
            expect("the ventilator", &ventilator, &ventilator_said)?
        }
        Lang::Python
            if ventilator
                .stderr
                .ends_with("EOFError: EOF when reading a line\n") =>
        {
            if ventilator.stdout != ventilator_said {
                return Err(format!("the ventilator printed {ventilator:?}"));
            }
        }
        _ => return Err(format!("the ventilator failed: {ventilator:?}")),
    }
    let worker_said = match langs[1] {
        Lang::Rust => {
            let forwarded: String =
                tasks.iter().map(|t| format!("forwarding: {t}\n")).collect();
            // It reads no input: SIGTERM asks it to stop.
            format!(
                "working: {tasks_at} → {results_at}\n{forwarded}stopping: SIGTERM\n\
                 worker stops: {} task(s) taken, every result sent to {results_at}\n",
                tasks.len()
            )
        }
        Lang::Python => "正在转发...\n".repeat(TASKS.len()),
    };
    expect("the worker", &worker, &worker_said)?;
    let responses: String = tasks.iter().map(|t| format!("response: {t}\n")).collect();
    let sink_said = match langs[2] {
        Lang::Rust => format!("collecting results on {results_at}\n{responses}"),
        Lang::Python => responses,
    };
    expect("the sink", &sink, &sink_said)
}

#[test]
fn interop_pipeline() {
    let Some(python) = super::python() else {
        return;
    };
    let mut cells = Vec::new();
    for ventilator_lang in LANGS {
        for worker_lang in LANGS {
            for sink_lang in LANGS {
                for first in [First::VentilatorAndSink, First::Worker] {
                    let (tasks_at, results_at) = (tcp_endpoint(), tcp_endpoint());
                    let peers = [
                        ventilator(python, ventilator_lang, &tasks_at),
                        worker(python, worker_lang, &tasks_at, &results_at),
                        sink(python, sink_lang, &results_at),
                    ];
                    cells.push(Cell {
                        python_side: python_side(&[
                            ("ventilator", ventilator_lang),
                            ("worker", worker_lang),
                            ("sink", sink_lang),
                        ]),
                        first: match first {
                            First::VentilatorAndSink => "ventilator and sink",
                            First::Worker => "worker",
                        },
                        check: Box::new(move || {
                            pipeline(peers, [&tasks_at, &results_at], first, BOUND)
                        }),
                    });
                }
            }
        }
    }
    let matrix = run_matrix(python, "PUSH/PULL", cells);
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("pipeline", matrix);
    });
}
