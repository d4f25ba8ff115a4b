//! PL2 on both implementations: do pullers compete, or does a PUSH deal in turn?
//!
//! Two parts of libzmq's experiment, with the words of its judge: pullers connected
//! first, and a puller alone at first with two joining later. libzmq's last part fills a
//! busy puller's queue with high-water marks of 5, which zmq.rs cannot set. Its part with
//! a busy puller beside a free one, the queues as they come, is not in the matrix: in about
//! one run in ten under load, a zmq.rs PUSH's send there blocked its thread for good on a
//! lock inside zmq.rs (`GenericSocketBackend::try_send_cached_single_peer`), which no
//! timeout can end. `busy_and_free` keeps it for a reader who wants to look again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Result};
use zmq_workbook::claims::pipeline::dealt_in_turn;
use zmq_workbook::claims::pipeline::pl2::{
    AFTER, BUSY_AND_FREE, EARLY, LATE_PULLERS, MESSAGES, PULLERS,
};
use zmq_workbook::claims::{listed, number, Finding};
use zmq_workbook::lab::{Lab, Ready, Transport, BOUND};

use super::pl1::{collect, pipeline};
use crate::end::{run, End, Kind, Pairing};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measured {
    pub first: (Ready, Vec<Vec<usize>>),
    pub late: (Ready, Ready, Vec<Vec<usize>>),
}

async fn connected_first(
    pairing: Pairing,
    transport: Transport,
) -> Result<(Ready, Vec<Vec<usize>>)> {
    let lab = Lab::new()?;
    let (mut pusher, mut pullers, ready) =
        pipeline(&lab, pairing, transport, PULLERS).await?;
    for i in 0..MESSAGES {
        pusher.send_one(format!("task {i}")).await?;
    }
    Ok((ready, collect(&mut pullers, MESSAGES).await?))
}

async fn one_by_one(
    pairing: Pairing,
    transport: Transport,
) -> Result<(Ready, Ready, Vec<Vec<usize>>)> {
    let lab = Lab::new()?;
    let (mut pusher, mut pullers, first) = pipeline(&lab, pairing, transport, 1).await?;
    for i in 0..EARLY {
        pusher.send_one(format!("task {i}")).await?;
    }
    // One at a time, as in `pipeline`.
    let mut peers = 0;
    for late in 1..=LATE_PULLERS {
        let mut puller = End::new(&lab, pairing.connects, Kind::Pull)?;
        puller.connect(&first.endpoint).await?;
        pullers.push(puller);
        peers = pusher.await_peers(1 + late).await?;
    }
    let all = Ready {
        peers,
        endpoint: first.endpoint.clone(),
    };
    for i in EARLY..EARLY + AFTER {
        pusher.send_one(format!("task {i}")).await?;
    }
    Ok((first, all, collect(&mut pullers, EARLY + AFTER).await?))
}

