//! RR4 ★ — whichever side starts first, the effect is the same.

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context as _, Result};

use crate::claims::{ms, on_each, Beyond, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "RR4",
    star: true,
    summary: "Whichever side starts first, the effect is the same",
    zh: "服务端和客户端无论谁先启动,效果是相同的,这点不同于 Socket",
    en: "whichever of server and client starts first, the effect is the same, unlike plain sockets",
    glance: Glance {
        zh: "谁先启动，效果都一样",
        en: "Start order does not matter",
        advice: "Start either side first, but give the client a receive timeout (`ZMQ_RCVTIMEO`) in case the server never comes.",
    },
    verdict: Verdict::Holds,
    conditions: "Which side starts first makes no difference, on tcp, ipc and inproc: a client that starts first queues its request until the server binds.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "a server restarting mid-request",
        experiment: network_finding,
    }),
};

/// Which side of the exchange is set up first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartOrder {
    ServerFirst,
    ClientFirst,
}

/// One exchange, and the evidence of the order it happened in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub reply: Vec<u8>,
    /// Whether the client's request was accepted (queued) before the server bound.
    pub queued_before_bind: bool,
    /// How many refused connection attempts the client's monitor reported before the
    /// bind.
    pub refused_before_bind: usize,
    /// Every event the client's monitor had reported when the server bound (client
    /// first): the refusals among them are the proof that nobody was there before.
    pub before_bind: Vec<zmq::SocketEvent>,
    /// The server's endpoint, read back once it had bound.
    pub endpoint: String,
    /// From the first call to the reply.
    pub took: Duration,
}

// ANCHOR: start_order
/// One hello → world exchange where either the server binds before the client connects
/// (`ServerFirst`) or the client connects, and even sends, to an address nobody has bound
/// yet (`ClientFirst`).
pub fn exchange_in_order(transport: Transport, order: StartOrder) -> Result<Started> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let started = Instant::now();
    let mut client = lab.watch(lab.socket(zmq::REQ)?)?;
    let server = lab.socket(zmq::REP)?;
    let (mut queued_before_bind, mut refused_before_bind) = (false, 0);
    let mut before_bind = Vec::new();
    match order {
        StartOrder::ServerFirst => {
            lab::bind_at(&server, &endpoint)?;
            client.socket.connect(&endpoint)?;
            client.socket.send("hello", 0)?;
        }
        StartOrder::ClientFirst => {
            client.socket.connect(&endpoint)?;
            // Nobody is listening yet: DONTWAIT proves the request waits in the client's
            // queue.
            queued_before_bind = client.socket.send("hello", zmq::DONTWAIT).is_ok();
            if transport != Transport::Inproc {
                // Evidence that the client really found nobody there: its first attempt
                // failed and it has scheduled a retry. (inproc keeps a pending connection
                // instead, which bind completes.)
                client.wait_for(zmq::SocketEvent::CONNECT_RETRIED, 1, lab::BOUND)?;
                refused_before_bind = client.seen(zmq::SocketEvent::CONNECT_RETRIED)?;
            }
            before_bind = client.events()?.to_vec();
            lab::bind_at(&server, &endpoint)?;
        }
    }
    let request = server
        .recv_bytes(0)
        .context("the server never got the request")?;
    ensure!(
        request == b"hello",
        "the server got {}",
        lab::show(&request)
    );
    server.send("world", 0)?;
    let reply = client
        .socket
        .recv_bytes(0)
        .context("the client never got the reply")?;
    Ok(Started {
        reply,
        queued_before_bind,
        refused_before_bind,
        before_bind,
        endpoint: lab::last_endpoint(&server)?,
        took: started.elapsed(),
    })
}
// ANCHOR_END: start_order

