//! The general claims: three patterns (G1), two of them one-way (G2).

use anyhow::Result;

use super::{Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport, SILENCE};

pub static CLAIMS: [Claim; 2] = [
    Claim {
        id: "G1",
        star: false,
        summary: "There are three basic models: REQ/REP, PUB/SUB, PUSH/PULL",
        zh: "ZMQ 提供了三个基本的通信模型,分别是“Request-Reply “,”Publisher-Subscriber“,”Parallel Pipeline”",
        en: "ZMQ offers three basic communication models: Request-Reply, Publisher-Subscriber, Parallel Pipeline",
        verdict: Verdict::Holds,
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

// ANCHOR: pair_talks
/// Connects a `sender` to a bound `receiver` and sends one message. Returns whether the
/// receiver got it within a window; for a matched pair that is well within the window.
pub fn pair_talks(
    transport: Transport,
    sender: zmq::SocketType,
    receiver: zmq::SocketType,
) -> Result<bool> {
    let lab = Lab::new()?;
    let receiving = lab.socket(receiver)?;
    if receiver == zmq::SUB {
        receiving.set_subscribe(b"")?;
    }
    let endpoint = lab.bind(&receiving, transport)?;
    let mut sending = lab.watch(lab.socket(sender)?)?;
    sending.socket.connect(&endpoint)?;
    // Let the connection settle, on evidence: a handshake that succeeds, or one that fails.
    if transport != Transport::Inproc {
        let deadline = std::time::Instant::now() + lab::BOUND;
        loop {
            let events = sending.events()?;
            if events.iter().any(|e| {
                matches!(
                    e,
                    zmq::SocketEvent::HANDSHAKE_SUCCEEDED
                        | zmq::SocketEvent::HANDSHAKE_FAILED_PROTOCOL
                        | zmq::SocketEvent::DISCONNECTED
                )
            }) || std::time::Instant::now() > deadline
            {
                break;
            }
            let _ = sending.wait_for(
                zmq::SocketEvent::HANDSHAKE_SUCCEEDED,
                1,
                std::time::Duration::from_millis(20),
            );
        }
    }
    // A PUB drops until the subscription arrives: resend until it does or the window ends.
    let deadline = std::time::Instant::now() + SILENCE;
    loop {
        let _ = sending.socket.send("hello", zmq::DONTWAIT);
        if lab::recv_within(&receiving, std::time::Duration::from_millis(10))?.is_some() {
            return Ok(true);
        }
        if std::time::Instant::now() > deadline {
            return Ok(false);
        }
    }
}
// ANCHOR_END: pair_talks

fn g1_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::NETWORKED {
        for (sender, receiver, matched) in PAIRS {
            agrees &= pair_talks(transport, sender, receiver)? == matched;
        }
    }
    Ok(Finding {
        agrees,
        evidence: "REQ→REP, PUB→SUB, PUSH→PULL talk; REQ→PULL, PUSH→REP, PUB→PULL, PUSH→SUB exchange nothing over tcp and ipc".into(),
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
