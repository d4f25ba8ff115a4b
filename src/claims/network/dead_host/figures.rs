//! The figures of every experiment across hosts, beside the relay's.

use std::thread;
use std::time::Duration;

use anyhow::{ensure, Result};

use super::*;
use crate::claims::network::Heartbeats;

/// The partitions [`figures`] heals after.
pub const PARTITIONS: [Duration; 3] = [
    Duration::from_secs(1),
    Duration::from_secs(3),
    Duration::from_secs(10),
];

/// Runs every experiment `runs` times (the runs of one scenario side by side, each with
/// hosts of its own) and writes its figures as the book's reference runs keep them: a line
/// per figure (`#` for its numbers), then what each run measured, `[relay hosts]`, then a
/// line of the same as min, median and max. Across the relay and across hosts, one beside
/// the other.
pub fn figures(runs: usize, mut line: impl FnMut(String)) -> Result<()> {
    ensure!(runs > 0, "--runs must be at least 1");
    let mut figure = |text: String, relay: Vec<Option<f64>>, hosts: Vec<Option<f64>>| {
        line(text.clone());
        let shown = |n: Option<f64>| n.map_or("none".to_string(), |n| format!("{n:.0}"));
        let each: Vec<String> = (relay.iter().zip(&hosts))
            .map(|(r, h)| format!("[{} {}]", shown(*r), shown(*h)))
            .collect();
        for chunk in each.chunks(5) {
            line(format!("    {}", chunk.join(", ")));
        }

        let spread = |values: &[Option<f64>]| {
            let mut seen: Vec<f64> = values.iter().flatten().copied().collect();
            seen.sort_by(f64::total_cmp);
            match seen.len() {
                0 => [None; 3],
                n => [Some(seen[0]), Some(seen[n / 2]), Some(seen[n - 1])],
            }
        };
        let (r, h) = (spread(&relay), spread(&hosts));
        let each: Vec<String> = (0..3)
            .map(|k| format!("[{} {}]", shown(r[k]), shown(h[k])))
            .collect();
        line(format!("  min/median/max {}", each.join(", ")));
    };
    let ms_of = |d: Option<Duration>| d.map(|d| d.as_secs_f64() * 1000.0);
    for partition in PARTITIONS {
        for heartbeats in [None, Some(Heartbeats::LAB)] {
            let mut both = Vec::new();
            for across in [Across::Relay, Across::Hosts] {
                let results = side_by_side(runs, || {
                    partition_healed(across, heartbeats, partition)
                })?;
                for run in &results {
                    let finding = healed(heartbeats, run);
                    ensure!(finding.agrees(), "a run the judge refused: {finding}");
                }
                both.push(results);
            }
            let name = format!(
                "partition {} s, heartbeats {}",
                partition.as_secs(),
                if heartbeats.is_some() { "on" } else { "off" }
            );
            let of = |k: usize, f: &dyn Fn(&Healed) -> Option<f64>| {
                both[k].iter().map(f).collect::<Vec<_>>()
            };
            figure(
                format!("{name}: first message # ms after the heal"),
                of(0, &|r| ms_of(r.flowed_again)),
                of(1, &|r| ms_of(r.flowed_again)),
            );
            figure(
                format!("{name}: messages lost #"),
                of(0, &|r| Some(r.lost.len() as f64)),
                of(1, &|r| Some(r.lost.len() as f64)),
            );
        }
    }
    for heartbeats in [None, Some(Heartbeats::LAB)] {
        let mut both = Vec::new();
        for across in [Across::Relay, Across::Hosts] {
            let results = side_by_side(runs, || came_back_empty(across, heartbeats))?;
            for run in &results {
                let finding = came_back(heartbeats, run);
                ensure!(finding.agrees(), "a run the judge refused: {finding}");
            }
            both.push(results);
        }
        let name = format!(
            "came back empty, heartbeats {}",
            if heartbeats.is_some() { "on" } else { "off" }
        );
        let of = |k: usize, f: &dyn Fn(&CameBack) -> Option<f64>| {
            both[k].iter().map(f).collect::<Vec<_>>()
        };
        figure(
            format!("{name}: old connection lost # ms after the heal"),
            of(0, &|r| ms_of(r.noticed)),
            of(1, &|r| ms_of(r.noticed)),
        );
        figure(
            format!("{name}: first message of the new socket # ms after the heal"),
            of(0, &|r| ms_of(r.flowed_again)),
            of(1, &|r| ms_of(r.flowed_again)),
        );
    }
    for loss in LOSSES {
        for heartbeats in [None, Some(Heartbeats::LAB)] {
            let mut both = Vec::new();
            for across in [Across::Relay, Across::Hosts] {
                let results = side_by_side(runs, || {
                    lossy_stream(across, loss, heartbeats, LOSSY_MESSAGES)
                })?;
                for run in &results {
                    let finding = lossy(heartbeats, run);
                    ensure!(finding.agrees(), "a run the judge refused: {finding}");
                }
                both.push(results);
            }
            let name = format!(
                "loss {loss} %, heartbeats {}",
                if heartbeats.is_some() { "on" } else { "off" }
            );
            let of = |k: usize, f: &dyn Fn(&Lossy) -> Option<f64>| {
                both[k].iter().map(f).collect::<Vec<_>>()
            };
            figure(
                format!("{name}: latency, 99th percentile, # ms"),
                of(0, &|r| ms_of(r.latency(0.99))),
                of(1, &|r| ms_of(r.latency(0.99))),
            );
            figure(
                format!("{name}: latency, longest, # ms"),
                of(0, &|r| ms_of(r.latency(1.0))),
                of(1, &|r| ms_of(r.latency(1.0))),
            );
            if heartbeats.is_some() {
                figure(
                    format!("{name}: connection dropped # times"),
                    of(0, &|r| Some(r.dropped as f64)),
                    of(1, &|r| Some(r.dropped as f64)),
                );
                figure(
                    format!("{name}: messages lost # of {LOSSY_MESSAGES}"),
                    of(0, &|r| Some(r.lost().len() as f64)),
                    of(1, &|r| Some(r.lost().len() as f64)),
                );
            }
        }
    }
    let relay = side_by_side(runs, || slow_joiner(Across::Relay))?;
    let hosts = side_by_side(runs, || slow_joiner(Across::Hosts))?;
    for run in relay.iter().chain(&hosts) {
        let finding = joined(run);
        ensure!(finding.agrees(), "a run the judge refused: {finding}");
    }
    let missed =
        |runs: &[Joined]| runs.iter().map(|r| r.missed().map(|n| n as f64)).collect();
    figure(
        format!(
            "slow joiner, loopback and a link of {} kbit/s: missed the first # of {JOINER_MESSAGES}",
            SLOW_RATE / 1000
        ),
        missed(&relay),
        missed(&hosts),
    );
    for guard in Guard::ALL {
        for sending in [false, true] {
            let mut both = Vec::new();
            for across in [Across::Relay, Across::Hosts] {
                let results =
                    side_by_side(runs, || dead_peer_noticed(across, guard, sending))?;
                for run in &results {
                    let finding = dead_peer(run);
                    ensure!(finding.agrees(), "a run the judge refused: {finding}");
                }
                both.push(results);
            }
            let of =
                |k: usize| both[k].iter().map(|r| ms_of(r.noticed)).collect::<Vec<_>>();
            figure(
                format!(
                    "dead peer, {}, {}: noticed after # ms",
                    guard.name(),
                    if sending { "sending" } else { "idle" }
                ),
                of(0),
                of(1),
            );
        }
    }
    Ok(())
}

/// `runs` runs of `experiment`, side by side.
fn side_by_side<T: Send>(
    runs: usize,
    experiment: impl Fn() -> Result<T> + Sync,
) -> Result<Vec<T>> {
    thread::scope(|scope| {
        let handles: Vec<_> = (0..runs).map(|_| scope.spawn(&experiment)).collect();
        crate::claims::joined(handles)
    })
}
