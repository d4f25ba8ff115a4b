//! PS4 — no queue or cache: what is published while nobody is connected is lost.

use crate::tr;
use std::ops::RangeInclusive;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use super::{
    await_told, listen, numbered, prove_silence, prove_told, publisher, subscriber,
};
use super::{Silence, Told};
use crate::claims::{ms, on_each, Beyond, Claim, Clocked, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "PS4",
    star: false,
    summary: "No queue or cache: what is published while disconnected is lost",
    zh: "广播所有client,没有队列缓存,断开连接数据将永远丢失",
    en: "broadcast to all clients, no queue or cache; data sent while disconnected is lost forever",
    glance: Glance {
        zh: "没有队列，没有缓存",
        en: "No queue, no cache",
        advice: "Size the high-water marks for your bursts on both sides, before `bind` and `connect`: past them, messages are dropped.",
    },
    verdict: Verdict::HoldsOnlyWhen("nobody is connected"),
    conditions: "A connected subscriber does have a queue, up to the high-water mark, past which the publisher drops new messages without blocking.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "a publisher that refuses at the high-water mark instead of dropping (ZMQ_XPUB_NODROP)",
        experiment: refusing_finding,
    }),
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

/// What a publisher with nobody there did, and what a subscriber that joined later got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToNobody {
    pub transport: Transport,
    /// The publisher's endpoint, and the peers it had when it had published (none).
    pub ready: lab::Ready,
    /// The sends to nobody, as they were made…
    pub sends: Sends,
    /// …and how long they took in all.
    pub sending: Duration,
    /// What the publisher was told once the subscriber joined: its subscription only.
    pub told: Told,
    /// What the subscriber received first: the message sent after it joined…
    pub first: Vec<u8>,
    /// …and in a silence after it, anything that was queued for nobody.
    pub then: Silence,
    /// When the first message arrived, on the run's clock.
    pub first_at: Duration,
}

impl ToNobody {
    /// Everything the subscriber received, in order.
    pub fn received(&self) -> Vec<Vec<u8>> {
        let mut received = vec![self.first.clone()];
        received.extend(self.then.got.iter().cloned());
        received
    }
}

/// Sends made in a row, as they were made: the flags every one was made with, how many
/// were refused (EAGAIN: the socket wanted to block), the slowest, and how many in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sends {
    pub flags: i32,
    pub made: usize,
    pub refused: usize,
    pub slowest: Duration,
}

impl Sends {
    pub fn new() -> Sends {
        Sends {
            flags: !0, // narrowed to the flags every send was made with
            made: 0,
            refused: 0,
            slowest: Duration::ZERO,
        }
    }

    /// Sends `message` with `flags`, and records the send as it was made.
    pub fn send(
        &mut self,
        socket: &zmq::Socket,
        message: Vec<u8>,
        flags: i32,
    ) -> Result<()> {
        let started = Instant::now();
        let refused = match socket.send(message, flags) {
            Ok(()) => false,
            Err(zmq::Error::EAGAIN) => true,
            Err(other) => return Err(other.into()),
        };
        self.slowest = self.slowest.max(started.elapsed());
        self.flags &= flags;
        self.made += 1;
        self.refused += usize::from(refused);
        Ok(())
    }
}

impl Default for Sends {
    fn default() -> Sends {
        Sends::new()
    }
}

