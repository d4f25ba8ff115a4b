//! PS4 — no queue or cache: what is published while nobody is connected is lost.

use std::ops::RangeInclusive;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use super::{await_subscriptions, numbered, publisher, subscriber};
use crate::claims::{count, on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "PS4",
    star: false,
    summary: "No queue or cache: what is published while disconnected is lost",
    zh: "广播所有client,没有队列缓存,断开连接数据将永远丢失",
    en: "broadcast to all clients, no queue or cache; data sent while disconnected is lost forever",
    verdict: Verdict::HoldsOnlyWhen(
        "nobody is connected: a connected subscriber does have a queue, up to the high-water mark, past which the publisher drops new messages without blocking",
    ),
    experiment: finding,
};

/// How many messages are published while nobody is connected.
pub const TO_NOBODY: usize = 1000;

/// The flood sent to a subscriber that does not read: high-water mark on both sides…
pub const HWM: i32 = 100;
/// …kernel socket buffers (tcp and ipc)…
pub const KERNEL_BUFFER: i32 = 16 * 1024;
/// …message size…
pub const MESSAGE_SIZE: usize = 1024;
/// …and how many are sent.
pub const FLOOD: usize = 20_000;

// ANCHOR: nobody_there
/// A PUB with no subscriber at all publishes `messages` messages, then a subscriber joins
/// and the publisher sends "after". Returns how long the sends took and what the
/// subscriber got.
pub fn published_to_nobody(
    transport: Transport,
    messages: usize,
) -> Result<(Duration, Vec<Vec<u8>>)> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let started = Instant::now();
    for message in numbered("early", messages) {
        // DONTWAIT: if the publisher wanted to block or queue, this would say EAGAIN.
        publisher.send(message, zmq::DONTWAIT)?;
    }
    let sending = started.elapsed();
    let subscriber = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 1)?;
    publisher.send("after", 0)?;
    let first = subscriber
        .recv_bytes(0)
        .context("not even the message sent after joining arrived")?;
    // Anything queued for nobody would come now, after "after".
    let mut received = vec![first];
    received.extend(lab::drain(&subscriber, SILENCE)?);
    Ok((sending, received))
}
// ANCHOR_END: nobody_there

/// What happened to a burst sent to a subscriber that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flood {
    pub sent: usize,
    /// Sends that failed (EAGAIN would mean the publisher blocked).
    pub refused: usize,
    /// What the subscriber found when it finally read: message numbers, in order.
    pub received: Vec<usize>,
}

/// The settings of the flood: high-water marks, kernel buffers (`None`: the kernel's own,
/// which it grows on loopback), message size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queues {
    pub hwm: Option<i32>,
    pub kernel_buffer: Option<i32>,
    pub message_size: usize,
}

/// The settings PS4's experiment pins.
pub const PINNED: Queues = Queues {
    hwm: Some(HWM),
    kernel_buffer: Some(KERNEL_BUFFER),
    message_size: MESSAGE_SIZE,
};

// ANCHOR: slow_subscriber
/// A subscriber that is connected but does not read while `sent` messages are published,
/// with the given high-water marks on both sides, kernel buffers and message size.
pub fn slow_subscriber(
    transport: Transport,
    queues: Queues,
    sent: usize,
) -> Result<Flood> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let subscriber = lab.socket(zmq::SUB)?;
    if let Some(hwm) = queues.hwm {
        publisher.set_sndhwm(hwm)?;
        subscriber.set_rcvhwm(hwm)?;
    }
    if let Some(bytes) = queues.kernel_buffer {
        // Small kernel buffers make the queue fill quickly and repeatably on tcp.
        publisher.set_sndbuf(bytes)?;
        subscriber.set_rcvbuf(bytes)?;
    }
    let endpoint = lab.bind(&publisher, transport)?;
    subscriber.set_subscribe(b"")?;
    subscriber.connect(&endpoint)?;
    await_subscriptions(&publisher, 1)?;

    let refused = (0..sent)
        .filter(|i| {
            let mut message = format!("{i:08}").into_bytes();
            message.resize(queues.message_size, b'.');
            publisher.send(message, zmq::DONTWAIT).is_err()
        })
        .count();
    // Everything the publisher's own queue took arrives: its mark's worth is waited
    // for one by one, so that a loaded machine's pause cannot pass for the end.
    let at_least = usize::try_from(publisher.get_sndhwm()?).unwrap_or(0);
    let received = lab::receive_expecting(&subscriber, at_least)?
        .iter()
        .map(|m| {
            lab::text(&m[..8.min(m.len())])
                .parse()
                .unwrap_or(usize::MAX)
        })
        .collect();
    Ok(Flood {
        sent,
        refused,
        received,
    })
}
// ANCHOR_END: slow_subscriber

