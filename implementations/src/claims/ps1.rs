//! PS1 on both implementations: one published message reaches every connected,
//! subscribed SUB.
//!
//! libzmq's run waits until an XPUB has seen every subscription; a zmq.rs PUB tells
//! nothing of the kind, so this run probes until every subscriber has a probe. The words
//! of the observation are libzmq's judge's.

use anyhow::{bail, Result};
use zmq_workbook::claims::pubsub::numbered;
use zmq_workbook::claims::pubsub::ps1::{MESSAGES, SUBSCRIBERS};
use zmq_workbook::claims::{count, Finding};
use zmq_workbook::lab::{self, Lab, Transport};

use super::ps3::probe_until_received;
use crate::end::{run, End, Kind, Pairing};

const PROBE: &[u8] = b"probe";
const END: &[u8] = b"end";

/// What each subscriber received, and the publisher's endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FanOut {
    pub endpoint: String,
    pub received: Vec<Vec<Vec<u8>>>,
}

pub async fn fan_out(
    pairing: Pairing,
    transport: Transport,
    subscribers: usize,
    messages: usize,
) -> Result<FanOut> {
    let lab = Lab::new()?;
    let mut publisher = End::new(&lab, pairing.binds, Kind::Pub)?;
    let endpoint = publisher.bind(&lab, transport).await?;
    let mut ends = Vec::new();
    for _ in 0..subscribers {
        let mut subscriber = End::new(&lab, pairing.connects, Kind::Sub)?;
        subscriber.subscribe(b"").await?;
        subscriber.connect(&endpoint).await?;
        if probe_until_received(&mut publisher, &mut subscriber, PROBE)
            .await?
            .is_none()
        {
            bail!("a subscriber got no probe");
        }
        ends.push(subscriber);
    }
    for news in numbered("news", messages) {
        publisher.send(vec![news]).await?;
    }
    publisher.send_one(END).await?;
    let mut received = Vec::new();
    for subscriber in &mut ends {
        let mut got = Vec::new();
        loop {
            let message = subscriber.recv().await?.concat();
            if message == END {
                break;
            }
            if message != PROBE {
                got.push(message);
            }
        }
        received.push(got);
    }
    Ok(FanOut { endpoint, received })
}

/// Judges as libzmq's PS1 judge does.
pub fn judge(
    transport: Transport,
    subscribers: usize,
    messages: usize,
    fan_out: &FanOut,
) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &fan_out.endpoint);
    let received = &fan_out.received;
    if !finding.check_count("subscribers' receipts", received.len(), subscribers) {
        return finding;
    }
    let sent = numbered("news", messages);
    let complete = received.iter().filter(|r| **r == sent).count();
    let mut text = format!(
        "{} on one address: {complete} of {subscribers} received all {}, in order",
        count(subscribers, "subscriber"),
        count(messages, "message")
    );
    if let Some((s, short)) = received.iter().enumerate().find(|(_, r)| **r != sent) {
        text += &format!(
            " (subscriber {s} received {}, the first {})",
            short.len(),
            short
                .first()
                .map(|m| lab::show(m))
                .unwrap_or_else(|| "none".into())
        );
    }
    finding.observe(complete == subscribers, text);
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let fan_out = run(fan_out(pairing, transport, SUBSCRIBERS, MESSAGES))?;
    Ok(judge(transport, SUBSCRIBERS, MESSAGES, &fan_out))
}