/// A puller that reads nothing until the end beside one that reads each message as it
/// comes; `BUSY_AND_FREE` pushed, then "end" until the free one has it.
pub async fn busy_and_free(
    pairing: Pairing,
    transport: Transport,
) -> Result<(Ready, Vec<usize>, Vec<usize>)> {
    let lab = Lab::new()?;
    let (mut pusher, mut pullers, ready) = pipeline(&lab, pairing, transport, 2).await?;
    let mut free = pullers.pop().ok_or_else(|| anyhow!("no free puller"))?;
    let mut busy = pullers.pop().ok_or_else(|| anyhow!("no busy puller"))?;
    let done = Arc::new(AtomicBool::new(false));
    let free_done = Arc::clone(&done);
    // The free puller reads on a thread of its own: a libzmq receive blocks its thread.
    let reading = std::thread::spawn(move || {
        run(async move {
            let mut got = Vec::new();
            loop {
                match free.recv_within(BOUND).await? {
                    Some(message) if message == [b"end"] => break,
                    Some(message) => got.push(number(&message.concat())),
                    None => bail!("the free puller waited {BOUND:?} for a message"),
                }
            }
            free_done.store(true, Ordering::Relaxed);
            anyhow::Ok(got)
        })
    });
    for i in 0..BUSY_AND_FREE {
        pusher.send_one(format!("task {i}")).await?;
    }
    let deadline = Instant::now() + BOUND;
    while !done.load(Ordering::Relaxed) && Instant::now() < deadline {
        pusher.send_one("end").await?;
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let free = reading
        .join()
        .map_err(|_| anyhow!("the free puller panicked"))??;
    let mut busy_got = Vec::new();
    while let Some(message) = busy.recv_within(Duration::from_millis(150)).await? {
        let n = number(&message.concat());
        if n < BUSY_AND_FREE {
            busy_got.push(n);
        }
    }
    Ok((ready, busy_got, free))
}

pub async fn measure(pairing: Pairing, transport: Transport) -> Result<Measured> {
    Ok(Measured {
        first: connected_first(pairing, transport).await?,
        late: one_by_one(pairing, transport).await?,
    })
}

fn proven(
    finding: &mut Finding,
    what: &str,
    transport: Transport,
    ready: &Ready,
    peers: usize,
) {
    finding.used_transport(transport, &ready.endpoint);
    finding.set_up(
        ready.peers == peers,
        format!(
            "{what}: {} peers known before it went on, where {peers} should be",
            ready.peers
        ),
    );
}

fn shares(received: &[Vec<usize>]) -> Vec<usize> {
    received.iter().map(Vec::len).collect()
}

fn unless_in_turn(in_turn: bool) -> &'static str {
    if in_turn {
        ""
    } else {
        ", not dealt in turn"
    }
}

/// Judges the three parts with the words of libzmq's judge.
pub fn judge(transport: Transport, measured: &Measured) -> Finding {
    let mut finding = Finding::new();
    let (ready, received) = &measured.first;
    proven(
        &mut finding,
        "pullers connected first: the PUSH",
        transport,
        ready,
        PULLERS,
    );
    let in_turn = dealt_in_turn(received, 0..MESSAGES);
    let shares_first = shares(received);
    finding.observe(
        shares_first == vec![MESSAGES / PULLERS; PULLERS] && in_turn,
        format!(
            "{PULLERS} pullers connected first, {MESSAGES} pushed: shares {}{}",
            listed(&shares_first),
            unless_in_turn(in_turn)
        ),
    );

    let (first, all, received) = &measured.late;
    proven(
        &mut finding,
        "one puller first: the PUSH",
        transport,
        first,
        1,
    );
    proven(
        &mut finding,
        "the late pullers joined: the PUSH",
        transport,
        all,
        1 + LATE_PULLERS,
    );
    let mut after = received.clone();
    let early_to_the_first = match after.first_mut() {
        Some(first) if first.iter().copied().take(EARLY).eq(0..EARLY) => {
            first.drain(..EARLY);
            true
        }
        _ => false,
    };
    let after_in_turn =
        after.len() == 1 + LATE_PULLERS && dealt_in_turn(&after, EARLY..EARLY + AFTER);
    let mut expected = vec![AFTER / (1 + LATE_PULLERS); 1 + LATE_PULLERS];
    expected[0] += EARLY;
    let shares_late = shares(received);
    finding.observe(
        shares_late == expected && early_to_the_first && after_in_turn,
        format!(
            "1 puller first and {EARLY} pushed, then {LATE_PULLERS} more and {AFTER} pushed: shares {}{}{}",
            listed(&shares_late),
            if early_to_the_first { String::new() } else { format!(", the first not dealt the first {EARLY}") },
            if after_in_turn { "" } else { ", the rest not dealt in turn" }
        ),
    );

    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let measured = run(measure(pairing, transport))?;
    Ok(judge(transport, &measured))
}