// ANCHOR: nobody_there
/// A PUB with no subscriber at all publishes `messages` messages, then a subscriber joins
/// and the publisher sends "after". Returns how the sends went and what the subscriber
/// got.
pub fn published_to_nobody(transport: Transport, messages: usize) -> Result<ToNobody> {
    let clock = Instant::now();
    let lab = Lab::new()?;
    let mut publisher = lab.watch(publisher(&lab)?)?;
    let endpoint = lab.bind(&publisher.socket, transport)?;
    let (mut sends, started) = (Sends::new(), Instant::now());
    for message in numbered("early", messages) {
        // DONTWAIT: if the publisher wanted to block or queue, this would say EAGAIN.
        sends.send(&publisher.socket, message, zmq::DONTWAIT)?;
    }
    let sending = started.elapsed();
    // Nobody there while it published: no handshake (inproc: no connect at all).
    let handshakes = publisher.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?;
    let subscriber = subscriber(&lab, &endpoint, &[b""])?;
    let told = await_told(&publisher.socket, 1)?;
    publisher.socket.send("after", 0)?;
    let first = subscriber
        .recv_bytes(0)
        .context("not even the message sent after joining arrived")?;
    let first_at = clock.elapsed();
    // Anything queued for nobody would come now, after "after".
    let then = listen(&subscriber, SILENCE, clock)?;
    Ok(ToNobody {
        transport,
        ready: lab::Ready {
            endpoint,
            peers: handshakes,
        },
        sends,
        sending,
        told,
        first,
        then,
        first_at,
    })
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
    /// The publisher's endpoint.
    pub endpoint: String,
    /// The flags every send of the flood was made with.
    pub flags: i32,
    /// The settings as the sockets report them.
    pub settings: Settings,
    /// What the publisher was told before the flood: the subscriber's subscription.
    pub told: Told,
}

/// The queue settings read back from the publisher (`snd…`) and the subscriber (`rcv…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub sndhwm: i32,
    pub rcvhwm: i32,
    pub sndbuf: i32,
    pub rcvbuf: i32,
}

impl Settings {
    /// The settings as the sockets report them.
    pub fn read(publisher: &zmq::Socket, subscriber: &zmq::Socket) -> Result<Settings> {
        Ok(Settings {
            sndhwm: publisher.get_sndhwm()?,
            rcvhwm: subscriber.get_rcvhwm()?,
            sndbuf: publisher.get_sndbuf()?,
            rcvbuf: subscriber.get_rcvbuf()?,
        })
    }
}

/// libzmq's own high-water mark, where none is set…
pub const DEFAULT_HWM: i32 = 1000;
/// …and its socket buffer size, where none is set: -1, the kernel's own.
pub const DEFAULT_BUFFER: i32 = -1;

/// The settings of the flood: high-water marks, kernel buffers (`None`: the kernel's own,
/// which it grows on loopback), message size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queues {
    pub hwm: Option<i32>,
    pub kernel_buffer: Option<i32>,
    pub message_size: usize,
}

impl Queues {
    /// The settings the sockets should report when set up as these queues say.
    pub fn settings(&self) -> Settings {
        let hwm = self.hwm.unwrap_or(DEFAULT_HWM);
        let buffer = self.kernel_buffer.unwrap_or(DEFAULT_BUFFER);
        Settings {
            sndhwm: hwm,
            rcvhwm: hwm,
            sndbuf: buffer,
            rcvbuf: buffer,
        }
    }
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
    let settings = Settings::read(&publisher, &subscriber)?;
    let endpoint = lab.bind(&publisher, transport)?;
    subscriber.set_subscribe(b"")?;
    subscriber.connect(&endpoint)?;
    let told = await_told(&publisher, 1)?;

    let mut sends = Sends::new();
    for i in 0..sent {
        let mut message = format!("{i:08}").into_bytes();
        message.resize(queues.message_size, b'.');
        sends.send(&publisher, message, zmq::DONTWAIT)?;
    }
    // Everything the publisher's own queue took arrives: its mark's worth is waited
    // for one by one, so that a loaded machine's pause cannot pass for the end.
    let at_least = usize::try_from(settings.sndhwm).unwrap_or(0);
    let received = lab::receive_expecting(&subscriber, at_least)?
        .iter()
        .map(|m| {
            lab::text(&m[..8.min(m.len())])
                .parse()
                .unwrap_or(usize::MAX)
        })
        .collect();
    Ok(Flood {
        sent: sends.made,
        refused: sends.refused,
        received,
        endpoint,
        flags: sends.flags,
        settings,
        told,
    })
}
// ANCHOR_END: slow_subscriber

/// How long a send of the refusing publisher may wait for room before it gives up.
pub const SEND_TIMEOUT: Duration = Duration::from_millis(100);

