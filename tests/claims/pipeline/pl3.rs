//! PL3 — "由三部分组成,push进行数据推送,work进行数据缓存,pull进行数据竞争获取处理".

use zmq_workbook::claims::pipeline::pl3::{self, Delivered, TASKS, WORKERS};
use zmq_workbook::lab::{self, Transport};

use super::{ready, ready_on_ipc, refuses};

on_each_transport! {
    /// PL3 — ventilator → workers → sink: every task reaches the sink exactly once, and
    /// the workers share them in turn.
    fn pl3_every_task_reaches_the_sink_once_through_some_worker(transport) {
        // ANCHOR: pl3_test
        let delivered = pl3::ventilator_workers_sink(transport, WORKERS, TASKS)?;
        let delivered_by = &delivered.delivered_by;
        assert_eq!(delivered_by.len(), TASKS);
        for (task, workers) in delivered_by.iter().enumerate() {
            let times = workers.len();
            assert_eq!(times, 1, "task {task} reached the sink {times} times");
        }
        for worker in 0..WORKERS {
            let did = delivered_by.iter().filter(|w| w[0] == worker).count();
            assert_eq!(did, TASKS / WORKERS, "worker {worker}'s share");
        }
        // ANCHOR_END: pl3_test
        for ready in [&delivered.ventilator, &delivered.sink] {
            assert_eq!(ready.peers, WORKERS, "the set-up: {ready:?}");
            assert_eq!(lab::transport_of(&ready.endpoint), Some(transport), "{ready:?}");
        }
        Ok(())
    }
}

fn delivered(delivered_by: Vec<Vec<usize>>) -> Delivered {
    Delivered {
        ventilator: ready(3),
        sink: ready(3),
        delivered_by,
    }
}

/// PL3's judge, shown each fault alone: three workers, six tasks.
#[test]
fn pl3_evidence_refuses_each_fault_alone() {
    let in_turn: Vec<Vec<usize>> = (0..6).map(|t| vec![t % 3]).collect();
    let good = delivered(in_turn.clone());
    let finding = pl3::judge(Transport::Tcp, 3, 6, &good);
    assert!(finding.agrees(), "{finding}");
    let with = |change: fn(&mut Vec<Vec<usize>>)| {
        let mut spoiled = in_turn.clone();
        change(&mut spoiled);
        delivered(spoiled)
    };
    let wrong = [
        (
            "a task reaching the sink twice",
            with(|d| d[4].push(0)),
            "of 6 tasks 5 reached the sink exactly once, 0 never, 1 more than once",
        ),
        (
            "a task that never reached the sink",
            with(|d| d[1].clear()),
            "of 6 tasks 5 reached the sink exactly once, 1 never",
        ),
        (
            "every worker delivered some, unevenly",
            with(|d| *d = [0, 0, 0, 1, 1, 2].map(|w| vec![w]).to_vec()),
            "tasks per worker: 3, 2, 1",
        ),
        (
            "results from only some workers",
            with(|d| *d = [0, 1, 0, 1, 0, 1].map(|w| vec![w]).to_vec()),
            "tasks per worker: 3, 3, 0",
        ),
        (
            "a task's record missing",
            with(|d| {
                d.pop();
            }),
            "5 tasks' records where 6 were due",
        ),
        (
            "a worker not connected to the ventilator",
            Delivered {
                ventilator: ready(2),
                ..good.clone()
            },
            "the ventilator: 2 peers known before it went on, where 3 should be",
        ),
        (
            "a worker not connected to the sink",
            Delivered {
                sink: ready(2),
                ..good.clone()
            },
            "the sink: 2 peers known before it went on, where 3 should be",
        ),
        (
            "another transport",
            Delivered {
                sink: ready_on_ipc(3),
                ..good.clone()
            },
            "the sink: asked for tcp, its endpoint is ipc://",
        ),
    ];
    for (what, spoiled, text) in wrong {
        refuses(&pl3::judge(Transport::Tcp, 3, 6, &spoiled), what, text);
    }
}

/// PL3 — the "in your own program" lines: the worker passes every task on, then stops
/// once it has been idle.
#[test]
fn pl3_in_your_own_program_the_worker_passes_tasks_on_and_stops() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let ventilator = lab.socket(zmq::PUSH)?;
        let tasks_at = lab.bind(&ventilator, zmq_workbook::lab::Transport::Inproc)?;
        let sink = lab.socket(zmq::PULL)?;
        let results_at = lab.bind(&sink, zmq_workbook::lab::Transport::Inproc)?;
        let (tasks, results) = (lab.socket(zmq::PULL)?, lab.socket(zmq::PUSH)?);
        tasks.connect(&tasks_at)?;
        results.connect(&results_at)?;
        for i in 0..3 {
            ventilator.send(format!("task {i}").as_str(), 0)?;
        }
        assert_eq!(pl3::work(&tasks, &results, 100)?, 3);
        assert_eq!(zmq_workbook::lab::recv_n(&sink, 3)?.len(), 3);
        Ok(())
    })
}
