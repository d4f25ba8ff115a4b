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

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use super::{ms, Claim, Finding};
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

/// What a publisher has been told and not read yet (subscriptions `\x01<topic>`,
/// unsubscriptions `\x00<topic>`), read without waiting: after a wait for subscriptions,
/// anything here is a subscription or withdrawal the experiment did not expect.
pub fn left_unread(publisher: &zmq::Socket) -> Result<Vec<Vec<u8>>> {
    let mut unread = Vec::new();
    loop {
        match publisher.recv_bytes(zmq::DONTWAIT) {
            Ok(message) => unread.push(message),
            Err(zmq::Error::EAGAIN) => return Ok(unread),
            Err(other) => return Err(other.into()),
        }
    }
}

/// A window listened to for messages that should not come: what came, when the window
/// began on the experiment's clock, and how long it lasted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Silence {
    pub got: Vec<Vec<u8>>,
    pub began: Duration,
    pub lasted: Duration,
}

/// Listens to `socket` until `window` passes with nothing new, timed on `clock` (the
/// instant the experiment began).
pub fn listen(socket: &zmq::Socket, window: Duration, clock: Instant) -> Result<Silence> {
    let began = clock.elapsed();
    let got = lab::drain(socket, window)?;
    Ok(Silence {
        got,
        began,
        lasted: clock.elapsed().saturating_sub(began),
    })
}

/// Proves a silence was listened to: it began only once `after` had happened (on the same
/// clock), and lasted its `window`, no less, and, if nothing came, not much more.
pub fn prove_silence(
    finding: &mut Finding,
    silence: &Silence,
    window: Duration,
    (after, what): (Duration, &str),
) {
    finding.set_up(
        silence.began >= after,
        tr!(
            "ps-silence-began",
            began = ms(silence.began),
            what = what,
            after = ms(after)
        ),
    );
    let lasted = if silence.got.is_empty() {
        lab::gave_up_at(silence.lasted, window)
    } else {
        lab::waited_out(silence.lasted, window)
    };
    finding.set_up(
        lasted,
        tr!(
            "rr5-silence-listened",
            listened = ms(silence.lasted),
            due = window.as_millis()
        ),
    );
}

/// What a publisher was told: the subscriptions it waited for, and whatever else it held
/// then (see [`left_unread`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Told {
    pub subscribed: Vec<Vec<u8>>,
    pub unread: Vec<Vec<u8>>,
}

/// Waits for `count` subscriptions (see [`await_subscriptions`]), then reads what else the
/// publisher holds.
pub fn await_told(publisher: &zmq::Socket, count: usize) -> Result<Told> {
    Ok(Told {
        subscribed: await_subscriptions(publisher, count)?,
        unread: left_unread(publisher)?,
    })
}

/// Proves what a publisher was told: exactly the subscriptions `wanted` (in any order),
/// and nothing beside them.
pub fn prove_told(finding: &mut Finding, when: &str, told: &Told, wanted: &[&[u8]]) {
    let mut got: Vec<&[u8]> = told.subscribed.iter().map(Vec::as_slice).collect();
    let mut wanted: Vec<Vec<u8>> = wanted.iter().map(|t| t.to_vec()).collect();
    got.sort();
    wanted.sort();
    finding.set_up(
        got == wanted && told.unread.is_empty(),
        tr!(
            "ps-told",
            when = when,
            subscribed = lab::show_all(&told.subscribed),
            unread = lab::show_all(&told.unread),
            due = lab::show_all(&wanted)
        ),
    );
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
