//! RR2 — both sides can be 1:N.

use anyhow::{ensure, Context as _, Result};

use super::rr1;
use crate::claims::{count, listed, on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "RR2",
    star: false,
    summary: "Both sides can be 1:N",
    zh: "请求端和服务端都可以是 1:N 的模型",
    en: "both the requesting side and the serving side can be 1:N",
    verdict: Verdict::Holds,
    conditions: "And the REQ side's 1:N is load balancing, not broadcast: one REQ connected to several REPs asks them in turn.",
    experiment: finding,
    beyond: None,
};

/// One client connected to this many servers…
pub const SERVERS: usize = 3;
/// …sends this many requests, one at a time.
pub const REQUESTS: usize = 9;

// ANCHOR: one_client_many_servers
/// Which server answered each request of a client connected to several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dealt {
    /// The servers' endpoints, read back, in the order the client connected to them.
    pub endpoints: Vec<String>,
    /// How many servers the client was connected to before its first request:
    /// handshakes its monitor saw (inproc, which has none: the connects that returned).
    pub connected: usize,
    /// For each request in order, the index of the server that answered it.
    pub answered_by: Vec<usize>,
}

/// One REQ connected to `servers` REPs sends `requests` requests, one at a time.
/// Returns, for each request in order, the index of the server that answered it.
pub fn one_client_many_servers(
    transport: Transport,
    servers: usize,
    requests: usize,
) -> Result<Dealt> {
    let lab = Lab::new()?;
    let mut client = lab.watch(lab.socket(zmq::REQ)?)?;
    let (mut sockets, mut endpoints) = (Vec::new(), Vec::new());
    for _ in 0..servers {
        let server = lab.socket(zmq::REP)?;
        let endpoint = lab.bind(&server, transport)?;
        client.socket.connect(&endpoint)?;
        endpoints.push(endpoint);
        sockets.push(server);
    }
    // Every server known to the client before its first request.
    let connected = match transport {
        Transport::Inproc => endpoints.len(),
        _ => {
            client.wait_handshakes(servers)?;
            client.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?
        }
    };
    let mut answered_by = Vec::new();
    for _ in 0..requests {
        client.socket.send("which server?", 0)?;
        // Exactly one server holds the request: find it without blocking on the others.
        let ready = lab::readable(&sockets).context("no server received the request")?;
        ensure!(
            ready.len() == 1,
            "servers {ready:?} all received one request"
        );
        let index = ready[0];
        sockets[index].recv_bytes(0)?;
        sockets[index].send(format!("server {index}").as_str(), 0)?;
        let reply = client.socket.recv_bytes(0)?;
        ensure!(
            reply == format!("server {index}").as_bytes(),
            "server {index}'s reply came back as {}",
            lab::show(&reply)
        );
        answered_by.push(index);
    }
    Ok(Dealt {
        endpoints,
        connected,
        answered_by,
    })
}
// ANCHOR_END: one_client_many_servers

/// The order in which a REQ deals requests to `servers` servers connected before it
/// starts: in turn, 0, 1, 2, 0, 1, 2…
pub fn in_turn(servers: usize, requests: usize) -> Vec<usize> {
    (0..requests).map(|i| i % servers.max(1)).collect()
}

/// Judges which server answered each request of a client connected to `servers` servers:
/// the set-up (the transport, every server connected before the first request), then the
/// order.
pub fn judge_dealing(
    finding: &mut Finding,
    transport: Transport,
    (servers, requests): (usize, usize),
    dealt: &Dealt,
) {
    for endpoint in &dealt.endpoints {
        finding.used_transport(transport, endpoint);
    }
    finding.set_up(
        dealt.endpoints.len() == servers && dealt.connected == servers,
        format!(
            "the client was connected to {} of {} servers before its first request, \
             where {servers} should be",
            dealt.connected,
            dealt.endpoints.len()
        ),
    );
    let by = &dealt.answered_by;
    if !finding.check_count("answered requests", by.len(), requests) {
        return;
    }
    finding.observe(
        *by == in_turn(servers, requests),
        format!(
            "1 REQ on {}: {} answered by servers {}",
            count(servers, "REP"),
            count(requests, "request"),
            listed(by)
        ),
    );
}

/// RR2's finding with another number of servers and requests: the evidence follows.
pub fn finding_with(servers: usize, requests: usize) -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        Ok((
            rr1::many_clients_one_server(transport, rr1::CLIENTS)?,
            one_client_many_servers(transport, servers, requests)?,
        ))
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, (served, dealt))| {
                let mut finding = Finding::new();
                rr1::judge_served(&mut finding, transport, rr1::CLIENTS, &served);
                judge_dealing(&mut finding, transport, (servers, requests), &dealt);
                (transport, finding)
            })
            .collect(),
    );
    Ok(finding)
}

fn finding() -> Result<Finding> {
    finding_with(SERVERS, REQUESTS)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: to spread requests over several servers without a broker, connect
/// one REQ to each of them; libzmq deals the requests in turn, one request to one server.
pub fn client_of(context: &zmq::Context, servers: &[&str]) -> zmq::Result<zmq::Socket> {
    let client = context.socket(zmq::REQ)?;
    for server in servers {
        client.connect(server)?;
    }
    Ok(client)
}
// ANCHOR_END: own
