//! PL3 on both implementations: ventilator → workers → sink, every task reaching the sink
//! exactly once. The ventilator and the sink bind (one implementation), the workers
//! connect to both (the other).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context as _, Result};
use zmq_workbook::claims::pipeline::pl3::{self, Delivered, TASKS, WORKERS};
use zmq_workbook::claims::{number, Finding};
use zmq_workbook::lab::{self, Lab, Ready, Transport, BOUND, SILENCE};

use crate::end::{run, End, Kind, Pairing};

pub async fn ventilator_workers_sink(
    pairing: Pairing,
    transport: Transport,
    workers: usize,
    tasks: usize,
) -> Result<Delivered> {
    let lab = Lab::new()?;
    let mut ventilator = End::new(&lab, pairing.binds, Kind::Push)?;
    let ventilator_endpoint = ventilator.bind(&lab, transport).await?;
    let mut sink = End::new(&lab, pairing.binds, Kind::Pull)?;
    let sink_endpoint = sink.bind(&lab, transport).await?;
    // The workers connect one at a time, each once the ventilator and the sink have the
    // one before (see `pl1::pipeline`).
    let mut ends = Vec::new();
    let (mut ventilator_peers, mut sink_peers) = (0, 0);
    for connected in 1..=workers {
        let mut input = End::new(&lab, pairing.connects, Kind::Pull)?;
        input.connect(&ventilator_endpoint).await?;
        ventilator_peers = ventilator.await_peers(connected).await?;
        let mut output = End::new(&lab, pairing.connects, Kind::Push)?;
        output.connect(&sink_endpoint).await?;
        sink_peers = sink.await_peers(connected).await?;
        ends.push((input, output));
    }
    let ventilator_ready = Ready {
        peers: ventilator_peers,
        endpoint: ventilator_endpoint,
    };
    let sink_ready = Ready {
        peers: sink_peers,
        endpoint: sink_endpoint,
    };

    // Each worker on a thread of its own: a libzmq worker's receive blocks its thread.
    let done = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    for (w, (mut input, mut output)) in ends.into_iter().enumerate() {
        let done = Arc::clone(&done);
        threads.push(std::thread::spawn(move || {
            run(async move {
                while !done.load(Ordering::Relaxed) {
                    if let Some(task) =
                        input.recv_within(Duration::from_millis(20)).await?
                    {
                        let task = lab::text(&task.concat());
                        output.send_one(format!("worker {w} did {task}")).await?;
                    }
                }
                anyhow::Ok(())
            })
        }));
    }
    for i in 0..tasks {
        ventilator.send_one(format!("task {i}")).await?;
    }
    let mut results = Vec::new();
    while results.len() < tasks {
        match sink.recv_within(BOUND).await? {
            Some(result) => results.push(result.concat()),
            None => break,
        }
    }
    while let Some(extra) = sink.recv_within(SILENCE).await? {
        results.push(extra.concat());
    }
    done.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().map_err(|_| anyhow!("a worker panicked"))??;
    }
    let mut delivered_by = vec![Vec::new(); tasks];
    for result in results {
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
    Ok(Delivered {
        ventilator: ventilator_ready,
        sink: sink_ready,
        delivered_by,
    })
}

/// Measures and judges PL3 as libzmq's run is judged.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let delivered = run(ventilator_workers_sink(pairing, transport, WORKERS, TASKS))?;
    Ok(pl3::judge(transport, WORKERS, TASKS, &delivered))
}
