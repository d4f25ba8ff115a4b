//! PL1 on both implementations: every pushed message is received by exactly one PULL end.

use std::time::{Duration, Instant};

use anyhow::Result;
use zmq_workbook::claims::pipeline::pl1::{self, Dealt, MESSAGES, PULLERS};
use zmq_workbook::claims::{number, Finding};
use zmq_workbook::lab::{Lab, Ready, Transport, BOUND, SILENCE};

use crate::end::{run, End, Kind, Pairing};

/// A PUSH that binds, with `pullers` PULL ends connected to it, the connections proven.
///
/// The pullers connect one at a time, each once the PUSH has the one before: several
/// peers accepted at once by a zmq.rs socket can park a tokio worker for good inside
/// zmq.rs (see [`crate::end::End::connect`]), and no claim is about connecting at once.
pub async fn pipeline(
    lab: &Lab,
    pairing: Pairing,
    transport: Transport,
    pullers: usize,
) -> Result<(End, Vec<End>, Ready)> {
    let mut pusher = End::new(lab, pairing.binds, Kind::Push)?;
    let endpoint = pusher.bind(lab, transport).await?;
    let mut ends = Vec::new();
    let mut peers = 0;
    for connected in 1..=pullers {
        let mut puller = End::new(lab, pairing.connects, Kind::Pull)?;
        puller.connect(&endpoint).await?;
        ends.push(puller);
        peers = pusher.await_peers(connected).await?;
    }
    Ok((pusher, ends, Ready { endpoint, peers }))
}

/// Reads from whichever puller has a message until `messages` have arrived in all (or
/// none has come for [`BOUND`]), then listens [`SILENCE`] more on each for extras.
pub async fn collect(pullers: &mut [End], messages: usize) -> Result<Vec<Vec<usize>>> {
    let mut received = vec![Vec::new(); pullers.len()];
    let mut last_arrival = Instant::now();
    let glance = Duration::from_millis(1);
    while received.iter().map(Vec::len).sum::<usize>() < messages
        && last_arrival.elapsed() < BOUND
    {
        for (puller, got) in pullers.iter_mut().zip(&mut received) {
            while let Some(message) = puller.recv_within(glance).await? {
                got.push(number(&message.concat()));
                last_arrival = Instant::now();
            }
        }
    }
    for (puller, got) in pullers.iter_mut().zip(&mut received) {
        while let Some(message) = puller.recv_within(SILENCE).await? {
            got.push(number(&message.concat()));
        }
    }
    Ok(received)
}

pub async fn received_by_each_puller(
    pairing: Pairing,
    transport: Transport,
    pullers: usize,
    messages: usize,
) -> Result<Dealt> {
    let lab = Lab::new()?;
    let (mut pusher, mut ends, ready) =
        pipeline(&lab, pairing, transport, pullers).await?;
    for i in 0..messages {
        pusher.send_one(format!("task {i}")).await?;
    }
    Ok(Dealt {
        received: collect(&mut ends, messages).await?,
        ready,
    })
}

/// Measures and judges PL1 as libzmq's run is judged.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let dealt = run(received_by_each_puller(
        pairing, transport, PULLERS, MESSAGES,
    ))?;
    Ok(pl1::judge(transport, PULLERS, MESSAGES, &dealt))
}
