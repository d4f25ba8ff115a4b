//! PS5 on both implementations: a subscriber that leaves does not disturb the broadcast;
//! one that comes back gets only what is published after its return.
//!
//! libzmq's run reads the subscriptions from an XPUB; here the publisher probes until each
//! subscriber has a probe, and the probes are left out of what each received. The words of
//! the observations are libzmq's judge's.
//!
//! "While it was away" is what the others received while it was away: the staying
//! subscriber must have received every message published meanwhile before the returning
//! one connects, and the run proves it. A zmq.rs PUB's `send` returns once the message is
//! in a queue that a task fans out later, to whoever is subscribed then: a subscriber
//! that connects the moment the sends return can still be handed some of them. That is a
//! measurement of its own, `zmqrs_ps5_late_fanout` ([`Return::OnceTheSendsReturned`]),
//! whose figures the book's page "On zmq.rs" shows.

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
    /// What the staying subscriber had received when the returning one connected.
    pub staying_before_return: Vec<Vec<u8>>,
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

/// Receives until `last` (each message within [`BOUND`](zmq_workbook::lab::BOUND)),
/// leaving the probes out, into `got`.
async fn until(subscriber: &mut End, last: &[u8], got: &mut Vec<Vec<u8>>) -> Result<()> {
    loop {
        let message = subscriber.recv().await?.concat();
        if message == last {
            return Ok(());
        }
        if message != PROBE {
            got.push(message);
        }
    }
}

/// How the run makes sure that what was published while a subscriber was away is past
/// before it comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Return {
    /// The staying subscriber has received every message published meanwhile (PS5's
    /// experiment).
    OnceTheOthersHaveThem,
    /// The publisher's sends have returned, no more (the measurement of a zmq.rs PUB's
    /// queue).
    OnceTheSendsReturned,
}

pub async fn leave_and_come_back(
    pairing: Pairing,
    transport: Transport,
    when: Return,
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
    let away = numbered("while away", WHILE_AWAY);
    for message in &away {
        publisher.send(vec![message.clone()]).await?;
    }
    // Published while it was away: received by the others while it was away. Delivery is
    // in order, so once the last has come the others have.
    let mut got = Vec::new();
    if when == Return::OnceTheOthersHaveThem {
        let last = away.last().expect("messages while away");
        until(&mut staying, last, &mut got).await?;
        got.push(last.clone());
    }
    let staying_before_return = got.clone();
    let mut back = subscribed(&lab, pairing, &endpoint, &mut publisher).await?;
    for message in numbered("after return", AFTER_RETURN) {
        publisher.send(vec![message]).await?;
    }
    publisher.send_one(END).await?;
    until(&mut staying, END, &mut got).await?;
    let mut returning = Vec::new();
    until(&mut back, END, &mut returning).await?;
    Ok(LeftAndBack {
        endpoint,
        staying_before_return,
        staying: got,
        returning,
    })
}

pub fn judge(transport: Transport, outcome: &LeftAndBack) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &outcome.endpoint);
    let away = numbered("while away", WHILE_AWAY);
    let had = away
        .iter()
        .filter(|m| outcome.staying_before_return.contains(m))
        .count();
    finding.set_up(
        had == WHILE_AWAY,
        format!(
            "the staying subscriber had received {had} of the {WHILE_AWAY} sent while the other was away before it came back"
        ),
    );
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
    let outcome = run(leave_and_come_back(
        pairing,
        transport,
        Return::OnceTheOthersHaveThem,
    ))?;
    Ok(judge(transport, &outcome))
}
