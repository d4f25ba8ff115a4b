//! The figures of the network page, every experiment ten times.

use std::path::Path;
use std::thread;
use std::time::Duration;

use anyhow::Result;
use zmq_workbook::claims::network::crash::{self, Stop};
use zmq_workbook::claims::network::request::{self, Retry};
use zmq_workbook::claims::network::{publish, push, Heartbeats};

// ---------------------------------------------------------------- the figures

/// "min/median/max" of durations in milliseconds, and how many runs saw none within the
/// window.
fn times(seen: impl IntoIterator<Item = Option<Duration>>) -> String {
    let mut seen: Vec<Option<Duration>> = seen.into_iter().collect();
    let runs = seen.len();
    seen.retain(Option::is_some);
    let mut times: Vec<Duration> = seen.into_iter().flatten().collect();
    times.sort_unstable();
    let never = runs - times.len();
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let spread = match times.len() {
        0 => "—".to_string(),
        n => format!("{}/{}/{}", ms(times[0]), ms(times[n / 2]), ms(times[n - 1])),
    };
    match never {
        0 => spread,
        _ if never == runs => format!("none in {runs} runs"),
        _ => format!("{spread} (none in {never} of {runs})"),
    }
}

/// "min/median/max" of counts.
fn counts(seen: impl IntoIterator<Item = usize>) -> String {
    let mut seen: Vec<usize> = seen.into_iter().collect();
    seen.sort_unstable();
    zmq_workbook::claims::spread(&seen)
}

fn repeated<T: Send>(
    runs: usize,
    experiment: impl Fn() -> Result<T> + Sync,
) -> Result<Vec<T>> {
    (0..runs).map(|_| experiment()).collect()
}

const NONE: &str = "none";

/// The heartbeats of a row, and how many of its runs a stall disturbed and that were
/// repeated.
fn label(
    heartbeats: Option<Heartbeats>,
    repeats: impl IntoIterator<Item = usize>,
) -> String {
    let name = match heartbeats {
        None => NONE,
        Some(_) => "LAB",
    };
    match repeats.into_iter().sum::<usize>() {
        0 => name.to_string(),
        n => format!("{name} ({n} disturbed runs repeated)"),
    }
}

