//! PS7 — if the publisher leaves, subscribers hold on and receive again when it is back.

use crate::tr;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};

use super::{await_told, prove_told, publisher, subscriber, Told};
use crate::claims::network::{undisturbed, Disturbed};
use crate::claims::{joined, ms, Beyond, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, BOUND, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "PS7",
    star: false,
    summary: "If the publisher leaves, subscribers hold on and receive again when it is back",
    zh: "如果 Publisher 中途离开,所有的 Subscriber 会 hold 住,等待 Publisher 再上线的时候,会继续接受信息",
    en: "if the publisher leaves midway, all subscribers hold on, and when it is back online they continue to receive",
    glance: Glance {
        zh: "发布者回来，订阅者继续接收",
        en: "Subscribers resume when the publisher returns",
        advice: "Use tcp or ipc, keep calling `recv` with a timeout, and let a returning publisher wait for the subscriptions.",
    },
    verdict: Verdict::HoldsOnlyWhen(
        "the transport is tcp or ipc, the subscriber calls libzmq and the publisher awaits its resubscription",
    ),
    conditions: "inproc does not reconnect. The subscriber resubscribes only when it calls into libzmq (recv, poll), and what the returning publisher sends before the resubscription reaches it is lost.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "a silent link between publisher and subscriber",
        experiment: super::ps5::network_finding,
    }),
};

/// What happened when the publisher left and a new one bound the same address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comeback {
    /// Whether the old subscriber's subscription reached the new publisher (within the
    /// window).
    pub resubscribed: bool,
    /// From the new bind to the resubscription.
    pub took: Duration,
    /// What the old subscriber received from the new publisher: the first message, if
    /// any.
    pub received: Vec<Vec<u8>>,
    /// The control: whether a brand-new subscriber received from the new publisher.
    pub newcomer_received: bool,
    /// The address the new publisher reports.
    pub endpoint: String,
    /// The first publisher: what it was told, and what the subscriber received from it.
    pub first: FirstPublisher,
    /// If the old SUB received nothing, how long after the new publisher's last message
    /// it was still waiting in recv.
    pub listened_after: Duration,
    /// What the new publisher was told once the newcomer connected: its subscription.
    pub newcomer_told: Told,
}

/// What a run proves of the first publisher: it was told of the subscriber's
/// subscription, and the subscriber received its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstPublisher {
    pub told: Told,
    pub got: Option<Vec<u8>>,
}

/// The message the new publisher sends at once, before any resubscription can have come…
pub const TOO_EARLY: &str = "sent before the resubscription";
/// …and the one it sends once the subscription is back.
pub const AFTER: &str = "from the second publisher";

/// How long PS7 listens on inproc for a resubscription that never comes: six reconnection
/// intervals (100 ms by default). The tcp and ipc runs, which do come back, take 100–200
/// ms.
pub const COMEBACK_WINDOW: Duration = Duration::from_millis(600);

/// How long to wait for the old subscriber to come back. On tcp and ipc it reconnects by
/// itself, so the wait ends when it does, with [`BOUND`] only as the limit on a stalled
/// machine; on inproc nothing reconnects, so the wait is the listening window itself.
pub fn comeback_window(transport: Transport) -> Duration {
    match transport {
        Transport::Inproc => COMEBACK_WINDOW,
        Transport::Tcp | Transport::Ipc => BOUND,
    }
}

// ANCHOR: comeback
/// The start of both PS7 experiments: a subscriber that has received from a first
/// publisher at `endpoint`. Returns the publisher, watched so that it can leave, the
/// subscriber, and what the first publisher saw and sent.
fn subscribed_to_a_first_publisher(
    lab: &Lab,
    endpoint: &str,
) -> Result<(lab::Watched, zmq::Socket, FirstPublisher)> {
    let first = lab.watch(publisher(lab)?)?;
    lab::bind_at(&first.socket, endpoint)?;
    let subscriber = subscriber(lab, endpoint, &[b""])?;
    let told = await_told(&first.socket, 1)?;
    first.socket.send("from the first publisher", 0)?;
    let got = lab::recv_within(&subscriber, BOUND)?;
    Ok((first, subscriber, FirstPublisher { told, got }))
}

