//! PS3 on both implementations: a SUB with no subscription receives nothing; the empty
//! filter receives all.
//!
//! libzmq's run learns that a subscription has reached the publisher from an XPUB; a
//! zmq.rs PUB tells nothing of the kind, so this run waits for a probe instead: the
//! publisher sends probes until the subscribed SUB has one (a subscription travels ahead
//! of the messages on its connection). The observations are libzmq's judge's, word for
//! word; the silence is proven as its judge proves it.

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use zmq_workbook::claims::pubsub::ps3::PS3_MESSAGES;
use zmq_workbook::claims::pubsub::{prove_silence, Silence};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Ready, Transport, BOUND, SILENCE};

use crate::end::{run, End, Kind, Pairing};

/// What PS3's run saw, as libzmq's `NoFilter` without its XPUB's testimony.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoFilter {
    pub transport: Transport,
    pub ready: Ready,
    pub control: Vec<Vec<u8>>,
    pub unsubscribed: Silence,
    pub control_done: Duration,
    pub once_subscribed: Option<Vec<u8>>,
    pub publisher_peers: usize,
}

/// Sends `probe` every few milliseconds until `subscriber` receives one (then returns
/// it), or [`BOUND`] passes.
pub async fn probe_until_received(
    publisher: &mut End,
    subscriber: &mut End,
    probe: &[u8],
) -> Result<Option<Vec<u8>>> {
    let began = Instant::now();
    while began.elapsed() < BOUND {
        publisher.send_one(probe).await?;
        if let Some(message) = subscriber.recv_within(Duration::from_millis(10)).await? {
            return Ok(Some(message.concat()));
        }
    }
    Ok(None)
}

pub async fn no_filter(
    pairing: Pairing,
    transport: Transport,
    messages: &[&str],
) -> Result<NoFilter> {
    let clock = Instant::now();
    let lab = Lab::new()?;
    let mut publisher = End::new(&lab, pairing.binds, Kind::Pub)?;
    let endpoint = publisher.bind(&lab, transport).await?;
    let mut unsubscribed = End::new(&lab, pairing.connects, Kind::Sub)?;
    unsubscribed.connect(&endpoint).await?;
    let mut control = End::new(&lab, pairing.connects, Kind::Sub)?;
    control.subscribe(b"").await?;
    control.connect(&endpoint).await?;
    let peers = publisher.await_peers(2).await?;
    if probe_until_received(&mut publisher, &mut control, b"probe")
        .await?
        .is_none()
    {
        bail!(
            "the control SUB got no probe within {} ms",
            BOUND.as_millis()
        );
    }

    for message in messages {
        publisher.send_one(*message).await?;
    }
    publisher.send_one("end").await?;
    let mut got = Vec::new();
    loop {
        let message = control.recv().await?.concat();
        if message == b"end" {
            break;
        }
        if message != b"probe" {
            got.push(message);
        }
    }
    let control_done = clock.elapsed();
    let began = clock.elapsed();
    let mut silent = Vec::new();
    while let Some(message) = unsubscribed.recv_within(SILENCE).await? {
        silent.push(message.concat());
    }
    let unsubscribed_silence = Silence {
        got: silent,
        began,
        lasted: clock.elapsed().saturating_sub(began),
    };

    unsubscribed.subscribe(b"").await?;
    let once_subscribed =
        probe_until_received(&mut publisher, &mut unsubscribed, b"after subscribing")
            .await?;
    Ok(NoFilter {
        transport,
        ready: Ready { endpoint, peers: 1 },
        control: got,
        unsubscribed: unsubscribed_silence,
        control_done,
        once_subscribed,
        publisher_peers: peers,
    })
}

/// Judges as libzmq's PS3 judge does, its XPUB's testimony replaced by the probe.
pub fn judge(messages: &[&str], outcome: &NoFilter) -> Finding {
    let mut finding = Finding::new();
    finding.ready(outcome.transport, &outcome.ready, 1);
    prove_silence(
        &mut finding,
        &outcome.unsubscribed,
        SILENCE,
        (outcome.control_done, "the control had everything"),
    );
    finding.set_up(
        outcome.publisher_peers == 2,
        format!(
            "the publisher accepted {} connections in the run, where the silent SUB's and the control's are due",
            outcome.publisher_peers
        ),
    );
    let sent: Vec<Vec<u8>> = messages.iter().map(|m| m.as_bytes().to_vec()).collect();
    let n = messages.len();
    let silent = &outcome.unsubscribed.got;
    finding.observe(
        silent.is_empty(),
        format!(
            "a connected SUB with no subscription got {} of {n}",
            silent.len()
        ),
    );
    finding.observe(
        outcome.control == sent,
        format!(
            "the control SUB beside it (empty filter) got {} of {n}{}",
            outcome.control.len(),
            if outcome.control == sent {
                ", as sent"
            } else {
                ", not as sent"
            }
        ),
    );
    let then = match &outcome.once_subscribed {
        Some(message) => format!("received {}", lab::show(message)),
        None => "still received nothing".to_string(),
    };
    finding.observe(
        outcome.once_subscribed.as_deref() == Some(b"after subscribing"),
        format!("the silent SUB, once subscribed, {then}"),
    );
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let outcome = run(no_filter(pairing, transport, &PS3_MESSAGES))?;
    Ok(judge(&PS3_MESSAGES, &outcome))
}
