//! RR6 ★ — strictly one question, one answer; out of order is an error.

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use crate::claims::{on_each, Beyond, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "RR6",
    star: true,
    summary: "Strictly one question, one answer; out of order is an error",
    zh: "问一答式的。如果 Server 先 send,client 先 rev 是会报错的",
    en: "strictly one question, one answer: if the server sends first or the client receives first, it is an error",
    glance: Glance {
        zh: "严格一问一答，乱序即报错",
        en: "Strictly one question, one answer",
        advice: "Keep to send, recv, send, recv; to ask again after a lost reply, set `ZMQ_REQ_RELAXED` or open a fresh socket.",
    },
    verdict: Verdict::Holds,
    conditions: "The error is EFSM (\"operation cannot be accomplished in current state\"), returned at once, and the socket is unharmed.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "a reply swallowed by a silent link",
        experiment: network_finding,
    }),
};

/// The outcome of one out-of-order call and what the socket could do afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfOrder {
    /// The error the out-of-order call returned (`None` if it succeeded).
    pub error: Option<zmq::Error>,
    /// How long the out-of-order call took (the sockets' timeouts are 5 s).
    pub took: Duration,
    /// Whether the same pair then completed a normal hello → world exchange…
    pub still_usable: bool,
    /// …over these endpoints, read back from the client and the server that completed it.
    pub then_on: Vec<String>,
    /// The pair's endpoint, read back from its server when it bound.
    pub endpoint: String,
}

/// The three mistakes the article warns about, plus a REP that receives twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mistake {
    ClientReceivesFirst,
    ClientSendsTwice,
    ServerSendsFirst,
    ServerReceivesTwice,
}

impl Mistake {
    pub const ALL: [Mistake; 4] = [
        Mistake::ClientReceivesFirst,
        Mistake::ClientSendsTwice,
        Mistake::ServerSendsFirst,
        Mistake::ServerReceivesTwice,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Mistake::ClientReceivesFirst => "REQ recv first",
            Mistake::ClientSendsTwice => "REQ send twice",
            Mistake::ServerSendsFirst => "REP send first",
            Mistake::ServerReceivesTwice => "REP recv twice",
        }
    }
}

// ANCHOR: out_of_order
/// Makes `mistake` on a connected REQ/REP pair, records the error, then checks that the
/// pair still completes hello → world.
pub fn out_of_order(transport: Transport, mistake: Mistake) -> Result<OutOfOrder> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    let endpoint = lab.bind(&server, transport)?;
    let client = lab.socket(zmq::REQ)?;
    client.connect(&endpoint)?;

    let mut started = Instant::now();
    let result = match mistake {
        Mistake::ClientReceivesFirst => client.recv_bytes(0).map(drop),
        Mistake::ClientSendsTwice => {
            client.send("hello", 0)?;
            started = Instant::now();
            client.send("hello again", 0)
        }
        Mistake::ServerSendsFirst => server.send("world", 0),
        Mistake::ServerReceivesTwice => {
            client.send("hello", 0)?;
            ensure!(server.recv_bytes(0)? == b"hello");
            started = Instant::now();
            server.recv_bytes(0).map(drop)
        }
    };
    let (error, took) = (result.err(), started.elapsed());

    // Carry on from wherever the mistake left the pair, the way a program that caught the
    // error would: the lock-step state is unchanged by a refused call.
    let then = (|| -> Result<(bool, Vec<String>)> {
        match mistake {
            Mistake::ClientReceivesFirst | Mistake::ServerSendsFirst => {
                client.send("hello", 0)?
            }
            Mistake::ClientSendsTwice => {}
            Mistake::ServerReceivesTwice => {
                server.send("world", 0)?;
                ensure!(client.recv_bytes(0)? == b"world");
                client.send("hello", 0)?;
            }
        }
        let request = server.recv_bytes(0)?;
        server.send("world", 0)?;
        let answered = request == b"hello" && client.recv_bytes(0)? == b"world";
        // Which sockets completed it: the pair that made the mistake, by their endpoints.
        let on = vec![lab::last_endpoint(&client)?, lab::last_endpoint(&server)?];
        Ok((answered, on))
    })();
    let (still_usable, then_on) = then.unwrap_or_default();
    Ok(OutOfOrder {
        error,
        took,
        still_usable,
        then_on,
        endpoint,
    })
}
// ANCHOR_END: out_of_order

