//! PS1 — one published message reaches many subscribers at once.

use crate::tr;
use anyhow::Result;

use super::{await_told, numbered, prove_told, publisher, recv_until, subscriber, Told};
use crate::claims::{on_each, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "PS1",
    star: false,
    summary: "One published message reaches many subscribers at once",
    zh: "发布端发布一条消息,可被多个订阅端同事收到",
    en: "one message the publisher publishes can be received by several subscribers at the same time",
    glance: Glance {
        zh: "一条消息，多个订阅者同时收到",
        en: "One message, many subscribers",
        advice: "Bind the PUB and send each message once: libzmq copies it to every subscriber whose filter matches.",
    },
    verdict: Verdict::Holds,
    conditions: "",
    experiment: finding,
    beyond: None,
};

/// How many subscribers share one publisher's address…
pub const SUBSCRIBERS: usize = 5;
/// …and how many messages it publishes to them.
pub const MESSAGES: usize = 100;

/// What each subscriber received, and what the run proves of its set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FanOut {
    pub transport: Transport,
    /// What each subscriber received, in order.
    pub received: Vec<Vec<Vec<u8>>>,
    /// The publisher's endpoint.
    pub endpoint: String,
    /// What the publisher was told before it published: every subscriber's subscription.
    pub told: Told,
}

// ANCHOR: fan_out
/// `subscribers` SUBs, all subscribed to everything, and `messages` messages published
/// once. Returns what each subscriber received.
pub fn fan_out(
    transport: Transport,
    subscribers: usize,
    messages: usize,
) -> Result<FanOut> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let sockets = (0..subscribers)
        .map(|_| subscriber(&lab, &endpoint, &[b""]))
        .collect::<Result<Vec<_>>>()?;
    let told = await_told(&publisher, subscribers)?;

    for message in numbered("news", messages) {
        publisher.send(message, 0)?;
    }
    publisher.send("end", 0)?;
    Ok(FanOut {
        transport,
        received: sockets
            .iter()
            .map(|s| recv_until(s, b"end"))
            .collect::<Result<_>>()?,
        endpoint,
        told,
    })
}
// ANCHOR_END: fan_out

/// Judges what each of `subscribers` subscribers received of `messages` messages: every
/// one all of them, in order, once; and the set-up: every subscription told before the
/// first message.
pub fn judge(subscribers: usize, messages: usize, fan_out: &FanOut) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(fan_out.transport, &fan_out.endpoint);
    prove_told(
        &mut finding,
        &tr!("ps-before-publishing"),
        &fan_out.told,
        &vec![&b""[..]; subscribers],
    );
    let received = &fan_out.received;
    if !finding.check_count(&tr!("ps-receipts"), received.len(), subscribers) {
        return finding;
    }
    let sent = numbered("news", messages);
    let complete = received.iter().filter(|r| **r == sent).count();
    let mut text = tr!(
        "ps1-fan-out",
        subscribers = subscribers,
        complete = complete,
        messages = messages
    );
    if let Some((s, short)) = received.iter().enumerate().find(|(_, r)| **r != sent) {
        text += &tr!(
            "ps1-short",
            subscriber = s,
            received = short.len(),
            first = short
                .first()
                .map(|m| lab::show(m))
                .unwrap_or_else(|| tr!("rr2-none"))
        );
    }
    finding.observe(complete == subscribers, text);
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |t| fan_out(t, SUBSCRIBERS, MESSAGES))?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, fan_out)| {
                (transport, judge(SUBSCRIBERS, MESSAGES, &fan_out))
            })
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: the publisher binds and sends each message once; libzmq copies it
/// to every subscriber connected to that address whose filter matches. The topic is the
/// first frame, ended by a dot so that "123" cannot match "1234" (PS2's lines subscribe
/// so).
pub fn publish(publisher: &zmq::Socket, topic: &str, news: &[u8]) -> zmq::Result<()> {
    let topic = format!("{topic}.");
    publisher.send_multipart([topic.as_bytes(), news], 0) // no loop over subscribers
}
// ANCHOR_END: own
