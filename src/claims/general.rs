//! The general claims: three patterns (G1), two of them one-way (G2).

use anyhow::Result;

use super::{Claim, Finding, Verdict};
use std::time::Instant;

use crate::lab::{Lab, Transport, BOUND, SILENCE};

pub static CLAIMS: [Claim; 2] = [
    Claim {
        id: "G1",
        star: false,
        summary: "There are three basic models: REQ/REP, PUB/SUB, PUSH/PULL",
        zh: "ZMQ 提供了三个基本的通信模型,分别是“Request-Reply “,”Publisher-Subscriber“,”Parallel Pipeline”",
        en: "ZMQ offers three basic communication models: Request-Reply, Publisher-Subscriber, Parallel Pipeline",
        verdict: Verdict::HoldsOnlyWhen(
            "the sockets meet over tcp or ipc, whose handshake refuses a mismatched pair; over inproc libzmq checks nothing, and REQ→PULL and PUSH→SUB do exchange messages",
        ),
        experiment: g1_finding,
    },
    Claim {
        id: "G2",
        star: false,
        summary: "PUB/SUB and PUSH/PULL are one-way",
        zh: "消息单向的,有去无回的",
        en: "messages go one way, there and never back",
        verdict: Verdict::Holds,
        experiment: g2_finding,
    },
];

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

/// Mismatched pairs that nevertheless deliver over inproc, where no handshake compares the
/// socket types (measured with libzmq 4.3.4). The other two fail for other reasons: a REP
/// discards a message without a request envelope, and a PUB sends a PULL nothing because a
/// PULL never subscribes.
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
        || (transport == Transport::Inproc && TALK_OVER_INPROC_ANYWAY.contains(&(sender, receiver)))
}

/// Every pair of [`PAIRS`] on `transport`, each in its own thread (each waits up to a silence window).
pub fn all_pairs(transport: Transport) -> Result<Vec<PairOutcome>> {
    let running: Vec<_> = PAIRS
        .iter()
        .map(|&(sender, receiver, _)| {
            std::thread::spawn(move || pair_talks(transport, sender, receiver))
        })
        .collect();
    running
        .into_iter()
        .map(|t| t.join().expect("pair thread panicked"))
        .collect()
}

// ANCHOR: pair_talks
/// What happened between a sender and a receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairOutcome {
    /// How the handshake ended, on tcp and ipc (inproc has none).
    pub handshake: Option<zmq::SocketEvent>,
    /// Whether a message sent by the sender reached the receiver within the window.
    pub delivered: bool,
}

/// Connects a `sender` to a bound `receiver`, waits for the handshake to end either way, then
/// sends "hello" until it arrives or the silence window has passed.
pub fn pair_talks(
    transport: Transport,
    sender: zmq::SocketType,
    receiver: zmq::SocketType,
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
                // libzmq 4.3.4 reports a mismatched socket type as a plain disconnection.
                zmq::SocketEvent::DISCONNECTED,
            ],
            BOUND,
        )?),
    };
    // Resend until one arrives: a PUB drops until the subscription has reached it.
    let deadline = Instant::now() + SILENCE;
    while Instant::now() < deadline {
        let _ = sending.socket.send("hello", zmq::DONTWAIT);
        if receiving.poll(zmq::POLLIN, 10)? > 0 {
            // A REP or SUB may still discard what it finds malformed: only a message counts.
            if let Ok(message) = receiving.recv_multipart(zmq::DONTWAIT) {
                if message.last().map(Vec::as_slice) == Some(b"hello".as_slice()) {
                    return Ok(PairOutcome {
                        handshake,
                        delivered: true,
                    });
                }
            }
        }
    }
    Ok(PairOutcome {
        handshake,
        delivered: false,
    })
}
// ANCHOR_END: pair_talks

fn g1_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        for (outcome, (sender, receiver, matched)) in all_pairs(transport)?.iter().zip(PAIRS) {
            agrees &= outcome.delivered == expected_to_talk(transport, sender, receiver, matched);
        }
    }
    Ok(Finding {
        agrees,
        evidence: "REQ→REP, PUB→SUB, PUSH→PULL talk everywhere; REQ→PULL, PUSH→REP, PUB→PULL, PUSH→SUB are disconnected at the handshake over tcp and ipc, but over inproc REQ→PULL and PUSH→SUB deliver".into(),
        figures: String::new(),
    })
}

// ANCHOR: one_way
/// The wrong direction on a one-way socket: returns the error of the call.
pub fn wrong_direction(kind: zmq::SocketType) -> Result<Option<zmq::Error>> {
    let lab = Lab::new()?;
    let socket = lab.socket(kind)?;
    let result = match kind {
        zmq::SUB | zmq::PULL => socket.send("back", zmq::DONTWAIT),
        _ => socket.recv_bytes(zmq::DONTWAIT).map(drop),
    };
    Ok(result.err())
}
// ANCHOR_END: one_way

fn g2_finding() -> Result<Finding> {
    let agrees = [zmq::SUB, zmq::PUB, zmq::PULL, zmq::PUSH]
        .into_iter()
        .map(wrong_direction)
        .collect::<Result<Vec<_>>>()?
        .iter()
        .all(|e| *e == Some(zmq::Error::ENOTSUP));
    Ok(Finding {
        agrees,
        evidence: "send on SUB and PULL, recv on PUB and PUSH: each fails at once with ENOTSUP"
            .into(),
        figures: String::new(),
    })
}
