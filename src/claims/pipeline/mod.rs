//! Parallel pipeline: PUSH deals messages out, PULL collects them (PL1–PL5).

pub mod pl1;
pub mod pl2;
pub mod pl3;
pub mod pl4;
pub mod pl5;

use std::time::Duration;

use anyhow::{Context as _, Result};

use super::{number, Claim};
use crate::lab::{self, Lab, Transport, Watched};

pub static CLAIMS: [&Claim; 5] = [
    &pl1::CLAIM,
    &pl2::CLAIM,
    &pl3::CLAIM,
    &pl4::CLAIM,
    &pl5::CLAIM,
];

/// A PUSH bound on `transport` with `pullers` PULLs connected to it, all of them known to
/// the PUSH before it sends (on tcp and ipc: after their handshakes).
pub fn connected_pipeline(
    lab: &Lab,
    transport: Transport,
    pullers: usize,
) -> Result<(Watched, Vec<zmq::Socket>)> {
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    let endpoint = lab.bind(&pusher.socket, transport)?;
    let sockets = lab.connected(zmq::PULL, &endpoint, pullers)?;
    if transport != Transport::Inproc {
        pusher.wait_handshakes(pullers)?;
    }
    // A socket takes in new connections when it processes its commands, which a burst of
    // sends does at most once a millisecond or so; reading ZMQ_EVENTS makes it do so now.
    pusher.socket.get_events()?;
    Ok((pusher, sockets))
}

// ANCHOR: collect_from
/// Reads from whichever puller has a message until `messages` have arrived in all, then
/// listens a little longer: a duplicate would arrive now. Returns the numbers each
/// received.
pub fn collect_from(sockets: &[zmq::Socket], messages: usize) -> Result<Vec<Vec<usize>>> {
    let mut received = vec![Vec::new(); sockets.len()];
    let mut total = 0;
    while total < messages {
        let ready = lab::readable(sockets)
            .with_context(|| format!("only {total} of {messages} arrived"))?;
        for p in ready {
            received[p].push(number(&sockets[p].recv_bytes(0)?));
            total += 1;
        }
    }
    for (p, socket) in sockets.iter().enumerate() {
        let extra = lab::drain(socket, Duration::from_millis(20))?;
        received[p].extend(extra.iter().map(|m| number(m)));
    }
    Ok(received)
}
// ANCHOR_END: collect_from

/// How many of `0..messages` arrived exactly once, how many never, and how many more than
/// once, across all pullers.
pub fn tally(received: &[Vec<usize>], messages: usize) -> (usize, usize, usize) {
    let mut times = vec![0usize; messages];
    let mut strays = 0;
    for &n in received.iter().flatten() {
        match times.get_mut(n) {
            Some(t) => *t += 1,
            None => strays += 1,
        }
    }
    let once = times.iter().filter(|&&t| t == 1).count();
    let lost = times.iter().filter(|&&t| t == 0).count();
    let twice = times.iter().filter(|&&t| t > 1).count() + strays;
    (once, lost, twice)
}

/// Every number from 0 to `messages` exactly once across all pullers.
pub fn exactly_once(received: &[Vec<usize>], messages: usize) -> bool {
    tally(received, messages) == (messages, 0, 0)
}
