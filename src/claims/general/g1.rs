//! G1 — three basic models, each a matched pair of socket types.

use crate::tr;
use std::time::Instant;

use anyhow::Result;

use super::name;
use crate::claims::{on_each, Beyond, Claim, Finding, Glance, Verdict};
use crate::lab::{Lab, Transport, BOUND, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "G1",
    star: false,
    summary: "There are three basic models: REQ/REP, PUB/SUB, PUSH/PULL",
    zh: "ZMQ 提供了三个基本的通信模型,分别是“Request-Reply “,”Publisher-Subscriber“,”Parallel Pipeline”",
    en: "ZMQ offers three basic communication models: Request-Reply, Publisher-Subscriber, Parallel Pipeline",
    glance: Glance {
        zh: "三种模型，各是一对套接字",
        en: "Three models, each a pair of sockets",
        advice: "Pair REQ with REP, PUB with SUB, PUSH with PULL; when nothing arrives, check the pair first.",
    },
    verdict: Verdict::Holds,
    conditions: "Each model is a pair of socket types that talk to each other: REQ with REP, PUB with SUB, PUSH with PULL, on tcp, ipc and inproc.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "sockets of two different patterns",
        experiment: beyond,
    }),
};

/// The pairs of G1: (sender, receiver, whether they are a pattern's two halves).
pub const PAIRS: [(zmq::SocketType, zmq::SocketType, bool); 7] = [
    (zmq::REQ, zmq::REP, true),
    (zmq::PUB, zmq::SUB, true),
    (zmq::PUSH, zmq::PULL, true),
    (zmq::REQ, zmq::PULL, false),
    (zmq::PUSH, zmq::REP, false),
    (zmq::PUB, zmq::PULL, false),
    (zmq::PUSH, zmq::SUB, false),
];

/// Mismatched pairs that nevertheless deliver over inproc, where no handshake compares
/// the socket types (measured with libzmq 4.3.4). The other two fail for other reasons: a
/// REP discards a message without a request envelope, and a PUB sends a PULL nothing
/// because a PULL never subscribes.
pub const TALK_OVER_INPROC_ANYWAY: [(zmq::SocketType, zmq::SocketType); 2] =
    [(zmq::REQ, zmq::PULL), (zmq::PUSH, zmq::SUB)];

/// Whether `sender` → `receiver` is expected to deliver on `transport`.
pub fn expected_to_talk(
    transport: Transport,
    sender: zmq::SocketType,
    receiver: zmq::SocketType,
    matched: bool,
) -> bool {
    matched
        || (transport == Transport::Inproc
            && TALK_OVER_INPROC_ANYWAY.contains(&(sender, receiver)))
}

/// How a handshake is expected to end on `transport`: tcp and ipc accept a matched pair
/// and drop a mismatched one (libzmq 4.3.4 reports that as a plain disconnection); inproc
/// has none.
pub fn expected_handshake(
    transport: Transport,
    matched: bool,
) -> Option<zmq::SocketEvent> {
    match (transport, matched) {
        (Transport::Inproc, _) => None,
        (_, true) => Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED),
        (_, false) => Some(zmq::SocketEvent::DISCONNECTED),
    }
}

/// Every pair of [`PAIRS`] on `transport`, side by side. The matched pairs are the
/// controls: each sends until its message arrives (up to [`BOUND`]). The silence window of
/// the others starts only once every control has delivered, so it is ample by evidence, even
/// on a machine too busy to deliver within the window at first.
pub fn all_pairs(transport: Transport) -> Result<Vec<PairOutcome>> {
    side_by_side(transport, pair_talks)
}

/// Runs `talk` for every pair of [`PAIRS`] at once, and opens their silence window when the
/// controls have returned (see [`all_pairs`]).
pub fn side_by_side<T: Send>(
    transport: Transport,
    talk: impl Fn(Transport, zmq::SocketType, zmq::SocketType, &Window) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let window = Window::default();
    std::thread::scope(|scope| {
        let running: Vec<_> = PAIRS
            .iter()
            .map(|&(sender, receiver, _)| {
                let (window, talk) = (&window, &talk);
                scope.spawn(move || talk(transport, sender, receiver, window))
            })
            .collect();
        let mut outcomes = Vec::new();
        for (handle, (_, _, matched)) in running.into_iter().zip(PAIRS) {
            let outcome = handle
                .join()
                .map_err(|_| anyhow::anyhow!("a pair's experiment panicked"))?;
            // The controls come first in PAIRS: once the last has delivered, the window opens.
            if matched && PAIRS.iter().filter(|p| p.2).count() == outcomes.len() + 1 {
                window.open();
            }
            outcomes.push(outcome?);
        }
        Ok(outcomes)
    })
}

/// When the pairs stop trying: at [`BOUND`] from their start, or once they have listened
/// for [`SILENCE`] after the controls delivered, whichever comes first. A pair that starts
/// late (its thread waited for the processor) still listens for the whole window.
#[derive(Default)]
pub struct Window(std::sync::Mutex<Option<Instant>>);

