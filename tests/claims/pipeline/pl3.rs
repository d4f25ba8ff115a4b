//! PL3 — "由三部分组成,push进行数据推送,work进行数据缓存,pull进行数据竞争获取处理".

use zmq_workbook::claims::pipeline::pl3::{self, TASKS, WORKERS};

on_each_transport! {
    /// PL3 — ventilator → workers → sink: every task reaches the sink exactly once, and
    /// the workers share them in turn.
    fn pl3_every_task_reaches_the_sink_once_through_some_worker(transport) {
        // ANCHOR: pl3_test
        let delivered_by = pl3::ventilator_workers_sink(transport, WORKERS, TASKS)?;
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
        Ok(())
    }
}

#[test]
fn pl3_evidence_counts_tasks_and_shares() {
    let once: Vec<Vec<usize>> = (0..6).map(|t| vec![t % 3]).collect();
    assert!(pl3::judge(3, 6, &once).agrees());
    let mut twice = once.clone();
    twice[4].push(0);
    let finding = pl3::judge(3, 6, &twice);
    assert!(!finding.agrees());
    assert!(finding
        .evidence()
        .contains("of 6 tasks 5 reached the sink exactly once, 0 never"));
    let mut lost = once.clone();
    lost[1].clear();
    assert!(pl3::judge(3, 6, &lost).evidence().contains("1 never"));
    let lazy: Vec<Vec<usize>> = (0..6).map(|_| vec![0]).collect();
    assert!(pl3::judge(3, 6, &lazy)
        .evidence()
        .contains("tasks per worker: 6, 0, 0"));
    assert!(!pl3::judge(3, 7, &once).agrees(), "a task missing");
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
