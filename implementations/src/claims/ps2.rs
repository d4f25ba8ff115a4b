//! PS2 on both implementations: a subscriber receives only the messages whose first frame
//! begins with one of its subscriptions.
//!
//! libzmq's run learns from an XPUB that the publisher holds the subscriptions; a zmq.rs
//! PUB tells nothing of the kind, so this run subscribes to a control topic last and
//! probes until the subscriber has a probe: the subscriptions and withdrawals before it
//! travelled ahead of it on the same connection. The control topic is ASCII ("~end"),
//! where libzmq's run uses a byte no test message begins with: zmq.rs subscribes only to
//! UTF-8 strings. The cases and the rule (`ps2::cases`, `ps2::passes`) are libzmq's, and so
//! are the words of each observation.

use anyhow::{bail, Result};
use zmq_workbook::claims::pubsub::ps2::{cases, passes, Case, Message, FILTER};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Transport};

use super::ps3::probe_until_received;
use crate::end::{run, End, Kind, Pairing};

const END: &[u8] = b"~end";
const PROBE: &[u8] = b"~end probe";

/// What one subscriber received, and its publisher's endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    pub endpoint: String,
    pub received: Vec<Message>,
}

pub async fn filtered(
    pairing: Pairing,
    transport: Transport,
    case: &Case,
) -> Result<Filtered> {
    let lab = Lab::new()?;
    let mut publisher = End::new(&lab, pairing.binds, Kind::Pub)?;
    let endpoint = publisher.bind(&lab, transport).await?;
    let mut subscriber = End::new(&lab, pairing.connects, Kind::Sub)?;
    subscriber.connect(&endpoint).await?;
    for topic in &case.subscribe {
        subscriber.subscribe(topic).await?;
    }
    for topic in &case.unsubscribe {
        subscriber.unsubscribe(topic).await?;
    }
    subscriber.subscribe(END).await?;
    if probe_until_received(&mut publisher, &mut subscriber, PROBE)
        .await?
        .is_none()
    {
        bail!("the subscriber got no probe");
    }
    for message in &case.messages {
        publisher.send(message.clone()).await?;
    }
    publisher.send_one(END).await?;
    let mut received = Vec::new();
    loop {
        let message = subscriber.recv().await?;
        if message == [END] {
            break;
        }
        if message != [PROBE] {
            received.push(message);
        }
    }
    Ok(Filtered { endpoint, received })
}

fn quoted(topic: &[u8]) -> String {
    format!("{:?}", lab::text(topic))
}

fn message_text(message: &Message) -> String {
    let frames: Vec<String> = message.iter().map(|f| lab::text(f)).collect();
    match frames.as_slice() {
        [one] if one.is_empty() => "\"\"".into(),
        _ => frames.join("|"),
    }
}

fn messages_text(messages: &[Message]) -> String {
    if messages.is_empty() {
        return "nothing".into();
    }
    messages
        .iter()
        .map(message_text)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Judges each case as libzmq's PS2 judge does: what passed is what libzmq's rule lets
/// pass.
pub fn judge(transport: Transport, cases: &[Case], runs: &[Filtered]) -> Finding {
    let mut finding = Finding::new();
    if !finding.check_count("subscribers' receipts", runs.len(), cases.len()) {
        return finding;
    }
    for (case, run) in cases.iter().zip(runs) {
        finding.used_transport(transport, &run.endpoint);
        let expected: Vec<Message> = case
            .messages
            .iter()
            .filter(|m| passes(case, m))
            .cloned()
            .collect();
        let mut filters: Vec<String> = case.subscribe.iter().map(|t| quoted(t)).collect();
        let mut who = format!("filter {}", filters.join(" + "));
        if !case.unsubscribe.is_empty() {
            filters = case.unsubscribe.iter().map(|t| quoted(t)).collect();
            who += &format!(", then {} unsubscribed", filters.join(" + "));
        }
        finding.observe(
            run.received == expected,
            format!(
                "{who}: of {} passed {}",
                messages_text(&case.messages),
                messages_text(&run.received)
            ),
        );
    }
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let cases = cases(FILTER);
    let runs = run(async {
        let mut runs = Vec::new();
        for case in &cases {
            runs.push(filtered(pairing, transport, case).await?);
        }
        Ok(runs)
    })?;
    Ok(judge(transport, &cases, &runs))
}