impl Window {
    /// The controls have delivered: the silence window starts now.
    pub fn open(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
    }

    /// Whether a pair that started trying at `started` stops at `now`.
    pub fn closed(&self, started: Instant, now: Instant) -> bool {
        let opened = *self.0.lock().unwrap_or_else(|e| e.into_inner());
        now >= started + BOUND
            || opened.is_some_and(|opened| now >= opened.max(started) + SILENCE)
    }
}

// ANCHOR: pair_talks
/// What happened between a sender and a receiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairOutcome {
    /// The receiver's endpoint, read back from it.
    pub endpoint: String,
    /// How the handshake ended, on tcp and ipc (inproc has none).
    pub handshake: Option<zmq::SocketEvent>,
    /// Whether a message sent by the sender reached the receiver within the window.
    pub delivered: bool,
    /// When the sender began sending, after the handshake…
    pub started: Instant,
    /// …and when it stopped: its message arrived, or the window closed.
    pub stopped: Instant,
}

/// Connects a `sender` to a bound `receiver`, waits for the handshake to end either way,
/// then sends "hello" until it arrives or the window has closed.
pub fn pair_talks(
    transport: Transport,
    sender: zmq::SocketType,
    receiver: zmq::SocketType,
    window: &Window,
) -> Result<PairOutcome> {
    let lab = Lab::new()?;
    let receiving = lab.socket(receiver)?;
    if receiver == zmq::SUB {
        receiving.set_subscribe(b"")?;
    }
    let endpoint = lab.bind(&receiving, transport)?;
    let mut sending = lab.watch(lab.socket(sender)?)?;
    sending.socket.connect(&endpoint)?;
    let handshake = match transport {
        Transport::Inproc => None,
        _ => Some(sending.wait_any(
            &[
                zmq::SocketEvent::HANDSHAKE_SUCCEEDED,
                zmq::SocketEvent::HANDSHAKE_FAILED_PROTOCOL,
                zmq::SocketEvent::HANDSHAKE_FAILED_NO_DETAIL,
                // libzmq 4.3.4 reports a mismatched socket type as a disconnection.
                zmq::SocketEvent::DISCONNECTED,
            ],
            BOUND,
        )?),
    };
    // Resend until one arrives: a PUB drops until the subscription has reached it.
    let started = Instant::now();
    let mut delivered = false;
    let mut now = started;
    while !delivered && !window.closed(started, now) {
        let _ = sending.socket.send("hello", zmq::DONTWAIT);
        if receiving.poll(zmq::POLLIN, 10)? > 0 {
            // A REP or SUB may still discard what it finds malformed: only a message
            // counts.
            if let Ok(message) = receiving.recv_multipart(zmq::DONTWAIT) {
                delivered =
                    message.last().map(Vec::as_slice) == Some(b"hello".as_slice());
            }
        }
        now = Instant::now();
    }
    Ok(PairOutcome {
        endpoint,
        handshake,
        delivered,
        started,
        stopped: now,
    })
}
// ANCHOR_END: pair_talks

/// Judges the outcome of every pair on one transport, beyond the claim: the mismatched
/// pairs, with the matched ones as their controls. Pairs that fared alike share a line:
/// "REQ→PULL, PUSH→REP: disconnected at the handshake, nothing delivered".
pub fn judge(transport: Transport, outcomes: &[PairOutcome]) -> Finding {
    let mut finding = Finding::new();
    if !finding.check_count(&tr!("g1-pair-outcomes"), outcomes.len(), PAIRS.len()) {
        return finding;
    }
    prove_set_up(&mut finding, transport, outcomes);
    observe_grouped(
        &mut finding,
        outcomes
            .iter()
            .zip(PAIRS)
            .map(|(outcome, (sender, receiver, matched))| {
                let expected = expected_to_talk(transport, sender, receiver, matched)
                    == outcome.delivered
                    && expected_handshake(transport, matched) == outcome.handshake;
                (outcome, (sender, receiver), expected)
            }),
    );
    finding
}

/// Observes what happened to each pair, whether it was expected; pairs that fared alike
/// and agree alike share a line.
fn observe_grouped<'a>(
    finding: &mut Finding,
    pairs: impl Iterator<Item = (&'a PairOutcome, (zmq::SocketType, zmq::SocketType), bool)>,
) {
    // (what happened, whether it was expected) → the pairs it happened to.
    let mut groups: Vec<(String, bool, Vec<String>)> = Vec::new();
    for (outcome, (sender, receiver), expected) in pairs {
        let happened = describe(outcome);
        let pair = format!("{}→{}", name(sender), name(receiver));
        match groups
            .iter_mut()
            .find(|(seen, agreed, _)| *seen == happened && *agreed == expected)
        {
            Some((_, _, pairs)) => pairs.push(pair),
            None => groups.push((happened, expected, vec![pair])),
        }
    }
    for (happened, expected, pairs) in groups {
        finding.observe(
            expected,
            tr!(
                "g1-pairs-happened",
                pairs = crate::i18n::join(&pairs),
                happened = happened
            ),
        );
    }
}

