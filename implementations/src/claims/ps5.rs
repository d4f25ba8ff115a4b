//! PS5 on both implementations: a subscriber that leaves does not disturb the broadcast;
//! one that comes back gets only what is published after its return.
//!
//! libzmq's run reads the subscriptions from an XPUB; here the publisher probes until each
//! subscriber has a probe, and the probes are left out of what each received. The words of
//! the observations are libzmq's judge's.
//!
//! Not in the matrix yet: in two runs of sixteen under heavy load, a SUB that connected
//! after a zmq.rs PUB's sends had returned received some of those messages (1 and 4 of
//! the 5 sent while it was away). A zmq.rs PUB's `send` puts the message in a queue that
//! a task fans out later, to whoever is subscribed then. Timing decides, so the cell would
//! flip between runs: it needs the repeated measurement PS6 has on libzmq.

use anyhow::{bail, Result};
use zmq_workbook::claims::pubsub::numbered;
use zmq_workbook::claims::pubsub::ps5::{everything, AFTER_RETURN, WHILE_AWAY};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{Lab, Transport};

use super::ps3::probe_until_received;
use crate::end::{run, End, Kind, Pairing};

const PROBE: &[u8] = b"probe";
const END: &[u8] = b"end";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftAndBack {
    pub endpoint: String,
    pub staying: Vec<Vec<u8>>,
    pub returning: Vec<Vec<u8>>,
}

async fn subscribed(
    lab: &Lab,
    pairing: Pairing,
    endpoint: &str,
    publisher: &mut End,
) -> Result<End> {
    let mut subscriber = End::new(lab, pairing.connects, Kind::Sub)?;
    subscriber.subscribe(b"").await?;
    subscriber.connect(endpoint).await?;
    if probe_until_received(publisher, &mut subscriber, PROBE)
        .await?
        .is_none()
    {
        bail!("a subscriber got no probe");
    }
    Ok(subscriber)
}

/// Receives until [`END`], leaving the probes out.
async fn until_end(subscriber: &mut End) -> Result<Vec<Vec<u8>>> {
    let mut got = Vec::new();
    loop {
        let message = subscriber.recv().await?.concat();
        if message == END {
            return Ok(got);
        }
        if message != PROBE {
            got.push(message);
        }
    }
}

pub async fn leave_and_come_back(
    pairing: Pairing,
    transport: Transport,
) -> Result<LeftAndBack> {
    let lab = Lab::new()?;
    let mut publisher = End::new(&lab, pairing.binds, Kind::Pub)?;
    let endpoint = publisher.bind(&lab, transport).await?;
    let mut staying = subscribed(&lab, pairing, &endpoint, &mut publisher).await?;
    let mut leaving = subscribed(&lab, pairing, &endpoint, &mut publisher).await?;
    publisher.send_one("before").await?;
    loop {
        let message = leaving.recv().await?.concat();
        if message == b"before" {
            break;
        }
    }
    leaving.close().await?;
    for message in numbered("while away", WHILE_AWAY) {
        publisher.send(vec![message]).await?;
    }
    let mut back = subscribed(&lab, pairing, &endpoint, &mut publisher).await?;
    for message in numbered("after return", AFTER_RETURN) {
        publisher.send(vec![message]).await?;
    }
    publisher.send_one(END).await?;
    Ok(LeftAndBack {
        endpoint,
        staying: until_end(&mut staying).await?,
        returning: until_end(&mut back).await?,
    })
}

pub fn judge(transport: Transport, outcome: &LeftAndBack) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &outcome.endpoint);
    let all = everything();
    finding.observe(
        outcome.staying == all,
        format!(
            "the staying subscriber got {} of {}{}",
            outcome.staying.len(),
            all.len(),
            if outcome.staying == all {
                ", in order"
            } else {
                ""
            }
        ),
    );
    let of = |prefix: &[u8]| {
        outcome
            .returning
            .iter()
            .filter(|m| m.starts_with(prefix))
            .count()
    };
    let (away, after) = (of(b"while away"), of(b"after return"));
    finding.observe(
        outcome.returning == numbered("after return", AFTER_RETURN),
        format!(
            "the one that left and came back got {away} of the {WHILE_AWAY} sent while it was away and {after} of the {AFTER_RETURN} sent after its return"
        ),
    );
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let outcome = run(leave_and_come_back(pairing, transport))?;
    Ok(judge(transport, &outcome))
}
