//! PL3 — the pipeline PUSH → workers → PULL (ventilator, workers, sink).

use crate::tr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use anyhow::{anyhow, Context as _, Result};

use super::{await_peers, connected_pipeline, proven_ready, Pipeline};
use crate::claims::{listed, number, on_each, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Ready, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PL3",
    star: false,
    summary: "The pipeline PUSH → workers → PULL (ventilator, workers, sink)",
    zh: "由三部分组成,push进行数据推送,work进行数据缓存,pull进行数据竞争获取处理",
    en: "made of three parts: PUSH pushes the data, workers buffer it, PULL competes for it",
    glance: Glance {
        zh: "推送、处理、收集三部分",
        en: "Ventilator, workers, sink",
        advice: "PUSH tasks to the workers, which PUSH results to one PULL sink; stop idle workers with a timeout.",
    },
    verdict: Verdict::Holds,
    conditions: "",
    experiment: finding,
    beyond: None,
};

/// The pipeline experiment: this many workers…
pub const WORKERS: usize = 3;
/// …and this many tasks.
pub const TASKS: usize = 300;

/// Which workers delivered each task to the sink, and the proof that the ventilator and
/// the sink each knew every worker before the first task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    pub ventilator: Ready,
    pub sink: Ready,
    /// Per task number, the workers that delivered it.
    pub delivered_by: Vec<Vec<usize>>,
}

// ANCHOR: ventilator_workers_sink
/// The article's pipeline: a ventilator PUSHes `tasks` tasks to `workers` workers (PULL
/// in, PUSH out), and a sink PULLs the results. Returns, per task number, the workers
/// that delivered it to the sink.
pub fn ventilator_workers_sink(
    transport: Transport,
    workers: usize,
    tasks: usize,
) -> Result<Delivered> {
    let lab = Lab::new()?;
    let Pipeline {
        pusher: ventilator,
        pullers: inputs,
        ready: ventilator_ready,
    } = connected_pipeline(&lab, transport, workers)?;
    let mut sink = lab.watch(lab.socket(zmq::PULL)?)?;
    let sink_endpoint = lab.bind(&sink.socket, transport)?;
    let outputs = lab.connected(zmq::PUSH, &sink_endpoint, workers)?;
    let sink_ready = await_peers(&mut sink, &sink_endpoint, outputs.len(), BOUND)?;

    let done = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    for (w, (input, output)) in inputs.into_iter().zip(outputs).enumerate() {
        let done = Arc::clone(&done);
        threads.push(thread::spawn(move || -> Result<()> {
            while !done.load(Ordering::Relaxed) {
                if let Some(task) = lab::recv_within(&input, Duration::from_millis(20))? {
                    output.send(
                        format!("worker {w} did {}", lab::text(&task)).as_str(),
                        0,
                    )?;
                }
            }
            Ok(())
        }));
    }
    for i in 0..tasks {
        ventilator.socket.send(format!("task {i}").as_str(), 0)?;
    }
    let mut delivered_by = vec![Vec::new(); tasks];
    // Each result, waited for; then a little longer: a duplicate would arrive now.
    for result in lab::receive_expecting(&sink.socket, tasks)? {
        let worker = lab::text(&result)
            .split(' ')
            .nth(1)
            .and_then(|w| w.parse().ok())
            .with_context(|| {
                format!("a result from no worker: {}", lab::show(&result))
            })?;
        delivered_by
            .get_mut(number(&result))
            .with_context(|| format!("a result for no task: {}", lab::show(&result)))?
            .push(worker);
    }
    done.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().map_err(|_| anyhow!("a worker panicked"))??;
    }
    Ok(Delivered {
        ventilator: ventilator_ready,
        sink: sink_ready,
        delivered_by,
    })
}
// ANCHOR_END: ventilator_workers_sink

/// Judges which workers delivered each task to the sink, on `transport`.
pub fn judge(
    transport: Transport,
    workers: usize,
    tasks: usize,
    delivered: &Delivered,
) -> Finding {
    let mut finding = Finding::new();
    proven_ready(
        &mut finding,
        &tr!("pl3-the-ventilator"),
        transport,
        &delivered.ventilator,
        workers,
    );
    proven_ready(
        &mut finding,
        &tr!("pl3-the-sink"),
        transport,
        &delivered.sink,
        workers,
    );
    let delivered_by = &delivered.delivered_by;
    if !finding.check_count(&tr!("pl3-records"), delivered_by.len(), tasks) {
        return finding;
    }
    let once = delivered_by.iter().filter(|d| d.len() == 1).count();
    let never = delivered_by.iter().filter(|d| d.is_empty()).count();
    let twice = delivered_by.iter().filter(|d| d.len() > 1).count();
    finding.observe(
        once == tasks,
        tr!(
            "pl3-pipeline",
            workers = workers,
            tasks = tasks,
            once = once,
            never = never,
            twice = if twice > 0 {
                tr!("pl3-more-than-once", twice = twice)
            } else {
                String::new()
            }
        ),
    );
    let per_worker: Vec<usize> = (0..workers)
        .map(|w| delivered_by.iter().flatten().filter(|&&d| d == w).count())
        .collect();
    finding.observe(
        per_worker == vec![tasks / workers; workers],
        tr!("pl3-per-worker", tasks = listed(&per_worker)),
    );
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |t| {
        ventilator_workers_sink(t, WORKERS, TASKS)
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, delivered)| {
                (transport, judge(transport, WORKERS, TASKS, &delivered))
            })
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: the article's worker loop, which stops once no task has come for
/// a while instead of waiting for ever.
pub fn work(
    tasks: &zmq::Socket,
    results: &zmq::Socket,
    idle_ms: i32,
) -> zmq::Result<usize> {
    tasks.set_rcvtimeo(idle_ms)?;
    let mut done = 0;
    loop {
        match tasks.recv_bytes(0) {
            Ok(task) => {
                results.send(task, 0)?;
                done += 1;
            }
            Err(zmq::Error::EAGAIN) => return Ok(done), // idle: stop
            Err(other) => return Err(other),
        }
    }
}
// ANCHOR_END: own