/// A subscriber receives from a publisher, the publisher closes, and a new publisher
/// binds the very same address. The subscriber does nothing but wait in `recv`, as the
/// article's client does. The new publisher sends one message at once, and one after the
/// resubscription.
pub fn publisher_comes_back_once(transport: Transport) -> Result<Comeback> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let (first, subscriber, first_seen) =
        subscribed_to_a_first_publisher(&lab, &endpoint)?;

    // The subscriber's program sits in recv, waiting for its next message, until a
    // silence has passed since the new publisher's last message.
    let window = comeback_window(transport);
    let (last_sent, when_last_sent) = mpsc::channel::<Instant>();
    let waiting = thread::spawn(move || -> Result<(Option<Vec<u8>>, Duration)> {
        let mut got = lab::recv_within(&subscriber, window + SILENCE)?;
        let last = when_last_sent.recv_timeout(BOUND)?;
        if got.is_none() {
            got = lab::recv_within(&subscriber, SILENCE.saturating_sub(last.elapsed()))?;
        }
        Ok((got, last.elapsed()))
    });

    first.leave(&endpoint)?;
    let second = publisher(&lab)?;
    lab::bind_at(&second, &endpoint)?;
    let rebound = Instant::now();
    second.send(TOO_EARLY, 0)?;
    // A subscription that can be read at once may have come before that send (this
    // thread stalled after the bind): then the message was not too early after all.
    if let Ok(event) = second.recv_bytes(zmq::DONTWAIT) {
        drop(last_sent);
        let _ = waiting.join();
        return Err(Disturbed(format!(
            "the subscriber was back before the first send ({})",
            lab::show(&event)
        ))
        .into());
    }
    let resubscribed = match lab::recv_within(&second, window)? {
        Some(event) => event.first() == Some(&1),
        None => false,
    };
    let took = rebound.elapsed();
    second.send(AFTER, 0)?;
    let _ = last_sent.send(Instant::now());
    let (received, listened_after) = waiting
        .join()
        .map_err(|_| anyhow!("the subscriber thread panicked"))??;

    // Control: a subscriber new to the second publisher does receive from it.
    let newcomer = self::subscriber(&lab, &endpoint, &[b""])?;
    let newcomer_told = await_told(&second, 1)?;
    second.send("to the newcomer", 0)?;
    let newcomer_received = newcomer.recv_bytes(0)? == b"to the newcomer";
    Ok(Comeback {
        resubscribed,
        took,
        received: received.into_iter().collect(),
        newcomer_received,
        endpoint: lab::last_endpoint(&second)?,
        first: first_seen,
        listened_after,
        newcomer_told,
    })
}
// ANCHOR_END: comeback

/// [`publisher_comes_back_once`], run again when a stall let the subscriber back before
/// the new publisher's first send (at most [`ATTEMPTS`](crate::claims::network::ATTEMPTS) times).
pub fn publisher_comes_back(transport: Transport) -> Result<Comeback> {
    undisturbed(|| publisher_comes_back_once(transport)).map(|(comeback, _)| comeback)
}

/// What a subscriber that was busy elsewhere did when the publisher came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyComeback {
    /// Whether its subscription reached the new publisher while it made no call at all.
    pub resubscribed_while_busy: bool,
    /// Whether it did once it called into libzmq again (the control).
    pub resubscribed_after_a_call: bool,
    /// Whether it then received from the new publisher.
    pub received: bool,
    /// The address the new publisher reports.
    pub endpoint: String,
    /// The first publisher: what it was told, and what the subscriber received from it.
    pub first: FirstPublisher,
    /// How long after the new bind the subscriber's I/O thread had connected again (its
    /// monitor's handshake), if it had within the lab's bound.
    pub reconnected: Option<Duration>,
    /// How long the new publisher then listened for a resubscription while the subscriber
    /// was busy.
    pub busy_listened: Duration,
}