/// What the pairs prove of their set-up: each used `transport`, and each that delivered
/// nothing kept trying for the whole window after the last control had delivered, and
/// from its own start, so that its silence is backed by controls that delivered within it.
fn prove_set_up(finding: &mut Finding, transport: Transport, outcomes: &[PairOutcome]) {
    for outcome in outcomes {
        finding.used_transport(transport, &outcome.endpoint);
    }
    let controls = outcomes.iter().zip(PAIRS).filter(|(_, pair)| pair.2);
    let delivered: Vec<Instant> = controls
        .filter(|(outcome, _)| outcome.delivered)
        .map(|(outcome, _)| outcome.stopped)
        .collect();
    let Some(&last_control) = delivered.iter().max() else {
        finding.set_up(false, tr!("g1-no-control"));
        return;
    };
    for (outcome, (sender, receiver, _)) in outcomes.iter().zip(PAIRS) {
        if outcome.delivered {
            continue;
        }
        let from = outcome.started.max(last_control);
        let listened = outcome.stopped.saturating_duration_since(from);
        finding.set_up(
            outcome.stopped >= from + SILENCE,
            tr!(
                "g1-tried-for",
                sender = name(sender),
                receiver = name(receiver),
                listened = crate::claims::ms(listened),
                due = SILENCE.as_millis()
            ),
        );
    }
}

fn describe(outcome: &PairOutcome) -> String {
    let delivered = if outcome.delivered {
        tr!("g1-delivered")
    } else {
        tr!("g1-nothing-delivered")
    };
    match outcome.handshake {
        None => delivered,
        Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED) => {
            tr!("g1-handshake", delivered = delivered)
        }
        Some(zmq::SocketEvent::DISCONNECTED) => {
            tr!("g1-disconnected-at-handshake", delivered = delivered)
        }
        Some(other) => tr!(
            "g1-handshake-ended",
            event = format!("{other:?}"),
            delivered = delivered
        ),
    }
}

/// The three matched pairs of [`PAIRS`] on `transport`, side by side: each sends until
/// its message arrives, up to [`BOUND`].
pub fn matched_pairs(transport: Transport) -> Result<Vec<PairOutcome>> {
    // A window nobody opens: a pair stops when its message arrives, or at BOUND.
    let window = Window::default();
    std::thread::scope(|scope| {
        let running: Vec<_> = PAIRS
            .iter()
            .filter(|pair| pair.2)
            .map(|&(sender, receiver, _)| {
                let window = &window;
                scope.spawn(move || pair_talks(transport, sender, receiver, window))
            })
            .collect();
        crate::claims::joined(running)
    })
}

/// Judges the matched pairs on one transport, as G1's verdict has them: each pair's
/// handshake succeeds (tcp, ipc; inproc has none) and its message arrives.
pub fn judge_matched(transport: Transport, outcomes: &[PairOutcome]) -> Finding {
    let matched: Vec<_> = PAIRS.iter().filter(|pair| pair.2).collect();
    let mut finding = Finding::new();
    if !finding.check_count(
        &tr!("g1-matched-pair-outcomes"),
        outcomes.len(),
        matched.len(),
    ) {
        return finding;
    }
    for outcome in outcomes {
        finding.used_transport(transport, &outcome.endpoint);
    }
    observe_grouped(
        &mut finding,
        outcomes
            .iter()
            .zip(matched)
            .map(|(outcome, &(sender, receiver, _))| {
                let expected = outcome.delivered
                    && outcome.handshake == expected_handshake(transport, true);
                (outcome, (sender, receiver), expected)
            }),
    );
    finding
}

fn finding() -> Result<Finding> {
    let outcomes = on_each(&Transport::ALL, matched_pairs)?;
    let mut finding = Finding::new();
    finding.observe_on(
        outcomes
            .into_iter()
            .map(|(transport, outcomes)| (transport, judge_matched(transport, &outcomes)))
            .collect(),
    );
    Ok(finding)
}

/// Beyond the claim: sockets of two different patterns, beside the matched pairs as
/// controls. Over tcp and ipc the handshake drops them; over inproc libzmq checks nothing.
fn beyond() -> Result<Finding> {
    let outcomes = on_each(&Transport::ALL, all_pairs)?;
    let mut finding = Finding::new();
    finding.observe_on(
        outcomes
            .into_iter()
            .map(|(transport, outcomes)| (transport, judge(transport, &outcomes)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: pair the socket types of one pattern — REQ with REP, PUB with
/// SUB, PUSH with PULL. Over tcp and ipc a wrong pair is dropped at the handshake (and
/// nothing tells your code); over inproc nothing checks at all.
pub fn a_matched_pair(context: &zmq::Context, endpoint: &str) -> zmq::Result<Vec<u8>> {
    let server = context.socket(zmq::REP)?; // REP answers…
    server.bind(endpoint)?;
    let client = context.socket(zmq::REQ)?; // …what REQ asks
    client.connect(endpoint)?;
    client.send("hello", 0)?;
    let request = server.recv_bytes(0)?;
    server.send(request, 0)?;
    client.recv_bytes(0)
}
// ANCHOR_END: own