/// What an XPUB with `ZMQ_XPUB_NODROP` did to a subscriber that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusing {
    /// DONTWAIT sends accepted before the first was refused, and how that one ended (or
    /// `None` if none was refused before the lab's bound on sends)…
    pub accepted_at_once: usize,
    pub dontwait: Option<zmq::Error>,
    /// …sends accepted in all before one, waiting up to [`SEND_TIMEOUT`] for room, was
    /// refused, how that one ended, and how long it waited.
    pub accepted: usize,
    pub refused_with: zmq::Error,
    pub refused_after: Duration,
    /// What the subscriber found when it read: message numbers, in order.
    pub received: Vec<usize>,
    /// The publisher's endpoint.
    pub endpoint: String,
    /// Whether libzmq accepted `ZMQ_XPUB_NODROP` (it cannot be read back in 4.3.4).
    pub nodrop_accepted: bool,
    /// The queue settings read back, and the send timeout.
    pub settings: Settings,
    pub sndtimeo: i32,
    /// The subscription the publisher read before it sent.
    pub told: Told,
}

// ANCHOR: nodrop
/// An XPUB with `ZMQ_XPUB_NODROP` publishes to a subscriber that is connected but does
/// not read, with the queues set as `queues` says: with DONTWAIT until a send is refused,
/// then sends that may wait [`SEND_TIMEOUT`] for room, until one is refused. Then the
/// subscriber reads.
pub fn nodrop_to_slow_subscriber(
    transport: Transport,
    queues: Queues,
) -> Result<Refusing> {
    let lab = Lab::new()?;
    let mut publisher = publisher(&lab)?;
    let nodrop_accepted = lab::set_xpub_nodrop(&mut publisher, true).is_ok();
    let subscriber = lab.socket(zmq::SUB)?;
    if let Some(hwm) = queues.hwm {
        publisher.set_sndhwm(hwm)?;
        subscriber.set_rcvhwm(hwm)?;
    }
    if let Some(bytes) = queues.kernel_buffer {
        publisher.set_sndbuf(bytes)?;
        subscriber.set_rcvbuf(bytes)?;
    }
    publisher.set_sndtimeo(lab::millis(SEND_TIMEOUT))?;
    let settings = Settings::read(&publisher, &subscriber)?;
    let sndtimeo = publisher.get_sndtimeo()?;
    let endpoint = lab.bind(&publisher, transport)?;
    subscriber.set_subscribe(b"")?;
    subscriber.connect(&endpoint)?;
    let told = await_told(&publisher, 1)?;

    let numbered = |n: usize| {
        let mut message = format!("{n:08}").into_bytes();
        message.resize(queues.message_size.max(8), b'.');
        message
    };
    let mut accepted = 0;
    let dontwait = loop {
        match publisher.send(numbered(accepted), zmq::DONTWAIT) {
            Ok(()) => accepted += 1,
            Err(error) => break Some(error),
        }
        if accepted == 1_000_000 {
            break None; // never refused
        }
    };
    let accepted_at_once = accepted;
    // The I/O thread may still move a few to the kernel's buffers: sends that wait for
    // room fill those too, until one finds none within its timeout.
    let (refused_with, refused_after) = loop {
        let (sent, clock) = Clocked::call(|| publisher.send(numbered(accepted), 0));
        match sent {
            Ok(()) => accepted += 1,
            Err(error) => break (error, clock.span()),
        }
        anyhow::ensure!(accepted < 2_000_000, "the publisher never refused");
    };
    let received = lab::receive_expecting(&subscriber, accepted)?
        .iter()
        .map(|m| {
            lab::text(&m[..8.min(m.len())])
                .parse()
                .unwrap_or(usize::MAX)
        })
        .collect();
    Ok(Refusing {
        accepted_at_once,
        dontwait,
        accepted,
        refused_with,
        refused_after,
        received,
        endpoint,
        nodrop_accepted,
        settings,
        sndtimeo,
        told,
    })
}
// ANCHOR_END: nodrop

