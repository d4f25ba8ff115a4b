//! PS1 — one published message reaches many subscribers at once.

use anyhow::Result;

use super::{await_subscriptions, numbered, publisher, recv_until, subscriber};
use crate::claims::{count, on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "PS1",
    star: false,
    summary: "One published message reaches many subscribers at once",
    zh: "发布端发布一条消息,可被多个订阅端同事收到",
    en: "one message the publisher publishes can be received by several subscribers at the same time",
    verdict: Verdict::Holds,
    experiment: finding,
};

/// How many subscribers share one publisher's address…
pub const SUBSCRIBERS: usize = 5;
/// …and how many messages it publishes to them.
pub const MESSAGES: usize = 100;

// ANCHOR: fan_out
/// `subscribers` SUBs, all subscribed to everything, and `messages` messages published
/// once. Returns what each subscriber received.
pub fn fan_out(
    transport: Transport,
    subscribers: usize,
    messages: usize,
) -> Result<Vec<Vec<Vec<u8>>>> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let sockets = (0..subscribers)
        .map(|_| subscriber(&lab, &endpoint, &[b""]))
        .collect::<Result<Vec<_>>>()?;
    await_subscriptions(&publisher, subscribers)?;

    for message in numbered("news", messages) {
        publisher.send(message, 0)?;
    }
    publisher.send("end", 0)?;
    sockets.iter().map(|s| recv_until(s, b"end")).collect()
}
// ANCHOR_END: fan_out

/// Judges what each of `subscribers` subscribers received of `messages` messages.
pub fn judge(subscribers: usize, messages: usize, received: &[Vec<Vec<u8>>]) -> Finding {
    let mut finding = Finding::new();
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

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |t| fan_out(t, SUBSCRIBERS, MESSAGES))?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, received)| {
                (transport, judge(SUBSCRIBERS, MESSAGES, &received))
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
