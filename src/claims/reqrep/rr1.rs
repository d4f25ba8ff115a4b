//! RR1 — whatever REQ asks, REP answers back to that REQ.

use crate::tr;
use std::time::Instant;

use anyhow::{ensure, Context as _, Result};

use super::{answer_to, own_answers, Exchange};
use crate::claims::{on_each, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "RR1",
    star: false,
    summary: "Whatever REQ asks, REP answers back to that REQ",
    zh: "req端请求的消息,rep端必须答复给req端",
    en: "whatever the REQ side asks, the REP side must answer back to that REQ",
    glance: Glance {
        zh: "应答回到提问的那个 REQ",
        en: "The reply goes back to the asker",
        advice: "Reply with `send` right after `recv`: libzmq takes it to the asker, with no address.",
    },
    verdict: Verdict::Holds,
    conditions: "On tcp, ipc and inproc, with one client and with several on one server.",
    experiment: finding,
    beyond: None,
};

/// How many clients share one server in the experiment.
pub const CLIENTS: usize = 5;

// ANCHOR: hello_world
/// The reply a client got, and the endpoint its server bound, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    pub endpoint: String,
    pub reply: Vec<u8>,
}

/// The article's first program in miniature: REQ sends "hello", REP answers "world".
pub fn hello_world(transport: Transport) -> Result<Hello> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    let endpoint = lab.bind(&server, transport)?;
    let client = lab.socket(zmq::REQ)?;
    client.connect(&endpoint)?;

    client.send("hello", 0)?;
    let request = server.recv_bytes(0).context("the server got no request")?;
    ensure!(
        request == b"hello",
        "the server got {}",
        lab::show(&request)
    );
    server.send("world", 0)?;
    let reply = client.recv_bytes(0).context("the client got no reply")?;
    Ok(Hello { endpoint, reply })
}
// ANCHOR_END: hello_world

/// What several clients of one server got, and the proof that they were all waiting for
/// their answers at once (so that a reply could have gone to the wrong one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The server's endpoint, read back.
    pub endpoint: String,
    pub exchanges: Vec<Exchange>,
    /// When each client's request was sent, and when its answer came back, client by
    /// client: the last request must have gone out before the first answer came back.
    pub asked_at: Vec<Instant>,
    pub answered_at: Vec<Instant>,
}

// ANCHOR: many_clients
/// `clients` REQ sockets on one REP. Every client asks before the server answers anyone,
/// so the server holds requests from all of them and answers in whatever order they came.
pub fn many_clients_one_server(transport: Transport, clients: usize) -> Result<Served> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    let endpoint = lab.bind(&server, transport)?;
    let sockets = lab.connected(zmq::REQ, &endpoint, clients)?;

    let mut asked_at = Vec::new();
    for (i, client) in sockets.iter().enumerate() {
        client.send(format!("client {i}").as_str(), 0)?;
        asked_at.push(Instant::now());
    }
    for _ in 0..clients {
        let request = lab::text(&server.recv_bytes(0)?);
        server.send(answer_to(&request).as_str(), 0)?;
    }
    let mut answered_at = Vec::new();
    let exchanges = sockets
        .iter()
        .enumerate()
        .map(|(i, client)| {
            let answered = lab::text(&client.recv_bytes(0)?);
            answered_at.push(Instant::now());
            Ok(Exchange {
                asked: format!("client {i}"),
                answered,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Served {
        endpoint,
        exchanges,
        asked_at,
        answered_at,
    })
}
// ANCHOR_END: many_clients

/// Judges the hello → world reply, and the transport it went over.
pub fn judge_hello(finding: &mut Finding, transport: Transport, hello: &Hello) {
    finding.used_transport(transport, &hello.endpoint);
    judge_reply(finding, &hello.reply);
}

/// Judges the hello → world reply.
pub fn judge_reply(finding: &mut Finding, reply: &[u8]) {
    finding.observe(
        reply == b"world",
        tr!("rr1-hello", reply = lab::text(reply)),
    );
}

/// Judges `clients` clients of one server: the set-up (the transport, every client
/// waiting for its answer at once), then their exchanges.
pub fn judge_served(
    finding: &mut Finding,
    transport: Transport,
    clients: usize,
    served: &Served,
) {
    finding.used_transport(transport, &served.endpoint);
    let (asked, answered) = (&served.asked_at, &served.answered_at);
    let counted = asked.len() == clients && answered.len() == clients;
    let (last_asked, first_answered) = (asked.iter().max(), answered.iter().min());
    let at_once = match (last_asked, first_answered) {
        (Some(last), Some(first)) => last <= first,
        _ => false,
    };
    finding.set_up(
        counted && at_once,
        if at_once {
            tr!(
                "rr1-asked-before",
                asked = asked.len(),
                clients = clients,
                answered = answered.len()
            )
        } else {
            tr!(
                "rr1-asked-after",
                asked = asked.len(),
                clients = clients,
                answered = answered.len()
            )
        },
    );
    judge_exchanges(finding, clients, &served.exchanges);
}

/// Judges `clients` clients' exchanges with one server: each got the answer to its own
/// request.
pub fn judge_exchanges(finding: &mut Finding, clients: usize, exchanges: &[Exchange]) {
    if !finding.check_count(&tr!("rr1-exchanges"), exchanges.len(), clients) {
        return;
    }
    let (own, stray) = own_answers(exchanges);
    let mut text = tr!("rr1-own-answers", clients = clients, own = own);
    if let Some(stray) = stray {
        text += &tr!(
            "rr1-stray",
            asked = &stray.asked,
            answered = format!("{:?}", stray.answered)
        );
    }
    finding.observe(own == clients, text);
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        Ok((
            hello_world(transport)?,
            many_clients_one_server(transport, CLIENTS)?,
        ))
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, (reply, exchanges))| {
                let mut finding = Finding::new();
                judge_hello(&mut finding, transport, &reply);
                judge_served(&mut finding, transport, CLIENTS, &exchanges);
                (transport, finding)
            })
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a REP server receives a request and sends one reply; libzmq takes
/// the reply back to the client that asked, however many clients there are.
pub fn serve(server: &zmq::Socket, requests: usize) -> zmq::Result<()> {
    for _ in 0..requests {
        let request = server.recv_bytes(0)?;
        let reply = [b"answer to ".as_slice(), &request].concat();
        server.send(reply, 0)?; // to the asker: no address needed
    }
    Ok(())
}
// ANCHOR_END: own
