//! RR2 — both sides can be 1:N.

use crate::tr;
use std::time::Duration;

use anyhow::{ensure, Context as _, Result};

use super::rr1;
use crate::claims::network::{undisturbed, Disturbed};
use crate::claims::{
    listed, ms, on_each, Beyond, Claim, Clocked, Finding, Glance, Verdict,
};
use crate::lab::{self, Lab, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "RR2",
    star: false,
    summary: "Both sides can be 1:N",
    zh: "请求端和服务端都可以是 1:N 的模型",
    en: "both the requesting side and the serving side can be 1:N",
    glance: Glance {
        zh: "两端都可以是 1:N",
        en: "Both sides can be 1:N",
        advice: "Connect one REQ to several REPs to spread requests; set `ZMQ_IMMEDIATE` to pass over servers that are down.",
    },
    verdict: Verdict::Holds,
    conditions: "And the REQ side's 1:N is load balancing, not broadcast: one REQ connected to several REPs asks them in turn.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "one of the servers down, with ZMQ_IMMEDIATE off (the default) and on",
        experiment: server_down_finding,
    }),
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
        tr!(
            "rr2-connected-before",
            connected = dealt.connected,
            servers = dealt.endpoints.len(),
            due = servers
        ),
    );
    let by = &dealt.answered_by;
    if !finding.check_count(&tr!("rr2-answered-requests"), by.len(), requests) {
        return;
    }
    finding.observe(
        *by == in_turn(servers, requests),
        tr!(
            "rr2-in-turn",
            servers = servers,
            requests = requests,
            by = listed(by)
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

// ---------------------------------------------------------------- a server down

/// Which of the [`SERVERS`] is down when the client connects: the second.
pub const DOWN: usize = 1;
/// How long the client waits for an answer before it gives up.
pub const ASK: Duration = Duration::from_millis(200);

/// What a REQ connected to three servers, one of them down, did with its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerDown {
    /// The servers' endpoints in the order the client connected to them: the live ones as
    /// they read them back, the one that is down as reserved (nobody bound it).
    pub endpoints: Vec<String>,
    /// `ZMQ_IMMEDIATE`, read back from the client before it connected.
    pub immediate: bool,
    /// The live servers connected before the first request: handshakes its monitor saw
    /// (inproc, which has none: the connects to a bound name).
    pub connected: usize,
    /// Tries to connect to the server that was down, refused before the first request
    /// (`CONNECT_RETRIED`; inproc, which does not try: none).
    pub refused: usize,
    /// The servers that answered, request by request, until one went unanswered.
    pub answered_by: Vec<usize>,
    /// The request that went unanswered within [`ASK`], if one did, and how long the
    /// client waited for it.
    pub unanswered: Option<usize>,
    pub waited: Option<Duration>,
    /// What the server that was down received once it came up (only after a request went
    /// unanswered), and whether its answer then reached the waiting client.
    pub late_server_got: Option<Vec<u8>>,
    pub late_answer_came: bool,
}

// ANCHOR: server_down
/// One REQ, with `ZMQ_IMMEDIATE` as `immediate` says, connects to three servers; the
/// second is down (nobody has bound its address). It asks [`REQUESTS`] questions, one at
/// a time, each waiting [`ASK`] for its answer, and stops at the first unanswered one;
/// then the server that was down comes up.
pub fn one_server_down(transport: Transport, immediate: bool) -> Result<ServerDown> {
    undisturbed(|| one_server_down_once(transport, immediate)).map(|(down, _)| down)
}

/// One run of [`one_server_down`], which repeats a run a stall disturbed.
fn one_server_down_once(transport: Transport, immediate: bool) -> Result<ServerDown> {
    let lab = Lab::new()?;
    let mut client = lab.watch(lab.socket(zmq::REQ)?)?;
    client.socket.set_immediate(immediate)?;
    client.socket.set_rcvtimeo(lab::millis(ASK))?;
    let immediate = client.socket.is_immediate()?;
    let mut servers = Vec::new();
    let mut endpoints = Vec::new();
    for index in 0..SERVERS {
        let endpoint = if index == DOWN {
            lab.endpoint(transport)? // reserved: a connection to it is refused
        } else {
            let server = lab.socket(zmq::REP)?;
            let endpoint = lab.bind(&server, transport)?;
            servers.push((index, server));
            endpoint
        };
        client.socket.connect(&endpoint)?;
        endpoints.push(endpoint);
    }
    // The live servers connected, and the one that is down tried and refused.
    let (connected, refused) = match transport {
        Transport::Inproc => (SERVERS - 1, 0),
        _ => {
            client.wait_handshakes(SERVERS - 1)?;
            client.wait_for(zmq::SocketEvent::CONNECT_RETRIED, 1, BOUND)?;
            client.socket.get_events()?; // takes in the connections made
            (
                client.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?,
                client.seen(zmq::SocketEvent::CONNECT_RETRIED)?,
            )
        }
    };
    let sockets: Vec<zmq::Socket> = servers.into_iter().map(|(_, s)| s).collect();
    let live: Vec<usize> = (0..SERVERS).filter(|&i| i != DOWN).collect();
    let (mut answered_by, mut unanswered, mut waited) = (Vec::new(), None, None);
    for request in 0..REQUESTS {
        client
            .socket
            .send(format!("request {request}").as_str(), 0)?;
        // A live server that holds it answers at once; none holding it within ASK, the
        // client is left to wait out its own ASK.
        if let Ok(ready) = lab::readable_within(&sockets, ASK) {
            for index in ready {
                sockets[index].recv_bytes(0)?;
                sockets[index].send(format!("server {}", live[index]).as_str(), 0)?;
            }
        }
        let (reply, clock) = Clocked::call(|| client.socket.recv_bytes(0));
        match reply {
            Ok(reply) => answered_by.push(crate::claims::number(&reply)),
            Err(zmq::Error::EAGAIN) => {
                // A live server that holds the request only now got it after the client
                // had given up: the machine stalled, and the run says nothing of where
                // requests go.
                if let Ok(ready) = lab::readable_within(&sockets, Duration::ZERO) {
                    let server = live[ready[0]];
                    let late = format!("request {request} reached server {server} late");
                    return Err(Disturbed(late).into());
                }
                (unanswered, waited) = (Some(request), Some(clock.span()));
                break;
            }
            Err(other) => return Err(other.into()),
        }
    }
    let (mut late_server_got, mut late_answer_came) = (None, false);
    if unanswered.is_some() {
        let late = lab.socket(zmq::REP)?;
        lab::bind_at(&late, &endpoints[DOWN])?;
        late_server_got = lab::recv_within(&late, BOUND)?;
        if late_server_got.is_some() {
            late.send(format!("server {DOWN}").as_str(), 0)?;
            client.socket.set_rcvtimeo(lab::millis(BOUND))?;
            late_answer_came =
                client.socket.recv_bytes(0)? == format!("server {DOWN}").as_bytes();
        }
    }
    Ok(ServerDown {
        endpoints,
        immediate,
        connected,
        refused,
        answered_by,
        unanswered,
        waited,
        late_server_got,
        late_answer_came,
    })
}
// ANCHOR_END: server_down

/// Whether `ZMQ_IMMEDIATE` keeps a REQ's requests from a server that is down, on
/// `transport`: only on connection-oriented transports (tcp, ipc), as libzmq's manual says;
/// over inproc a connect to a name nobody has bound always queues.
pub fn immediate_applies(transport: Transport) -> bool {
    transport != Transport::Inproc
}

/// Judges a REQ with a server down: with `ZMQ_IMMEDIATE` off (or over inproc), the first
/// request answered by the first server, the second queued for the server that is down,
/// the client waiting out its timeout, and the server, once up, given that request and its
/// answer reaching the client; with it on (tcp, ipc), every request answered by the two
/// live servers in turn. And the set-up: the transport, the option read back, the live
/// servers connected and the dead one refused before the first request.
pub fn judge_server_down(
    transport: Transport,
    wanted: bool,
    down: &ServerDown,
) -> Finding {
    let mut finding = Finding::new();
    for (index, endpoint) in down.endpoints.iter().enumerate() {
        if index != DOWN {
            finding.used_transport(transport, endpoint);
        }
    }
    finding.set_up(
        down.endpoints.len() == SERVERS,
        tr!(
            "rr2-connected-to",
            connected = down.endpoints.len(),
            due = SERVERS
        ),
    );
    finding.set_up(
        down.immediate == wanted,
        tr!(
            "rr2-immediate-read-back",
            read = down.immediate.to_string(),
            set = wanted.to_string()
        ),
    );
    let networked = transport != Transport::Inproc;
    finding.set_up(
        down.connected == SERVERS - 1 && (down.refused > 0) == networked,
        tr!(
            "rr2-live-connected",
            connected = down.connected,
            due = SERVERS - 1,
            refused = down.refused
        ),
    );
    let setting = if wanted {
        tr!("rr2-on")
    } else {
        tr!("rr2-off")
    };
    if wanted && immediate_applies(transport) {
        let live: Vec<usize> = (0..SERVERS).filter(|&i| i != DOWN).collect();
        let by = &down.answered_by;
        let in_turn = by.len() == REQUESTS
            && by.iter().all(|s| live.contains(s))
            && by.windows(2).all(|pair| pair[0] != pair[1]);
        finding.observe(
            in_turn && down.unanswered.is_none(),
            if in_turn {
                tr!(
                    "rr2-down-in-turn",
                    servers = SERVERS,
                    down = DOWN,
                    setting = &setting,
                    requests = REQUESTS
                )
            } else {
                tr!(
                    "rr2-down-some",
                    servers = SERVERS,
                    down = DOWN,
                    setting = &setting,
                    answered = by.len(),
                    requests = REQUESTS,
                    by = listed(by)
                )
            },
        );
    } else {
        let waited_out = down.waited.is_some_and(|took| lab::gave_up_at(took, ASK));
        let queued =
            down.late_server_got.as_deref() == Some(format!("request {DOWN}").as_bytes());
        finding.observe(
            down.answered_by == [0] && down.unanswered == Some(DOWN) && waited_out,
            tr!(
                "rr2-down-queued",
                servers = SERVERS,
                down = DOWN,
                setting = &setting,
                by = listed(&down.answered_by),
                request = down.unanswered.map_or(tr!("rr2-none"), |r| r.to_string()),
                unanswered = match (down.unanswered, waited_out) {
                    (None, _) => tr!("rr2-went-unanswered"),
                    (Some(_), true) => tr!("rr2-waited-out", ms = ASK.as_millis()),
                    (Some(_), false) => tr!("rr2-did-not-wait", ms = ASK.as_millis()),
                }
            ),
        );
        finding.observe(
            queued && down.late_answer_came,
            if down.late_answer_came {
                tr!(
                    "rr2-late-reached",
                    got = down
                        .late_server_got
                        .as_deref()
                        .map_or(tr!("rr2-nothing"), lab::show)
                )
            } else {
                tr!(
                    "rr2-late-did-not-reach",
                    got = down
                        .late_server_got
                        .as_deref()
                        .map_or(tr!("rr2-nothing"), lab::show)
                )
            },
        );
    }
    if let Some(took) = down.waited {
        finding.figure(tr!(
            "rr2-gave-up-after",
            setting = &setting,
            took = ms(took)
        ));
    }
    finding.figure(tr!(
        "rr2-answered-by",
        setting = &setting,
        by = listed(&down.answered_by)
    ));
    finding
}

/// Beyond the claim: a server down, `ZMQ_IMMEDIATE` off and on, on every transport.
pub fn server_down_finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        Ok([
            one_server_down(transport, false)?,
            one_server_down(transport, true)?,
        ])
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, [off, on])| {
                let mut finding = judge_server_down(transport, false, &off);
                finding.absorb(judge_server_down(transport, true, &on));
                (transport, finding)
            })
            .collect(),
    );
    Ok(finding)
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

/// With `ZMQ_IMMEDIATE` on, the requests go only to servers whose connection is complete:
/// a server that is down is passed over instead of being dealt a request that waits for
/// it. Give the client a receive timeout all the same: a server can die with a request.
pub fn client_of_live_servers(
    context: &zmq::Context,
    servers: &[&str],
    answer_within_ms: i32,
) -> zmq::Result<zmq::Socket> {
    let client = context.socket(zmq::REQ)?;
    client.set_immediate(true)?; // before connect: it applies to connections made after
    client.set_rcvtimeo(answer_within_ms)?;
    for server in servers {
        client.connect(server)?;
    }
    Ok(client)
}
// ANCHOR_END: own
