//! When the network fails: the relay that plays a dead link, and what PUSH/PULL, PUB/SUB
//! and REQ/REP do across a silent link, a reset, and a crashed process, with and without
//! ZMTP heartbeats. Each test is named after the claim it extends (PL5, PS5, PS7, RR4,
//! RR6).

use std::thread;

use anyhow::Result;
use zmq_workbook::claims::network::Heartbeats;
use zmq_workbook::claims::Finding;

mod bench;
mod evidence;
mod figures;
mod pl5;
mod ps5;
mod ps7;
mod relay;
mod rr4;
mod rr6;

// ---------------------------------------------------------------- the experiments

/// Runs `experiment` without and with heartbeats, side by side: each mostly waits.
fn without_and_with<T: Send>(
    experiment: fn(Option<Heartbeats>) -> Result<T>,
) -> Result<(T, T)> {
    thread::scope(|scope| {
        let with = scope.spawn(|| experiment(Some(Heartbeats::LAB)));
        let without = experiment(None);
        Ok((without?, with.join().expect("the experiment panicked")?))
    })
}

/// Runs several experiments side by side; their results in order.
fn side_by_side<T: Send>(
    experiments: Vec<Box<dyn FnOnce() -> Result<T> + Send>>,
) -> Result<Vec<T>> {
    thread::scope(|scope| {
        let handles: Vec<_> = experiments.into_iter().map(|e| scope.spawn(e)).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the experiment panicked"))
            .collect()
    })
}

/// A finding that agrees: the run said what the verdict says, and proved its set-up (the
/// transport, the peers, the heartbeats read back, the monitors' own times, a cut that
/// carried nothing, the signal that ended a process).
fn agrees(finding: Finding) {
    assert!(finding.agrees(), "{finding}");
}

/// Whether every number in `lost` is in `range`, and there are `count` of them.
fn lost_from(lost: &[usize], count: usize, range: std::ops::Range<usize>) -> bool {
    lost.len() == count && lost.iter().all(|n| range.contains(n))
}