/// Judges an XPUB with `ZMQ_XPUB_NODROP` on one transport: it refused a DONTWAIT send
/// once its own mark was full; sends that could wait took it to what the marks and buffers
/// hold (on tcp and ipc, at least its own mark: see [`predicted_kept_of_a_burst`]), then
/// one waited its timeout and was refused with EAGAIN; the subscriber found every
/// accepted message, in order, none missing. And the set-up: the option accepted, the
/// settings and the timeout read back, the subscription told before the first send.
pub fn judge_refusing(
    transport: Transport,
    queues: Queues,
    refusing: &Refusing,
) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &refusing.endpoint);
    finding.set_up(
        refusing.nodrop_accepted,
        if refusing.nodrop_accepted {
            tr!("ps4-nodrop-accepted")
        } else {
            tr!("ps4-nodrop-refused")
        },
    );
    let due = queues.settings();
    finding.set_up(
        refusing.settings == due,
        tr!(
            "ps4-settings",
            sndhwm = refusing.settings.sndhwm,
            rcvhwm = refusing.settings.rcvhwm,
            sndbuf = refusing.settings.sndbuf,
            rcvbuf = refusing.settings.rcvbuf,
            due_sndhwm = due.sndhwm,
            due_rcvhwm = due.rcvhwm,
            due_sndbuf = due.sndbuf,
            due_rcvbuf = due.rcvbuf
        ),
    );
    let wanted = lab::millis(SEND_TIMEOUT);
    finding.set_up(
        refusing.sndtimeo == wanted,
        tr!("ps4-sndtimeo", read = refusing.sndtimeo, set = wanted),
    );
    prove_told(
        &mut finding,
        &tr!("ps4-before-first-send"),
        &refusing.told,
        &[b""],
    );

    let accepted = refusing.accepted;
    // As a PUB's burst: on tcp and ipc, as far as the I/O thread moved messages on while
    // the sends waited, which a loaded machine's may not have done within the timeout.
    let predicted = predicted_kept_of_a_burst(transport, queues);
    let within = predicted
        .as_ref()
        .is_some_and(|range| range.contains(&accepted));
    let range = predicted.as_ref().map(predicted_text).unwrap_or_default();
    let waited = refusing.refused_with == zmq::Error::EAGAIN
        && lab::gave_up_at(refusing.refused_after, SEND_TIMEOUT);
    let then = if waited {
        tr!("ps4-send-waited", timeout = SEND_TIMEOUT.as_millis())
    } else if refusing.refused_with == zmq::Error::EAGAIN {
        tr!("ps4-send-refused-early", timeout = SEND_TIMEOUT.as_millis())
    } else {
        tr!(
            "ps4-send-failed",
            error = lab::error_name(refusing.refused_with)
        )
    };
    let own_mark = usize::try_from(refusing.settings.sndhwm).unwrap_or(usize::MAX);
    let at_once = refusing.accepted_at_once;
    let dontwait = match refusing.dontwait {
        Some(zmq::Error::EAGAIN) if at_once >= own_mark && at_once <= accepted => {
            tr!("ps4-dontwait-refused-at-mark")
        }
        Some(zmq::Error::EAGAIN) => {
            tr!(
                "ps4-dontwait-refused-after",
                at_once = at_once,
                own_mark = own_mark,
                accepted = accepted
            )
        }
        Some(error) => tr!("ps4-dontwait-failed", error = lab::error_name(error)),
        None => tr!("ps4-dontwait-never"),
    };
    let refused_at_once = refusing.dontwait == Some(zmq::Error::EAGAIN)
        && (own_mark..=accepted).contains(&at_once);
    finding.observe(
        refused_at_once && within && waited,
        if within {
            tr!(
                "ps4-nodrop-within",
                dontwait = dontwait,
                range = range,
                then = then
            )
        } else {
            tr!(
                "ps4-nodrop-outside",
                dontwait = dontwait,
                range = range,
                then = then
            )
        },
    );
    let whole = refusing.received.iter().copied().eq(0..accepted);
    let missing = accepted.saturating_sub(refusing.received.len());
    finding.observe(
        whole,
        if whole {
            tr!("ps4-found-every")
        } else if in_order(&refusing.received) {
            tr!(
                "ps4-found-in-order",
                found = refusing.received.len(),
                accepted = accepted,
                missing = missing
            )
        } else {
            tr!(
                "ps4-found-out-of-order",
                found = refusing.received.len(),
                accepted = accepted
            )
        },
    );
    finding.figure(tr!(
        "ps4-nodrop-figure",
        hwm = refusing.settings.sndhwm,
        kib = queues.kernel_buffer.unwrap_or(0) / 1024,
        at_once = at_once,
        accepted = accepted,
        took = ms(refusing.refused_after),
        last = refusing
            .received
            .last()
            .map_or_else(|| tr!("rr2-none"), |n| n.to_string())
    ));
    finding
}