/// The table of figures: every experiment ten times, without and with heartbeats. Slow
/// (about a minute), so it runs only when asked: `scripts/network-figures`.
#[test]
#[ignore]
fn network_figures_over_ten_runs() {
    watchdog_long(|| {
        let runs = 10;
        let hb = Heartbeats::LAB;
        println!(
            "heartbeats LAB: interval {:?}, timeout {:?}, ttl {:?}; the pinging side notices within {:?}–{:?}, the peer by TTL within {:?}–{:?}; window {:?}; {runs} runs each\n",
            hb.interval, hb.timeout, hb.ttl, hb.timeout - hb.interval, hb.noticed_by(),
            hb.ttl - hb.interval, hb.ttl, zmq_workbook::claims::network::WINDOW,
        );
        println!("| experiment | heartbeats | noticed (ms, min/median/max) | lost (min/median/max) | more |");
        println!("|---|---|---|---|---|");
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || push::puller_cut_for_good(heartbeats))?;
            println!(
                "| PL5 PUSH, link to 1 of 2 pullers cut for good | {} | PUSH {}; puller {} | {} of 30 | after it noticed, the live puller got {} of 10 |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.push_noticed)),
                times(outcomes.iter().map(|o| o.puller_noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                counts(outcomes.iter().map(|o| o.near_after)),
            );
        }
        let outcomes = repeated(runs, || {
            push::puller_cut_for_good_pinged_by_the_push_alone(hb)
        })?;
        println!(
            "| PL5 PUSH, link to 1 of 2 pullers cut for good | {} on the PUSH alone | PUSH {}; puller (by TTL) {} | {} of 30 | after it noticed, the live puller got {} of 10 |",
            label(Some(hb), outcomes.iter().map(|o| o.repeated)),
            times(outcomes.iter().map(|o| o.push_noticed)),
            times(outcomes.iter().map(|o| o.puller_noticed)),
            counts(outcomes.iter().map(|o| o.lost.len())),
            counts(outcomes.iter().map(|o| o.near_after)),
        );
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || push::puller_cut_and_healed(heartbeats))?;
            println!(
                "| PL5 PUSH, link cut, then back | {} | PUSH {}; puller {} | {} of 30 | cut lasted {}; reconnected {} after the restore |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.push_noticed)),
                times(outcomes.iter().map(|o| o.puller_noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                times(outcomes.iter().map(|o| Some(o.cut_lasted))),
                times(outcomes.iter().map(|o| o.reconnected)),
            );
        }
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || push::puller_link_reset(heartbeats))?;
            println!(
                "| PL5 PUSH, link reset (host crashed and back) | {} | PUSH {}; puller {} | {} of 30 | reconnected {} after the reset |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.push_noticed)),
                times(outcomes.iter().map(|o| o.puller_noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                times(outcomes.iter().map(|o| o.reconnected)),
            );
        }
        let worker = Path::new(env!("CARGO_BIN_EXE_pl-worker"));
        for stop in [Stop::Kill, Stop::Polite] {
            let outcomes =
                repeated(runs, || crash::worker_stops_mid_stream(worker, stop))?;
            println!(
                "| PL5 pl-worker process stopped mid-stream: {stop:?} | {NONE} | ventilator {} | {} of 30 | the worker had been dealt {} of the last 10 |",
                times(outcomes.iter().map(|o| o.noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                counts(outcomes.iter().map(|o| o.dealt_to_worker)),
            );
        }
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || publish::subscriber_cut_off(heartbeats))?;
            let missed = |far: &[usize]| {
                (0..publish::PUBLISHED).filter(|n| !far.contains(n)).count()
            };
            println!(
                "| PS5/PS7 SUB across a link cut, then back | {} | SUB {}; PUB {} | far SUB missed {} of 5; near SUB missed {} of 10 | cut lasted {}; resubscribed {} after the restore |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.subscriber_noticed)),
                times(outcomes.iter().map(|o| o.publisher_noticed)),
                counts(outcomes.iter().map(|o| missed(&o.far))),
                counts(outcomes.iter().map(|o| 10 - o.near.len())),
                times(outcomes.iter().map(|o| Some(o.cut_lasted))),
                times(outcomes.iter().map(|o| o.resubscribed)),
            );
        }
        for retry in [Retry::Wait, Retry::Relaxed, Retry::FreshSocket] {
            for heartbeats in [None, Some(hb)] {
                let outcomes = repeated(runs, || {
                    request::reply_swallowed_by_a_cut(retry, heartbeats)
                })?;
                println!(
                    "| RR6 REQ, reply swallowed by a cut, then {retry:?} | {} | REQ noticed in {} of {runs} runs | replies lost: {} of {runs} runs | recv gave up after {}; resend: {:?}; answer {:?} {} after the restore |",
                    label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                    outcomes.iter().filter(|o| o.noticed).count(),
                    outcomes.iter().filter(|o| o.answer.is_none()).count(),
                    times(outcomes.iter().map(|o| Some(o.gave_up_after))),
                    outcomes[0].resend,
                    outcomes[0].answer,
                    times(outcomes.iter().map(|o| o.answered_after)),
                );
            }
        }
        let server = Path::new(env!("CARGO_BIN_EXE_rr-server"));
        for (stop, retry) in [
            (Stop::Kill, Retry::Wait),
            (Stop::Polite, Retry::Wait),
            (Stop::Kill, Retry::Relaxed),
            (Stop::Kill, Retry::FreshSocket),
        ] {
            let outcomes = repeated(runs, || {
                crash::server_stops_mid_request(server, stop, retry)
            })?;
            println!(
                "| RR4 rr-server process stopped mid-request ({stop:?}), a new one started, then {retry:?} | {NONE} | REQ {} | unanswered in {} of {runs} runs | reconnected {} after the new server started; resend: {:?} |",
                times(outcomes.iter().map(|o| o.noticed)),
                outcomes.iter().filter(|o| o.answer.is_none()).count(),
                times(outcomes.iter().map(|o| o.reconnected)),
                outcomes[0].resend,
            );
        }
        Ok(())
    })
}

/// The figures take longer than the watchdog allows a claim test; they still may not
/// hang.
fn watchdog_long(body: impl FnOnce() -> Result<()> + Send + 'static) {
    let (done, outcome) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(body());
    });
    match outcome.recv_timeout(Duration::from_secs(600)) {
        Ok(result) => result.expect("the figures failed"),
        Err(_) => panic!("the figures did not finish within 10 minutes"),
    }
}