/// Strictly increasing: a subset of what was sent, in the order sent, nothing twice.
pub fn in_order(numbers: &[usize]) -> bool {
    numbers.windows(2).all(|pair| pair[0] < pair[1])
}

/// How many messages a receiver that does not read can hold, as the settings predict: the
/// sender's queue and the receiver's, both full (inproc joins them into one pipe of both
/// sizes, exactly); on tcp and ipc, also what is on the way between them, which is at
/// most what the kernel's buffers hold (Linux keeps twice the size asked for, on each
/// socket, and we allow as much again for its bookkeeping per packet) and libzmq's two 8
/// KiB batches.
pub fn predicted_kept(
    transport: Transport,
    queues: Queues,
) -> Option<RangeInclusive<usize>> {
    let queued = 2 * queues.hwm? as usize;
    match transport {
        Transport::Inproc => Some(queued..=queued),
        Transport::Tcp | Transport::Ipc => {
            let kernel = 2 * (2 * 2 * queues.kernel_buffer? as usize);
            let in_transit = (kernel + 2 * 8192) / queues.message_size.max(1);
            Some(queued..=queued + in_transit)
        }
    }
}

/// What the settings predict, as the evidence says it: "exactly 200", "200 to 344 predicted".
pub fn predicted_text(range: &RangeInclusive<usize>) -> String {
    if range.start() == range.end() {
        format!("exactly {}", range.start())
    } else {
        format!("{} to {} predicted", range.start(), range.end())
    }
}

/// Judges PS4 on one transport.
pub fn judge(
    transport: Transport,
    (to_nobody, after_joining): (usize, &[Vec<u8>]),
    queues: Queues,
    flood: &Flood,
) -> Finding {
    let mut finding = Finding::new();
    let early = after_joining
        .iter()
        .filter(|m| m.starts_with(b"early"))
        .count();
    finding.observe(
        after_joining == [b"after".to_vec()],
        format!(
            "{} published to nobody, DONTWAIT: all accepted; a subscriber that joined later got {early} of them, then {}",
            count(to_nobody, "message"),
            after_joining.last().map(|m| lab::show(m)).unwrap_or_default()
        ),
    );
    let kept = flood.received.len();
    finding.observe(
        flood.refused == 0,
        format!(
            "to a connected subscriber that does not read: {} of {} sends refused",
            flood.refused, flood.sent
        ),
    );
    let predicted = predicted_kept(transport, queues);
    let within = predicted
        .as_ref()
        .is_some_and(|range| range.contains(&kept));
    let order = if in_order(&flood.received) {
        "in order"
    } else {
        "out of order"
    };
    let dropped = kept < flood.sent;
    finding.observe(
        within && in_order(&flood.received) && dropped,
        match &predicted {
            Some(range) if within => format!(
                "it kept as many as the high-water marks and buffers hold ({}), {order}; {}",
                predicted_text(range),
                if dropped { "the rest were dropped" } else { "none was dropped" }
            ),
            Some(range) => format!(
                "it kept {kept}, outside the {}–{} the high-water marks and buffers hold, {order}",
                range.start(),
                range.end()
            ),
            None => format!("it kept {kept} of {}, {order}", flood.sent),
        },
    );
    finding.figure(format!(
        "HWM {}, {} KiB buffers: kept {kept} of {}, the last kept was number {}",
        queues.hwm.unwrap_or(1000),
        queues.kernel_buffer.unwrap_or(0) / 1024,
        flood.sent,
        flood.received.last().copied().unwrap_or(0)
    ));
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        let (_, after_joining) = published_to_nobody(transport, TO_NOBODY)?;
        Ok((after_joining, slow_subscriber(transport, PINNED, FLOOD)?))
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, (after_joining, flood))| {
                let nobody = (TO_NOBODY, after_joining.as_slice());
                (transport, judge(transport, nobody, PINNED, &flood))
            })
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a PUB never blocks for a slow subscriber; it drops what does not
/// fit. If your subscribers may fall behind by a burst, make room for it on both sides,
/// before bind and connect (a high-water mark applies to the connections made after it is
/// set).
pub fn roomy_pair(
    context: &zmq::Context,
    endpoint: &str,
    burst: i32,
) -> zmq::Result<(zmq::Socket, zmq::Socket)> {
    let publisher = context.socket(zmq::PUB)?;
    publisher.set_sndhwm(burst)?;
    publisher.bind(endpoint)?;
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_rcvhwm(burst)?;
    subscriber.set_subscribe(b"")?;
    subscriber.connect(endpoint)?;
    Ok((publisher, subscriber))
}
// ANCHOR_END: own