/// Judges every mistake on one transport: each fails at once with EFSM, and the pair then
/// works normally.
pub fn judge(transport: Transport, outcomes: &[(Mistake, OutOfOrder)]) -> Finding {
    let mut finding = Finding::new();
    if !finding.check_count(&tr!("rr6-mistakes"), outcomes.len(), Mistake::ALL.len()) {
        return finding;
    }
    for (mistake, outcome) in outcomes {
        finding.used_transport(transport, &outcome.endpoint);
        if outcome.still_usable {
            let own = [outcome.endpoint.as_str(); 2];
            finding.set_up(
                outcome.then_on == own,
                tr!(
                    "rr6-exchange-after",
                    mistake = words(*mistake),
                    from = outcome.then_on.first().map_or("?", String::as_str),
                    to = outcome.then_on.get(1).map_or("?", String::as_str),
                    endpoint = &outcome.endpoint
                ),
            );
        }
    }
    let mut groups: Vec<(String, bool, Vec<String>)> = Vec::new();
    for (mistake, outcome) in outcomes {
        let at_once = outcome.took < SILENCE;
        let result = match outcome.error {
            Some(error) if at_once => tr!("g2-at-once", error = lab::error_name(error)),
            Some(error) => tr!(
                "g2-after",
                error = lab::error_name(error),
                ms = outcome.took.as_millis()
            ),
            None => tr!("rr6-accepted"),
        };
        // The result's words say whether it is expected: group by them.
        let expected = outcome.error == Some(zmq::Error::EFSM) && at_once;
        match groups.iter_mut().find(|(r, _, _)| *r == result) {
            Some((_, _, mistakes)) => mistakes.push(words(*mistake)),
            None => groups.push((result, expected, vec![words(*mistake)])),
        }
    }
    for (result, expected, mistakes) in groups {
        finding.observe(
            expected,
            tr!(
                "rr6-mistakes-result",
                mistakes = crate::i18n::join(&mistakes),
                result = result
            ),
        );
    }
    let usable = outcomes.iter().filter(|(_, o)| o.still_usable).count();
    finding.observe(
        usable == outcomes.len(),
        tr!("rr6-then-usable", usable = usable, pairs = outcomes.len()),
    );
    finding
}

/// A mistake in the current language ([`Mistake::describe`] in English).
fn words(mistake: Mistake) -> String {
    match mistake {
        Mistake::ClientReceivesFirst => tr!("rr6-req-recv-first"),
        Mistake::ClientSendsTwice => tr!("rr6-req-send-twice"),
        Mistake::ServerSendsFirst => tr!("rr6-rep-send-first"),
        Mistake::ServerReceivesTwice => tr!("rr6-rep-recv-twice"),
    }
}

/// Beyond the claim: a REQ whose reply a silent link swallowed, and what it can do: wait, ask again
/// relaxed, or ask on a fresh socket (`claims::network`, the book's "When the network
/// fails").
pub fn network_finding() -> Result<Finding> {
    use crate::claims::network::request::{self, Retry};
    use crate::claims::network::{judges, Heartbeats};
    let heartbeats = Some(Heartbeats::LAB);
    let cases = [
        (Retry::Wait, None),
        (Retry::Wait, heartbeats),
        (Retry::Relaxed, heartbeats),
        (Retry::FreshSocket, heartbeats),
    ];
    let measured = std::thread::scope(|scope| {
        let runs = cases
            .map(|(retry, h)| {
                scope.spawn(move || request::reply_swallowed_by_a_cut(retry, h))
            })
            .into_iter()
            .collect();
        crate::claims::joined(runs)
    })?;
    let mut tcp = Finding::new();
    for ((retry, h), swallowed) in cases.iter().zip(&measured) {
        tcp.absorb(judges::swallowed_reply(*retry, h.is_some(), swallowed));
    }
    let mut finding = Finding::new();
    finding.observe_on(vec![(Transport::Tcp, tcp)]);
    Ok(finding)
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        Mistake::ALL
            .iter()
            .map(|&mistake| Ok((mistake, out_of_order(transport, mistake)?)))
            .collect::<Result<Vec<_>>>()
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, outcomes)| (transport, judge(transport, &outcomes)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: keep to send, recv, send, recv. If a reply may never come and you
/// must ask again on the same socket, relax the REQ: it accepts a new request, and drops
/// a late reply to the old one.
pub fn relaxed_client(context: &zmq::Context, server: &str) -> zmq::Result<zmq::Socket> {
    let client = context.socket(zmq::REQ)?;
    client.set_req_relaxed(true)?; // send again without waiting for the reply
    client.set_req_correlate(true)?; // and ignore a reply to an earlier request
    client.connect(server)?;
    Ok(client)
}
// ANCHOR_END: own
