//! G2 — PUB/SUB and PUSH/PULL are one-way.

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::name;
use crate::claims::{Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "G2",
    star: false,
    summary: "PUB/SUB and PUSH/PULL are one-way",
    zh: "消息单向的,有去无回的",
    en: "messages go one way, there and never back",
    glance: Glance {
        zh: "PUB/SUB 与 PUSH/PULL 是单向的",
        en: "PUB/SUB and PUSH/PULL are one-way",
        advice: "To answer a published or pushed message, open a second socket going back, or use REQ/REP.",
    },
    verdict: Verdict::Holds,
    conditions: "",
    experiment: finding,
    beyond: None,
};

/// A call on a socket: `send` or `recv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Send,
    Recv,
}

/// The calls G2 makes: the wrong direction on each one-way socket, and, as the control,
/// the right direction on the same socket types.
pub const WRONG_WAY: [(zmq::SocketType, Call); 4] = [
    (zmq::SUB, Call::Send),
    (zmq::PULL, Call::Send),
    (zmq::PUB, Call::Recv),
    (zmq::PUSH, Call::Recv),
];
pub const RIGHT_WAY: [(zmq::SocketType, Call); 4] = [
    (zmq::SUB, Call::Recv),
    (zmq::PULL, Call::Recv),
    (zmq::PUB, Call::Send),
    (zmq::PUSH, Call::Send),
];

// ANCHOR: one_way
/// What one call did, and the socket it was made on as read back from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Called {
    /// The socket's type, read back.
    pub kind: zmq::SocketType,
    /// The call's timeout (SNDTIMEO or RCVTIMEO), read back: a call that waited for it
    /// would take at least this long (-1: for ever).
    pub timeout: i32,
    pub error: Option<zmq::Error>,
    pub took: Duration,
}

/// Makes `call` on a fresh socket of `kind`, without waiting (DONTWAIT): returns its
/// error, if any, and how long it took.
pub fn try_call(kind: zmq::SocketType, call: Call) -> Result<Called> {
    let lab = Lab::new()?;
    let socket = lab.socket(kind)?;
    let timeout = match call {
        Call::Send => socket.get_sndtimeo()?,
        Call::Recv => socket.get_rcvtimeo()?,
    };
    let started = Instant::now();
    let result = match call {
        Call::Send => socket.send("back", zmq::DONTWAIT),
        Call::Recv => socket.recv_bytes(zmq::DONTWAIT).map(drop),
    };
    let took = started.elapsed();
    Ok(Called {
        kind: socket.get_socket_type()?,
        timeout,
        error: result.err(),
        took,
    })
}
// ANCHOR_END: one_way

/// What one call of G2 did: the socket type and the call asked for, and what came of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub asked: zmq::SocketType,
    pub call: Call,
    pub called: Called,
}

/// Judges the calls: the wrong way fails at once with ENOTSUP; the right way does not (it
/// may find nothing to read or no peer: EAGAIN).
pub fn judge(wrong_way: &[Outcome], right_way: &[Outcome]) -> Finding {
    let mut finding = Finding::new();
    finding.check_count(&tr!("g2-wrong-way-calls"), wrong_way.len(), WRONG_WAY.len());
    finding.check_count(&tr!("g2-right-way-calls"), right_way.len(), RIGHT_WAY.len());
    for (what, outcomes, refused) in [
        (tr!("g2-wrong-way"), wrong_way, true),
        (tr!("g2-right-way"), right_way, false),
    ] {
        let mut groups: Vec<(String, bool, Vec<String>)> = Vec::new();
        for outcome in outcomes {
            let Outcome {
                asked,
                call,
                called,
            } = *outcome;
            let call = tr!("g2-call", call = call_name(call), socket = name(asked));
            prove_set_up(&mut finding, &call, asked, &called);
            let (error, took) = (called.error, called.took);
            let result = match error {
                Some(error) if took < SILENCE => {
                    tr!("g2-at-once", error = lab::error_name(error))
                }
                Some(error) => {
                    tr!(
                        "g2-after",
                        error = lab::error_name(error),
                        ms = took.as_millis()
                    )
                }
                None => tr!("g2-sent"),
            };
            let expected =
                (error == Some(zmq::Error::ENOTSUP)) == refused && took < SILENCE;
            match groups
                .iter_mut()
                .find(|(r, e, _)| *r == result && *e == expected)
            {
                Some((_, _, calls)) => calls.push(call),
                None => groups.push((result, expected, vec![call])),
            }
        }
        for (result, expected, calls) in groups {
            finding.observe(
                expected,
                tr!(
                    "g2-calls",
                    what = &what,
                    calls = crate::i18n::join(&calls),
                    result = result
                ),
            );
        }
    }
    finding
}

/// What a call proves of its set-up: it was made on a socket of the type asked for, and
/// that socket's timeout is longer than "at once", so a call that waited for it could not
/// pass for one that returned at once.
fn prove_set_up(
    finding: &mut Finding,
    call: &str,
    asked: zmq::SocketType,
    called: &Called,
) {
    finding.set_up(
        called.kind == asked,
        tr!("g2-read-back-type", call = call, kind = name(called.kind)),
    );
    finding.set_up(
        called.timeout < 0 || i64::from(called.timeout) >= SILENCE.as_millis() as i64,
        tr!(
            "g2-read-back-timeout",
            call = call,
            timeout = called.timeout,
            due = SILENCE.as_millis()
        ),
    );
}

fn call_name(call: Call) -> &'static str {
    match call {
        Call::Send => "send",
        Call::Recv => "recv",
    }
}

fn finding() -> Result<Finding> {
    let run = |calls: &[(zmq::SocketType, Call)]| -> Result<Vec<Outcome>> {
        calls
            .iter()
            .map(|&(asked, call)| {
                Ok(Outcome {
                    asked,
                    call,
                    called: try_call(asked, call)?,
                })
            })
            .collect()
    };
    Ok(judge(&run(&WRONG_WAY)?, &run(&RIGHT_WAY)?))
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a one-way socket only sends (PUB, PUSH) or only receives (SUB,
/// PULL). An answer needs a second socket going the other way, as a pipeline worker has.
pub fn worker_step(
    context: &zmq::Context,
    tasks: &str,
    results: &str,
) -> zmq::Result<()> {
    let receive = context.socket(zmq::PULL)?; // tasks come in here…
    receive.connect(tasks)?;
    let send = context.socket(zmq::PUSH)?; // …and results go out here
    send.connect(results)?;
    let task = receive.recv_bytes(0)?;
    send.send(task, 0)
}
// ANCHOR_END: own