/// Beyond the claim: a publisher that refuses at the high-water mark instead of dropping,
/// on every transport, with the queues PS4 pins.
pub fn refusing_finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        nodrop_to_slow_subscriber(transport, PINNED)
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, refusing)| {
                (transport, judge_refusing(transport, PINNED, &refusing))
            })
            .collect(),
    );
    Ok(finding)
}

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

/// How many messages of a burst a PUB's subscriber that does not read keeps, as the
/// settings predict: at most what the queues hold ([`predicted_kept`]). A sender that
/// waits when its queue is full (PUSH) fills both queues; a PUB never waits, and drops
/// what does not fit at once. On inproc that changes nothing (one pipe of both sizes). On
/// tcp and ipc the subscriber's queue fills only as far as the I/O thread moved messages
/// while the burst was sent, and a loaded machine's I/O thread may move almost none (132
/// kept of two marks of 100 was seen): then little more than the publisher's own queue
/// is kept, which the I/O thread hands on after the burst.
pub fn predicted_kept_of_a_burst(
    transport: Transport,
    queues: Queues,
) -> Option<RangeInclusive<usize>> {
    let most = *predicted_kept(transport, queues)?.end();
    match transport {
        Transport::Inproc => predicted_kept(transport, queues),
        Transport::Tcp | Transport::Ipc => Some(queues.hwm? as usize..=most),
    }
}

/// What the settings predict, as the evidence says it: "exactly 200", "200 to 344 predicted".
pub fn predicted_text(range: &RangeInclusive<usize>) -> String {
    if range.start() == range.end() {
        tr!("ps4-exactly", n = *range.start())
    } else {
        tr!("ps4-predicted", from = *range.start(), to = *range.end())
    }
}

fn sends(flags: i32) -> String {
    if flags & zmq::DONTWAIT != 0 {
        "DONTWAIT".into()
    } else {
        tr!("ps4-blocking-sends")
    }
}

/// Judges the sends to nobody on one transport: all accepted at once, and nothing of them
/// for a subscriber that joined later, only the message sent after it joined; and the
/// set-up: nobody connected while they were sent, DONTWAIT, the subscriber's subscription
/// told before "after", and a silence after it.
pub fn judge_nobody(nobody: &ToNobody) -> Finding {
    let mut finding = Finding::new();
    finding.ready(nobody.transport, &nobody.ready, 0);
    let made = &nobody.sends;
    finding.set_up(
        made.flags == zmq::DONTWAIT,
        tr!(
            "ps4-nobody-flags",
            flags = made.flags,
            sends = sends(made.flags)
        ),
    );
    prove_told(&mut finding, &tr!("ps4-once-joined"), &nobody.told, &[b""]);
    prove_silence(
        &mut finding,
        &nobody.then,
        SILENCE,
        (nobody.first_at, &tr!("ps4-first-came")),
    );

    let received = nobody.received();
    let early = received.iter().filter(|m| m.starts_with(b"early")).count();
    let accepted = match made.refused {
        0 => tr!("ps4-all-accepted"),
        refused => tr!("ps4-refused", refused = refused),
    };
    finding.observe(
        received == [b"after".to_vec()] && made.refused == 0,
        tr!(
            "ps4-to-nobody",
            made = made.made,
            sends = sends(made.flags),
            accepted = accepted,
            early = early,
            then = received.last().map(|m| lab::show(m)).unwrap_or_default()
        ),
    );
    finding.figure(tr!(
        "ps4-nobody-figure",
        made = made.made,
        took = crate::claims::ms(nobody.sending),
        slowest = crate::claims::ms(made.slowest)
    ));
    finding
}

