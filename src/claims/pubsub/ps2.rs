//! PS2 — a subscriber receives only the topics it subscribed to.

use crate::tr;
use anyhow::{bail, Result};

use super::{
    await_subscriptions, frames, left_unread, prove_told, publisher, subscriber, Told,
};
use crate::claims::{on_each, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PS2",
    star: false,
    summary: "A subscriber receives only the topics it subscribed to (\"123\" = messages beginning with 123)",
    zh: "消息过滤  只接受123开头的信息",
    en: "message filter: only accept messages beginning with 123",
    glance: Glance {
        zh: "订阅按消息开头的前缀过滤",
        en: "Topics are prefixes",
        advice: "End each topic with a separator (`123.`), so that a filter for 123 does not also take 1234.",
    },
    verdict: Verdict::Holds,
    conditions: "Exactly as worded: a subscription is a byte prefix of the message's first frame.",
    experiment: finding,
    beyond: None,
};

/// The messages PS2 publishes to the article's filter, in order.
pub const PS2_MESSAGES: [&str; 8] =
    ["123", "1234", "123abc", "0123", "12", "abc123", "", "124"];

/// The article's filter.
pub const FILTER: &[u8] = b"123";

/// A multipart message, one element per frame.
pub type Message = Vec<Vec<u8>>;

/// What one subscriber received, and what the run proves of its set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    pub received: Vec<Message>,
    /// The publisher's endpoint.
    pub endpoint: String,
    /// What the publisher was told before it published: the subscriptions it waited
    /// for, and anything else it held beside the withdrawals…
    pub told: Told,
    /// …which it waited for too.
    pub withdrawn: Vec<Vec<u8>>,
}

// ANCHOR: filter
/// One subscriber with the given subscriptions (and, optionally, some of them withdrawn
/// again), and the messages published after the publisher has seen them. Returns what it
/// received.
pub fn filtered(
    transport: Transport,
    subscribe: &[&[u8]],
    unsubscribe: &[&[u8]],
    messages: &[Message],
) -> Result<Filtered> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let subscriber = subscriber(&lab, &endpoint, subscribe)?;
    // A control topic tells the subscriber that the publisher has sent everything.
    subscriber.set_subscribe(END)?;
    let subscribed = await_subscriptions(&publisher, subscribe.len() + 1)?;
    for topic in unsubscribe {
        subscriber.set_unsubscribe(topic)?;
    }
    // Unsubscriptions travel like subscriptions (`\x00<topic>`): wait until all have
    // arrived, so that the publisher stops sending those topics. (The SUB would drop them
    // anyway: it matches what it receives against its own subscriptions too.)
    let (mut withdrawn, mut unread) = (Vec::new(), Vec::new());
    while withdrawn.len() < unsubscribe.len() {
        let Some(event) = lab::recv_within(&publisher, BOUND)? else {
            bail!(
                "{} of {} unsubscriptions arrived",
                withdrawn.len(),
                unsubscribe.len()
            );
        };
        match event.split_first() {
            Some((0, topic)) => withdrawn.push(topic.to_vec()),
            _ => unread.push(event),
        }
    }
    unread.extend(left_unread(&publisher)?);

    for message in messages {
        publisher.send_multipart(message, 0)?;
    }
    publisher.send(END, 0)?;
    let mut received = Vec::new();
    loop {
        let message = subscriber.recv_multipart(0)?;
        if message == [END] {
            break;
        }
        received.push(message);
    }
    Ok(Filtered {
        received,
        endpoint,
        told: Told { subscribed, unread },
        withdrawn,
    })
}
// ANCHOR_END: filter

/// The control topic and message that ends a run: no test message begins with it.
const END: &[u8] = b"\xffend";

/// The subscribers PS2 tries, and the messages each is sent.
#[derive(Debug, Clone)]
pub struct Case {
    pub subscribe: Vec<Vec<u8>>,
    pub unsubscribe: Vec<Vec<u8>>,
    pub messages: Vec<Message>,
}

/// PS2's cases: the article's filter (`filter`) over messages around it; two
/// subscriptions; one of them withdrawn; a filter over multipart messages; and a
/// subscription that begins another withdrawn.
pub fn cases(filter: &[u8]) -> Vec<Case> {
    let case =
        |subscribe: &[&[u8]], unsubscribe: &[&[u8]], messages: Vec<Message>| Case {
            subscribe: subscribe.iter().map(|t| t.to_vec()).collect(),
            unsubscribe: unsubscribe.iter().map(|t| t.to_vec()).collect(),
            messages,
        };
    let fruit = frames(&["apple", "banana", "cherry"]);
    vec![
        case(&[filter], &[], frames(&PS2_MESSAGES)),
        case(&[b"a", b"b"], &[], fruit.clone()),
        case(&[b"a", b"b"], &[b"a"], fruit),
        case(
            &[filter],
            &[],
            vec![
                vec![b"x".to_vec(), filter.to_vec()],
                vec![filter.to_vec(), b"x".to_vec()],
                vec![[filter, b"\xff"].concat()],
            ],
        ),
        // Withdrawing a topic that begins another leaves the longer one: each
        // subscription stands alone.
        case(
            &[b"12", b"123"],
            &[b"12"],
            frames(&["123abc", "12x", "1", "124"]),
        ),
    ]
}

