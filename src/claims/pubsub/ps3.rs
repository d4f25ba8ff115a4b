//! PS3 ★ — a SUB must set a filter, or it receives nothing; the empty filter receives
//! all.

use anyhow::Result;

use super::{await_subscriptions, publisher, recv_until, subscriber};
use crate::claims::{on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport, BOUND, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "PS3",
    star: true,
    summary: "A SUB must set a filter, or it receives nothing; the empty filter receives all",
    zh: "两种情况  这里必须使用一种来 过滤消息 不然无法接受消息",
    en: "one of the two must be used to filter messages, otherwise no message can be received",
    verdict: Verdict::Holds,
    experiment: finding,
};

/// The messages PS3 publishes: every kind of first byte, the empty message included.
pub const PS3_MESSAGES: [&str; 5] = ["123 hello", "abc", "", "\u{0}binary", "zzz"];

/// What the two subscribers of PS3 received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoFilter {
    /// Subscribed to "", the control: it proves the messages were sent and deliverable.
    pub control: Vec<Vec<u8>>,
    /// Never subscribed: what it received within the silence window after the control had
    /// all.
    pub unsubscribed: Vec<Vec<u8>>,
    /// The second control, on the silent socket itself: once it subscribes, what it
    /// receives of the next message. Proof that it was connected all along, on every
    /// transport.
    pub once_subscribed: Option<Vec<u8>>,
}

// ANCHOR: no_filter
/// A SUB that never subscribes, connected to the same publisher as a control SUB
/// subscribed to everything. Both are connected (the handshake is done) before anything
/// is published.
pub fn no_filter(transport: Transport, messages: &[&str]) -> Result<NoFilter> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let mut unsubscribed = lab.watch(lab.socket(zmq::SUB)?)?;
    unsubscribed.socket.connect(&endpoint)?;
    if transport != Transport::Inproc {
        // It is connected: only its missing filter is left.
        unsubscribed.wait_handshakes(1)?;
    }
    let control = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 1)?;

    for message in messages {
        publisher.send(*message, 0)?;
    }
    publisher.send("end", 0)?;
    let control = recv_until(&control, b"end")?;
    // The control has everything; the same window that delivered it is more than enough.
    let silent = lab::drain(&unsubscribed.socket, SILENCE)?;

    // The same socket subscribes now: its subscription reaching the publisher shows that
    // it was connected all along, and the next message reaches it.
    unsubscribed.socket.set_subscribe(b"")?;
    await_subscriptions(&publisher, 1)?;
    publisher.send("after subscribing", 0)?;
    Ok(NoFilter {
        control,
        unsubscribed: silent,
        once_subscribed: lab::recv_within(&unsubscribed.socket, BOUND)?,
    })
}
// ANCHOR_END: no_filter

/// Judges PS3 on one transport: nothing for the SUB without a subscription, everything
/// for the control beside it, and the next message for the same SUB once it has
/// subscribed.
pub fn judge(messages: &[&str], outcome: &NoFilter) -> Finding {
    let mut finding = Finding::new();
    let sent: Vec<Vec<u8>> = messages.iter().map(|m| m.as_bytes().to_vec()).collect();
    let n = messages.len();
    finding.observe(
        outcome.unsubscribed.is_empty(),
        format!(
            "a connected SUB with no subscription got {} of {n}",
            outcome.unsubscribed.len()
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

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |t| no_filter(t, &PS3_MESSAGES))?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, outcome)| (transport, judge(&PS3_MESSAGES, &outcome)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a SUB receives nothing until it subscribes; the empty
/// subscription takes everything.
pub fn subscribe_to_all(
    context: &zmq::Context,
    publisher: &str,
) -> zmq::Result<zmq::Socket> {
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_subscribe(b"")?; // forget this line and nothing ever arrives
    subscriber.connect(publisher)?;
    Ok(subscriber)
}
// ANCHOR_END: own
