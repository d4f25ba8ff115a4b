//! Publish–Subscribe: one publisher, many subscribers, topics as prefixes (PS1–PS7).
//!
//! Where an experiment needs to know that a subscriber is ready, its publisher is an
//! **XPUB**: a PUB that also hands the application every subscription it receives. It
//! delivers exactly as a PUB does; the subscription it shows is the evidence the
//! experiment waits for, instead of a sleep.

pub mod ps1;
pub mod ps2;
pub mod ps3;
pub mod ps4;
pub mod ps5;
pub mod ps6;
pub mod ps7;

use anyhow::{bail, Result};

use super::Claim;
use crate::lab::{self, Lab, BOUND};

pub static CLAIMS: [&Claim; 7] = [
    &ps1::CLAIM,
    &ps2::CLAIM,
    &ps3::CLAIM,
    &ps4::CLAIM,
    &ps5::CLAIM,
    &ps6::CLAIM,
    &ps7::CLAIM,
];

// ANCHOR: publisher
/// A publisher that shows the subscriptions it receives: an XPUB in verbose mode (every
/// subscription is passed on, even one it has seen before from another subscriber).
pub fn publisher(lab: &Lab) -> Result<zmq::Socket> {
    let publisher = lab.socket(zmq::XPUB)?;
    publisher.set_xpub_verbose(true)?;
    Ok(publisher)
}

/// Waits until `count` subscriptions have reached `publisher`: from then on, every
/// message it sends on those topics is delivered. A subscription arrives as a message
/// `\x01<topic>` (`\x00<topic>` is an unsubscription); returns the topics.
pub fn await_subscriptions(
    publisher: &zmq::Socket,
    count: usize,
) -> Result<Vec<Vec<u8>>> {
    let mut topics = Vec::new();
    while topics.len() < count {
        let Some(event) = lab::recv_within(publisher, BOUND)? else {
            bail!(
                "{} of {count} subscriptions reached the publisher within {BOUND:?}",
                topics.len()
            );
        };
        if event.first() == Some(&1) {
            topics.push(event[1..].to_vec());
        }
    }
    Ok(topics)
}
// ANCHOR_END: publisher

/// A subscriber connected to `endpoint` with the given subscriptions.
pub fn subscriber(lab: &Lab, endpoint: &str, topics: &[&[u8]]) -> Result<zmq::Socket> {
    let subscriber = lab.socket(zmq::SUB)?;
    for topic in topics {
        subscriber.set_subscribe(topic)?;
    }
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// Reads until `last` arrives (delivery is in order, so everything before it that was
/// going to arrive has arrived) and returns what came, `last` excluded.
pub fn recv_until(subscriber: &zmq::Socket, last: &[u8]) -> Result<Vec<Vec<u8>>> {
    let mut received = Vec::new();
    loop {
        let Some(message) = lab::recv_within(subscriber, BOUND)? else {
            bail!(
                "{} never arrived within {BOUND:?}; before it came {}",
                lab::show(last),
                lab::show_all(&received)
            );
        };
        if message == last {
            return Ok(received);
        }
        received.push(message);
    }
}

/// `count` messages "<prefix> 0", "<prefix> 1", …
pub fn numbered(prefix: &str, count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| format!("{prefix} {i}").into_bytes())
        .collect()
}

/// Single-frame messages from text.
pub fn frames(texts: &[&str]) -> Vec<Vec<Vec<u8>>> {
    texts.iter().map(|t| vec![t.as_bytes().to_vec()]).collect()
}
