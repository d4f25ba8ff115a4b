//! The publisher and subscriber every PUB/SUB experiment builds on, shared by the claims
//! (`claims::pubsub`) and the network experiments (`claims::network`), which may not depend
//! on each other's modules.

use std::time::Duration;

use anyhow::{bail, Result};

use crate::lab::{self, Lab, BOUND};

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
    recv_until_within(subscriber, last, BOUND)
}

/// As [`recv_until`], waiting up to `bound` for each message: a marker that never comes
/// is an error, whatever came before it, since what was lost with it cannot be told. The
/// messages are single frames; one of several frames is an error too, even if its first
/// frame reads as the marker.
pub fn recv_until_within(
    subscriber: &zmq::Socket,
    last: &[u8],
    bound: Duration,
) -> Result<Vec<Vec<u8>>> {
    let mut received = Vec::new();
    loop {
        if subscriber.poll(zmq::POLLIN, lab::millis(bound).into())? == 0 {
            bail!(
                "{} never arrived within {bound:?}; before it came {}",
                lab::show(last),
                lab::show_all(&received)
            );
        }
        let message = match <[Vec<u8>; 1]>::try_from(subscriber.recv_multipart(0)?) {
            Ok([message]) => message,
            Err(frames) => bail!(
                "a message of {} frames, the first {}, where single frames are due",
                frames.len(),
                lab::show_all(&frames[..1])
            ),
        };
        if message == last {
            return Ok(received);
        }
        received.push(message);
    }
}
