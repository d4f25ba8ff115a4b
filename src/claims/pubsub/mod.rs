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

use anyhow::Result;

use super::{ms, Claim, Finding};
use crate::lab;

pub static CLAIMS: [&Claim; 7] = [
    &ps1::CLAIM,
    &ps2::CLAIM,
    &ps3::CLAIM,
    &ps4::CLAIM,
    &ps5::CLAIM,
    &ps6::CLAIM,
    &ps7::CLAIM,
];

pub use crate::lab::pubsub::{
    await_subscriptions, publisher, recv_until, recv_until_within, subscriber,
};

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