/// Judges a flood to a subscriber that does not read, on one transport: no send refused,
/// as many kept as the settings predict, in order, the rest dropped; and the set-up: the
/// settings read back from the sockets, DONTWAIT, the subscription told before the flood.
pub fn judge_flood(transport: Transport, queues: Queues, flood: &Flood) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &flood.endpoint);
    let due = queues.settings();
    finding.set_up(
        flood.settings == due,
        tr!(
            "ps4-flood-settings",
            sndhwm = flood.settings.sndhwm,
            rcvhwm = flood.settings.rcvhwm,
            sndbuf = flood.settings.sndbuf,
            rcvbuf = flood.settings.rcvbuf,
            due_sndhwm = due.sndhwm,
            due_rcvhwm = due.rcvhwm,
            due_sndbuf = due.sndbuf,
            due_rcvbuf = due.rcvbuf
        ),
    );
    finding.set_up(
        flood.flags == zmq::DONTWAIT,
        tr!(
            "ps4-flood-flags",
            flags = flood.flags,
            sends = sends(flood.flags)
        ),
    );
    prove_told(&mut finding, &tr!("ps4-before-flood"), &flood.told, &[b""]);

    let kept = flood.received.len();
    finding.observe(
        flood.refused == 0,
        tr!(
            "ps4-flood-refused",
            refused = flood.refused,
            sent = flood.sent
        ),
    );
    let predicted = predicted_kept_of_a_burst(transport, queues);
    let within = predicted
        .as_ref()
        .is_some_and(|range| range.contains(&kept));
    let order = if in_order(&flood.received) {
        tr!("ps4-in-order")
    } else {
        tr!("ps4-out-of-order")
    };
    let dropped = kept < flood.sent;
    finding.observe(
        within && in_order(&flood.received) && dropped,
        match &predicted {
            Some(range) if within => tr!(
                "ps4-kept-within",
                range = predicted_text(range),
                order = &order,
                dropped = if dropped {
                    tr!("ps4-rest-dropped")
                } else {
                    tr!("ps4-none-dropped")
                }
            ),
            Some(range) => tr!(
                "ps4-kept-outside",
                kept = kept,
                from = *range.start(),
                to = *range.end(),
                order = &order
            ),
            None => tr!(
                "ps4-kept-of",
                kept = kept,
                sent = flood.sent,
                order = &order
            ),
        },
    );
    finding.figure(tr!(
        "ps4-flood-figure",
        hwm = flood.settings.sndhwm,
        kib = queues.kernel_buffer.unwrap_or(0) / 1024,
        kept = kept,
        sent = flood.sent,
        last = flood.received.last().copied().unwrap_or(0)
    ));
    finding
}

/// Judges PS4 on one transport.
pub fn judge(
    transport: Transport,
    nobody: &ToNobody,
    queues: Queues,
    flood: &Flood,
) -> Finding {
    let mut finding = judge_nobody(nobody);
    finding.absorb(judge_flood(transport, queues, flood));
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        let nobody = published_to_nobody(transport, TO_NOBODY)?;
        Ok((nobody, slow_subscriber(transport, PINNED, FLOOD)?))
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, (nobody, flood))| {
                (transport, judge(transport, &nobody, PINNED, &flood))
            })
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a PUB never blocks for a slow subscriber; it drops what does not
/// fit. If your subscribers may fall behind by a burst, make room for it on both sides,
/// before bind and connect: libzmq 4.3 applies a mark changed later to the connections
/// already made too, but set first, no message meets the old one.
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

/// When no message may be dropped for a subscriber that falls behind, an XPUB with
/// `ZMQ_XPUB_NODROP` refuses the send instead (`EAGAIN`, here after waiting up to
/// `wait_ms` for room), and the publisher decides what to do: wait, slow down, or tell
/// someone. Every subscriber then runs at the pace of the slowest.
pub fn refusing_publisher(
    context: &zmq::Context,
    endpoint: &str,
    wait_ms: i32,
) -> zmq::Result<zmq::Socket> {
    let mut publisher = context.socket(zmq::XPUB)?;
    lab::set_xpub_nodrop(&mut publisher, true)?; // the zmq crate has no setter for it
    publisher.set_sndtimeo(wait_ms)?;
    publisher.bind(endpoint)?;
    Ok(publisher)
}
// ANCHOR_END: own
