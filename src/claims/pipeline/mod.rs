//! Parallel pipeline: PUSH deals messages out, PULL collects them (PL1–PL5).

pub mod pl1;
pub mod pl2;
pub mod pl3;
pub mod pl4;
pub mod pl5;

use crate::tr;
use std::ops::Range;
use std::time::Duration;

use anyhow::{Context as _, Result};

use super::{number, Claim, Finding};
use crate::lab::{self, Lab, Ready, Transport, Watched, BOUND};

pub static CLAIMS: [&Claim; 5] = [
    &pl1::CLAIM,
    &pl2::CLAIM,
    &pl3::CLAIM,
    &pl4::CLAIM,
    &pl5::CLAIM,
];

/// A PUSH bound with its pullers connected, and the proof that it knew every one of them
/// before it sent anything.
pub struct Pipeline {
    pub pusher: Watched,
    pub pullers: Vec<zmq::Socket>,
    /// The PUSH's endpoint, and the pullers it had taken in before its first send.
    pub ready: Ready,
}

/// A PUSH bound on `transport` with `pullers` PULLs connected to it, all of them known to
/// the PUSH before it sends (on tcp and ipc: after their handshakes).
pub fn connected_pipeline(
    lab: &Lab,
    transport: Transport,
    pullers: usize,
) -> Result<Pipeline> {
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    let endpoint = lab.bind(&pusher.socket, transport)?;
    let sockets = lab.connected(zmq::PULL, &endpoint, pullers)?;
    let ready = await_peers(&mut pusher, &endpoint, sockets.len(), BOUND)?;
    Ok(Pipeline {
        pusher,
        pullers: sockets,
        ready,
    })
}

/// Waits until the socket bound at `endpoint` knows the `peers` that connected to it (on
/// tcp and ipc: until their handshakes are done, at most `within`), and returns the proof.
pub fn await_peers(
    watched: &mut Watched,
    endpoint: &str,
    peers: usize,
    within: Duration,
) -> Result<Ready> {
    if lab::transport_of(endpoint) != Some(Transport::Inproc) {
        watched.wait_for(zmq::SocketEvent::HANDSHAKE_SUCCEEDED, peers, within)?;
    }
    // A socket takes in new connections when it processes its commands, which a burst of
    // sends does at most once a millisecond or so; reading ZMQ_EVENTS makes it do so now.
    watched.socket.get_events()?;
    watched.ready(endpoint, peers)
}

/// Records the proof of `what`'s set-up: the transport its endpoint names, and the
/// `peers` it knew before the run went on.
pub(crate) fn proven_ready(
    finding: &mut Finding,
    what: &str,
    transport: Transport,
    ready: &Ready,
    peers: usize,
) {
    let used = lab::transport_of(&ready.endpoint);
    finding.set_up(
        used == Some(transport),
        tr!(
            "pl-asked-for",
            what = what,
            transport = transport,
            endpoint = &ready.endpoint
        ),
    );
    finding.set_up(
        ready.peers == peers,
        tr!(
            "pl-peers-known",
            what = what,
            known = ready.peers,
            due = peers
        ),
    );
}

// ANCHOR: collect_from
/// Reads from whichever puller has a message until `messages` have arrived in all, then
/// listens a little longer: a duplicate would arrive now. Returns the numbers each
/// received.
pub fn collect_from(sockets: &[zmq::Socket], messages: usize) -> Result<Vec<Vec<usize>>> {
    collect_within(sockets, messages, BOUND)
}

/// As [`collect_from`], failing if `within` passes with none of the pullers receiving.
pub fn collect_within(
    sockets: &[zmq::Socket],
    messages: usize,
    within: Duration,
) -> Result<Vec<Vec<usize>>> {
    let mut received = vec![Vec::new(); sockets.len()];
    let mut total = 0;
    while total < messages {
        let ready = lab::readable_within(sockets, within)
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

/// Whether `received` (what each puller got, in the order it got it) is what dealing in
/// turn gives: with `n` pullers, each took every n-th of `numbers` in order, starting from
/// its own one of the first `n`.
pub fn dealt_in_turn(received: &[Vec<usize>], numbers: Range<usize>) -> bool {
    let n = received.len();
    let each_every_nth = received.iter().all(|got| match got.first() {
        Some(&first) => got.iter().copied().eq((first..numbers.end).step_by(n)),
        None => true,
    });
    let mut firsts: Vec<usize> = received
        .iter()
        .filter_map(|got| got.first().copied())
        .collect();
    firsts.sort_unstable();
    let from = numbers.start;
    (n > 0 || numbers.is_empty())
        && each_every_nth
        && firsts.into_iter().eq(from..from + n.min(numbers.len()))
}