/// libzmq's rule, as the book states it: a message passes if its first frame begins with
/// one of the subscriptions still in place.
pub fn passes(case: &Case, message: &Message) -> bool {
    let first = message.first().map(Vec::as_slice).unwrap_or_default();
    case.subscribe
        .iter()
        .filter(|topic| !case.unsubscribe.contains(topic))
        .any(|topic| first.starts_with(topic))
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
        return tr!("rr2-nothing");
    }
    messages
        .iter()
        .map(message_text)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Proves what the publisher of `case` was told before it published: the case's
/// subscriptions and the control topic, then the case's withdrawals, nothing else.
fn prove_told_of(finding: &mut Finding, case: &Case, run: &Filtered) {
    let mut wanted: Vec<&[u8]> = case.subscribe.iter().map(Vec::as_slice).collect();
    wanted.push(END);
    prove_told(finding, &tr!("ps-before-publishing"), &run.told, &wanted);
    let mut withdrawn = run.withdrawn.clone();
    let mut due = case.unsubscribe.clone();
    withdrawn.sort();
    due.sort();
    finding.set_up(
        withdrawn == due,
        tr!(
            "ps2-withdrawals",
            withdrawn = lab::show_all(&run.withdrawn),
            due = lab::show_all(&case.unsubscribe)
        ),
    );
}

/// Judges what the subscriber of each case received, on `transport`.
pub fn judge(transport: Transport, cases: &[Case], runs: &[Filtered]) -> Finding {
    let mut finding = Finding::new();
    if !finding.check_count(&tr!("ps-receipts"), runs.len(), cases.len()) {
        return finding;
    }
    for (case, run) in cases.iter().zip(runs) {
        finding.used_transport(transport, &run.endpoint);
        prove_told_of(&mut finding, case, run);
        let got = &run.received;
        let expected: Vec<Message> = case
            .messages
            .iter()
            .filter(|m| passes(case, m))
            .cloned()
            .collect();
        let mut filters: Vec<String> = case.subscribe.iter().map(|t| quoted(t)).collect();
        let mut who = tr!("ps2-filter", filters = filters.join(" + "));
        if !case.unsubscribe.is_empty() {
            filters = case.unsubscribe.iter().map(|t| quoted(t)).collect();
            who += &tr!("ps2-then-unsubscribed", filters = filters.join(" + "));
        }
        finding.observe(
            *got == expected,
            tr!(
                "ps2-passed",
                who = who,
                sent = messages_text(&case.messages),
                passed = messages_text(got)
            ),
        );
    }
    finding
}

/// PS2's finding with another filter in place of the article's: the evidence follows.
pub fn finding_with(filter: &[u8]) -> Result<Finding> {
    let cases = cases(filter);
    let measured = on_each(&Transport::ALL, |transport| {
        cases
            .iter()
            .map(|case| {
                let subscribe: Vec<&[u8]> =
                    case.subscribe.iter().map(Vec::as_slice).collect();
                let unsubscribe: Vec<&[u8]> =
                    case.unsubscribe.iter().map(Vec::as_slice).collect();
                filtered(transport, &subscribe, &unsubscribe, &case.messages)
            })
            .collect::<Result<Vec<_>>>()
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, runs)| (transport, judge(transport, &cases, &runs)))
            .collect(),
    );
    Ok(finding)
}

fn finding() -> Result<Finding> {
    finding_with(FILTER)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a subscription is a byte prefix of the first frame. End each
/// topic with a separator, so that "123" does not also match "1234" (PS1's lines publish
/// so).
pub fn subscribe_to(
    context: &zmq::Context,
    publisher: &str,
    topics: &[&str],
) -> zmq::Result<zmq::Socket> {
    let subscriber = context.socket(zmq::SUB)?;
    for topic in topics {
        subscriber.set_subscribe(format!("{topic}.").as_bytes())?; // "123." not "1234"
    }
    subscriber.connect(publisher)?;
    Ok(subscriber)
}
// ANCHOR_END: own
