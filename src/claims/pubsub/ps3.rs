//! PS3 ★ — a SUB must set a filter, or it receives nothing; the empty filter receives
//! all.

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::{
    await_told, listen, prove_silence, prove_told, publisher, recv_until, subscriber,
    Silence, Told,
};
use crate::claims::{on_each, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, BOUND, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "PS3",
    star: true,
    summary: "A SUB must set a filter, or it receives nothing; the empty filter receives all",
    zh: "两种情况  这里必须使用一种来 过滤消息 不然无法接受消息",
    en: "one of the two must be used to filter messages, otherwise no message can be received",
    glance: Glance {
        zh: "不设订阅，就收不到消息",
        en: "No filter, no messages",
        advice: "Always subscribe before you receive: `ZMQ_SUBSCRIBE` with the empty filter `\"\"` takes every message.",
    },
    verdict: Verdict::Holds,
    conditions: "And the empty filter \"\" receives everything.",
    experiment: finding,
    beyond: None,
};

/// The messages PS3 publishes: every kind of first byte, the empty message included.
pub const PS3_MESSAGES: [&str; 5] = ["123 hello", "abc", "", "\u{0}binary", "zzz"];

/// What the two subscribers of PS3 received, and what the run proves of its set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoFilter {
    pub transport: Transport,
    /// Subscribed to "", the control: it proves the messages were sent and deliverable.
    pub control: Vec<Vec<u8>>,
    /// Never subscribed: what it received in a silence window after the control had all.
    pub unsubscribed: Silence,
    /// The second control, on the silent socket itself: once it subscribes, what it
    /// receives of the next message. Proof that it was connected all along, on every
    /// transport.
    pub once_subscribed: Option<Vec<u8>>,
    /// The publisher's endpoint, and the silent SUB's connections before publishing.
    pub ready: lab::Ready,
    /// What the publisher was told before it published: the control's subscription only.
    pub told_before: Told,
    /// When the control had everything, on the run's clock.
    pub control_done: Duration,
    /// What the publisher was told once the silent SUB subscribed.
    pub told_after: Told,
    /// The connections the publisher accepted in the whole run: its monitor's
    /// handshakes (inproc, which has none: the connects that returned).
    pub publisher_peers: usize,
}

// ANCHOR: no_filter
/// A SUB that never subscribes, connected to the same publisher as a control SUB
/// subscribed to everything. Both are connected (the handshake is done) before anything
/// is published.
pub fn no_filter(transport: Transport, messages: &[&str]) -> Result<NoFilter> {
    let clock = Instant::now();
    let lab = Lab::new()?;
    let mut publisher = lab.watch(publisher(&lab)?)?;
    let endpoint = lab.bind(&publisher.socket, transport)?;
    let mut unsubscribed = lab.watch(lab.socket(zmq::SUB)?)?;
    unsubscribed.socket.connect(&endpoint)?;
    let control = subscriber(&lab, &endpoint, &[b""])?;
    let handshakes = zmq::SocketEvent::HANDSHAKE_SUCCEEDED;
    let peers = match transport {
        Transport::Inproc => 1, // no handshake: connected when connect returns
        _ => {
            // It is connected: only its missing filter is left.
            unsubscribed.wait_handshakes(1)?;
            unsubscribed.seen(handshakes)?
        }
    };
    let told_before = await_told(&publisher.socket, 1)?;

    for message in messages {
        publisher.socket.send(*message, 0)?;
    }
    publisher.socket.send("end", 0)?;
    let control = recv_until(&control, b"end")?;
    let control_done = clock.elapsed();
    // The control has everything; the same window that delivered it is more than enough.
    let silent = listen(&unsubscribed.socket, SILENCE, clock)?;

    // The same socket subscribes now: its subscription reaching the publisher shows that
    // it was connected all along, and the next message reaches it.
    unsubscribed.socket.set_subscribe(b"")?;
    let told_after = await_told(&publisher.socket, 1)?;
    publisher.socket.send("after subscribing", 0)?;
    let once_subscribed = lab::recv_within(&unsubscribed.socket, BOUND)?;
    Ok(NoFilter {
        transport,
        control,
        unsubscribed: silent,
        once_subscribed,
        ready: lab::Ready { endpoint, peers },
        told_before,
        control_done,
        told_after,
        publisher_peers: match transport {
            Transport::Inproc => 2, // the two connects above
            _ => publisher.seen(handshakes)?,
        },
    })
}
// ANCHOR_END: no_filter

/// Judges PS3 on one transport: nothing for the SUB without a subscription, everything
/// for the control beside it, and the next message for the same SUB once it has
/// subscribed; and the set-up that makes it mean something: the silent SUB connected and
/// without a subscription before anything was published, listened to after the control
/// had everything, and the same socket (no third connection) subscribing at the end.
pub fn judge(messages: &[&str], outcome: &NoFilter) -> Finding {
    let mut finding = Finding::new();
    finding.ready(outcome.transport, &outcome.ready, 1);
    prove_told(
        &mut finding,
        &tr!("ps-before-publishing"),
        &outcome.told_before,
        &[b""],
    );
    prove_silence(
        &mut finding,
        &outcome.unsubscribed,
        SILENCE,
        (outcome.control_done, &tr!("ps3-control-had-everything")),
    );
    prove_told(
        &mut finding,
        &tr!("ps3-once-subscribed"),
        &outcome.told_after,
        &[b""],
    );
    finding.set_up(
        outcome.publisher_peers == 2,
        tr!("ps3-accepted", connections = outcome.publisher_peers),
    );

    let sent: Vec<Vec<u8>> = messages.iter().map(|m| m.as_bytes().to_vec()).collect();
    let n = messages.len();
    let silent = &outcome.unsubscribed.got;
    finding.observe(
        silent.is_empty(),
        tr!("ps3-silent-got", got = silent.len(), sent = n),
    );
    finding.observe(
        outcome.control == sent,
        if outcome.control == sent {
            tr!("ps3-control-as-sent", got = outcome.control.len(), sent = n)
        } else {
            tr!(
                "ps3-control-not-as-sent",
                got = outcome.control.len(),
                sent = n
            )
        },
    );
    let then = match &outcome.once_subscribed {
        Some(message) => tr!("ps3-received", message = lab::show(message)),
        None => tr!("ps3-still-nothing"),
    };
    finding.observe(
        outcome.once_subscribed.as_deref() == Some(b"after subscribing"),
        tr!("ps3-once-subscribed-then", then = then),
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