// ANCHOR: busy_comeback
/// As [`publisher_comes_back`], but the subscriber is busy elsewhere (say, with a long
/// job) and makes no libzmq call while the publisher leaves and a new one binds. libzmq
/// reconnects in its I/O thread, but the subscriptions are sent again by the socket
/// itself, when the application thread next processes its commands: in `recv`, `poll`, or
/// reading `ZMQ_EVENTS`.
pub fn busy_subscriber_comes_back(transport: Transport) -> Result<BusyComeback> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let (first, subscriber, first_seen) =
        subscribed_to_a_first_publisher(&lab, &endpoint)?;
    let mut subscriber = lab.watch(subscriber)?;

    // From here the subscriber makes no call until told.
    first.leave(&endpoint)?;
    let second = publisher(&lab)?;
    lab::bind_at(&second, &endpoint)?;
    let rebound = Instant::now();
    // Its I/O thread connects again by itself: its monitor (not a call on the socket)
    // sees the handshake. Only the resubscription waits for the socket's housekeeping.
    let reconnected = subscriber
        .wait_handshakes(1)
        .ok()
        .map(|()| rebound.elapsed());
    let listening = Instant::now();
    let resubscribed_while_busy = lab::recv_within(&second, COMEBACK_WINDOW)?.is_some();
    let busy_listened = listening.elapsed();

    // Back from its job: any call that processes commands will do; this one only reads
    // flags.
    subscriber.socket.get_events()?;
    let resubscribed_after_a_call =
        lab::recv_within(&second, BOUND)?.is_some_and(|event| event.first() == Some(&1));
    second.send(AFTER, 0)?;
    let received =
        lab::recv_within(&subscriber.socket, BOUND)?.as_deref() == Some(AFTER.as_bytes());
    Ok(BusyComeback {
        resubscribed_while_busy,
        resubscribed_after_a_call,
        received,
        endpoint: lab::last_endpoint(&second)?,
        first: first_seen,
        reconnected,
        busy_listened,
    })
}
// ANCHOR_END: busy_comeback

/// Proves the start of a PS7 run: the address, and a subscriber that received from the
/// first publisher.
fn prove_first(
    finding: &mut Finding,
    transport: Transport,
    endpoint: &str,
    first: &FirstPublisher,
) {
    finding.used_transport(transport, endpoint);
    prove_told(finding, &tr!("ps7-before-it-left"), &first.told, &[b""]);
    let got = match &first.got {
        Some(message) => lab::show(message),
        None => tr!("rr2-nothing"),
    };
    finding.set_up(
        first.got.as_deref() == Some(b"from the first publisher"),
        tr!("ps7-first-got", got = got),
    );
}

/// Judges a comeback on one transport: tcp and ipc come back, inproc does not; and the
/// set-up: a subscriber that had received from the first publisher, a window for the
/// resubscription listened to in full where none came, and the old SUB still in recv a
/// silence after the new publisher's last message, where it received nothing.
pub fn judge_comeback(transport: Transport, comeback: &Comeback) -> Finding {
    let mut finding = Finding::new();
    prove_first(&mut finding, transport, &comeback.endpoint, &comeback.first);
    if !comeback.resubscribed {
        let window = comeback_window(transport);
        finding.set_up(
            lab::gave_up_at(comeback.took, window),
            tr!(
                "ps7-listened",
                listened = ms(comeback.took),
                due = window.as_millis()
            ),
        );
    }
    if comeback.received.is_empty() {
        finding.set_up(
            lab::waited_out(comeback.listened_after, SILENCE),
            tr!(
                "ps7-old-waiting",
                waited = ms(comeback.listened_after),
                due = SILENCE.as_millis()
            ),
        );
    }
    prove_told(
        &mut finding,
        &tr!("ps7-once-newcomer"),
        &comeback.newcomer_told,
        &[b""],
    );
    let reconnects = transport != Transport::Inproc;
    let expected = if reconnects {
        vec![AFTER.as_bytes().to_vec()]
    } else {
        vec![]
    };
    let resubscribed = if comeback.resubscribed {
        tr!("ps7-resubscribed")
    } else {
        tr!(
            "ps7-did-not-resubscribe-within",
            window = COMEBACK_WINDOW.as_millis()
        )
    };
    let got = match comeback.received.first() {
        Some(message) => tr!("ps7-received-first", message = lab::show(message)),
        None => tr!("ps7-received-nothing"),
    };
    finding.observe(
        comeback.resubscribed == reconnects && comeback.received == expected,
        tr!("ps7-comeback", resubscribed = resubscribed, got = got),
    );
    finding.observe(
        comeback.newcomer_received,
        if comeback.newcomer_received {
            tr!("ps7-newcomer-received")
        } else {
            tr!("ps7-newcomer-received-nothing")
        },
    );
    if comeback.resubscribed {
        finding.figure(tr!("ps7-resubscribed-after", took = ms(comeback.took)));
    }
    finding
}