/// Judges one exchange: the reply, and for the client-first order, the evidence that the
/// client really started first.
pub fn judge(transport: Transport, order: StartOrder, started: &Started) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &started.endpoint);
    let reply = lab::text(&started.reply);
    match order {
        StartOrder::ServerFirst => {
            finding.observe(
                started.reply == b"world",
                tr!("rr4-server-first", reply = &reply),
            );
        }
        StartOrder::ClientFirst => {
            let queued = if started.queued_before_bind {
                tr!("rr4-queued")
            } else {
                tr!("rr4-refused")
            };
            // tcp and ipc retry a refused connection; inproc waits for the bind instead.
            let expected_refusals = transport != Transport::Inproc;
            let seen = started
                .before_bind
                .iter()
                .filter(|&&event| event == zmq::SocketEvent::CONNECT_RETRIED)
                .count();
            finding.set_up(
                seen >= started.refused_before_bind && (seen > 0) == expected_refusals,
                tr!(
                    "rr4-monitor",
                    events = format!("{:?}", started.before_bind),
                    seen = seen,
                    refused = started.refused_before_bind
                ),
            );
            let refused = if started.refused_before_bind > 0 {
                tr!("rr4-refused-at-first")
            } else {
                String::new()
            };
            finding.observe(
                started.reply == b"world"
                    && started.queued_before_bind
                    && (started.refused_before_bind > 0) == expected_refusals,
                tr!(
                    "rr4-client-first",
                    queued = queued,
                    refused = refused,
                    reply = &reply
                ),
            );
        }
    }
    finding.figure(match order {
        StartOrder::ServerFirst => tr!("rr4-server-first-took", took = ms(started.took)),
        StartOrder::ClientFirst => tr!("rr4-client-first-took", took = ms(started.took)),
    });
    if started.refused_before_bind > 1 {
        finding.figure(tr!("rr4-refusals", refusals = started.refused_before_bind));
    }
    finding
}

/// Beyond the claim: `rr-server`, a real process, stopped in the middle of a request and
/// started again at its address: what a plain REQ, a relaxed one and a fresh socket then
/// get (`claims::network`).
pub fn network_finding() -> Result<Finding> {
    use crate::claims::network::crash::{self, Stop};
    use crate::claims::network::judges;
    use crate::claims::network::request::Retry;
    let server = crash::program_path("rr-server")?;
    let cases = [
        (Stop::Kill, Retry::Wait),
        (Stop::Polite, Retry::Wait),
        (Stop::Kill, Retry::Relaxed),
        (Stop::Kill, Retry::FreshSocket),
    ];
    let server = &server;
    let measured = std::thread::scope(|scope| {
        let runs = cases
            .map(|(stop, retry)| {
                scope.spawn(move || crash::server_stops_mid_request(server, stop, retry))
            })
            .into_iter()
            .collect();
        crate::claims::joined(runs)
    })?;
    let mut tcp = Finding::new();
    for ((stop, retry), restarted) in cases.iter().zip(&measured) {
        tcp.absorb(judges::server_restarted(*stop, *retry, restarted));
    }
    let mut finding = Finding::new();
    finding.observe_on(vec![(Transport::Tcp, tcp)]);
    Ok(finding)
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        Ok([
            exchange_in_order(transport, StartOrder::ServerFirst)?,
            exchange_in_order(transport, StartOrder::ClientFirst)?,
        ])
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, [server_first, client_first])| {
                let mut finding =
                    judge(transport, StartOrder::ServerFirst, &server_first);
                finding.absorb(judge(transport, StartOrder::ClientFirst, &client_first));
                (transport, finding)
            })
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: start the client first if you like; its request waits in its
/// queue until the server is up. Give it a receive timeout in case the server never
/// comes.
pub fn ask(
    context: &zmq::Context,
    server: &str,
    timeout_ms: i32,
) -> zmq::Result<Option<Vec<u8>>> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(0)?; // closing must not wait to deliver to a server that never came
    client.set_rcvtimeo(timeout_ms)?;
    client.connect(server)?; // fine whether or not the server is up yet
    client.send("hello", 0)?;
    match client.recv_bytes(0) {
        Ok(reply) => Ok(Some(reply)),
        Err(zmq::Error::EAGAIN) => Ok(None), // no reply within the timeout
        Err(other) => Err(other),
    }
}
// ANCHOR_END: own