/// Judges a busy subscriber's comeback on one transport; and the set-up: a subscriber
/// that had received from the first publisher, and the busy window listened to in full.
pub fn judge_busy(transport: Transport, busy: &BusyComeback) -> Finding {
    let mut finding = Finding::new();
    prove_first(&mut finding, transport, &busy.endpoint, &busy.first);
    finding.set_up(
        busy.reconnected.is_some(),
        match busy.reconnected {
            Some(after) => {
                tr!("ps7-busy-back-after", after = ms(after))
            }
            None => tr!("ps7-busy-never-back"),
        },
    );
    if !busy.resubscribed_while_busy {
        finding.set_up(
            lab::gave_up_at(busy.busy_listened, COMEBACK_WINDOW),
            tr!(
                "ps7-busy-listened",
                listened = ms(busy.busy_listened),
                due = COMEBACK_WINDOW.as_millis()
            ),
        );
    }
    let while_busy = if busy.resubscribed_while_busy {
        tr!("ps7-resubscribed")
    } else {
        tr!("ps7-did-not-resubscribe")
    };
    let after = match (busy.resubscribed_after_a_call, busy.received) {
        (true, true) => tr!("ps7-resubscribed-received"),
        (true, false) => tr!("ps7-resubscribed-nothing"),
        (false, _) => tr!("ps7-still-not"),
    };
    finding.observe(
        !busy.resubscribed_while_busy && busy.resubscribed_after_a_call && busy.received,
        tr!(
            "ps7-busy",
            while_busy = while_busy,
            window = COMEBACK_WINDOW.as_millis(),
            after = after
        ),
    );
    finding
}

fn finding() -> Result<Finding> {
    // The experiments mostly wait (for a reconnection, or for one that never comes): run
    // them side by side, each in its own lab.
    let (comebacks, busy) = thread::scope(|scope| {
        let comebacks: Vec<_> = Transport::ALL
            .map(|transport| scope.spawn(move || publisher_comes_back(transport)))
            .into_iter()
            .collect();
        let busy: Vec<_> = Transport::NETWORKED
            .map(|transport| scope.spawn(move || busy_subscriber_comes_back(transport)))
            .into_iter()
            .collect();
        (joined(comebacks), joined(busy))
    });
    let mut finding = Finding::new();
    finding.observe_on(
        Transport::ALL
            .into_iter()
            .zip(comebacks?)
            .map(|(transport, comeback)| {
                (transport, judge_comeback(transport, &comeback))
            })
            .collect(),
    );
    finding.observe_on(
        Transport::NETWORKED
            .into_iter()
            .zip(busy?)
            .map(|(transport, busy)| (transport, judge_busy(transport, &busy)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a subscriber that should outlive its publisher keeps calling into
/// libzmq — here a `recv` with a timeout, in a loop — so that it resubscribes as soon as
/// the publisher is back. Do other work between the calls, not instead of them.
pub fn next_message(
    subscriber: &zmq::Socket,
    idle_ms: i32,
    calls: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    subscriber.set_rcvtimeo(idle_ms)?;
    for _ in 0..calls {
        match subscriber.recv_bytes(0) {
            Ok(message) => return Ok(Some(message)),
            Err(zmq::Error::EAGAIN) => {} // quiet: do other work, then call again
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}
// ANCHOR_END: own
