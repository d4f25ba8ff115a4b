//! RR5 — until a message arrives the server blocks, waiting for a client.

use crate::tr;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};

use crate::claims::{joined, ms, on_each, Claim, Clocked, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, BOUND, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "RR5",
    star: false,
    summary: "Until a message arrives the server blocks, waiting for a client",
    zh: "在服务端收到信息以前,程序是阻塞的,会一直等待客户端连接上来",
    en: "until the server receives a message, the program blocks, waiting for a client to connect",
    glance: Glance {
        zh: "收到请求之前，服务端一直阻塞",
        en: "The server blocks until a request",
        advice: "Set a receive timeout (`ZMQ_RCVTIMEO`): `recv` then gives up with `EAGAIN` (`zmq.Again` in Python).",
    },
    verdict: Verdict::HoldsOnlyWhen("no receive timeout is set"),
    conditions: "With a receive timeout, recv gives up with EAGAIN. And the server waits for a request, not for a connection: a connected, silent client does not wake it.",
    experiment: finding,
    beyond: None,
};

/// The receive timeout the experiment gives the server.
pub const TIMEOUT: Duration = Duration::from_millis(200);

/// Who is there while the server waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// No client at all.
    Nobody,
    /// A client that has connected (its handshake is done) but sends nothing.
    Silent,
    /// A client that sends a request.
    Asks,
}

/// What a server's `recv` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wait {
    /// It returned a request.
    Request(Vec<u8>),
    /// It gave up with EAGAIN when its receive timeout ran out.
    TimedOut,
}

/// What a server's `recv` did, how long it took, and who was there when it began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waited {
    pub outcome: Wait,
    pub took: Duration,
    /// The clock read around `recv`: `took` must be its span, measured, not the timeout.
    pub clock: Clocked,
    /// The server's endpoint, and the clients connected before it waited.
    pub ready: lab::Ready,
    /// The receive timeout read back from the server.
    pub rcvtimeo: i32,
}

// ANCHOR: server_waits
/// A REP server's `recv` with a receive timeout of `timeout`, while `client` is there.
/// Returns what `recv` did and how long it took.
pub fn server_waits(
    transport: Transport,
    client: Client,
    timeout: Duration,
) -> Result<Waited> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    server.set_rcvtimeo(lab::millis(timeout))?;
    let endpoint = lab.bind(&server, transport)?;
    let mut watched = lab.watch(lab.socket(zmq::REQ)?)?;
    let mut connects = 0;
    if client != Client::Nobody {
        watched.socket.connect(&endpoint)?;
        connects += 1;
        if transport != Transport::Inproc {
            watched.wait_handshakes(1)?; // connected for sure, before the server waits
        }
        if client == Client::Asks {
            watched.socket.send("hello", 0)?;
            // The control shows that a request, once there, is what recv returns: the
            // timed wait begins when it has reached the server (a loaded machine once
            // took longer than the timeout to carry it there).
            server.poll(zmq::POLLIN, lab::millis(BOUND).into())?;
        }
    }
    let ready = lab::Ready {
        peers: match transport {
            Transport::Inproc => connects,
            _ => watched.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?,
        },
        endpoint,
    };
    let rcvtimeo = server.get_rcvtimeo()?;
    let (received, clock) = Clocked::call(|| server.recv_bytes(0));
    let outcome = match received {
        Ok(request) => Wait::Request(request),
        Err(zmq::Error::EAGAIN) => Wait::TimedOut,
        Err(other) => return Err(other.into()),
    };
    let took = clock.span();
    Ok(Waited {
        outcome,
        took,
        clock,
        ready,
        rcvtimeo,
    })
}
// ANCHOR_END: server_waits

/// What a server's `recv` without a timeout did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    /// Whether `recv` returned during the silence window, when nobody had asked anything.
    pub returned_in_silence: bool,
    /// How long the silence was listened to, as measured.
    pub silence: Duration,
    /// What it returned once a client asked (waited for up to [`BOUND`]).
    pub then: Option<Vec<u8>>,
    /// The receive timeout read back from the server before it waited.
    pub rcvtimeo: i32,
    /// The server's endpoint, and the client connected before the silence began.
    pub ready: lab::Ready,
}

// ANCHOR: blocks
/// A REP server's `recv` with no timeout (libzmq's default): is it still waiting after a
/// silence window? Then a client asks: does it return the request?
pub fn blocks_until_a_request(transport: Transport) -> Result<Blocked> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    server.set_rcvtimeo(-1)?; // the default: wait for ever
    let rcvtimeo = server.get_rcvtimeo()?;
    let endpoint = lab.bind(&server, transport)?;
    let mut client = lab.watch(lab.socket(zmq::REQ)?)?;
    client.socket.connect(&endpoint)?;
    let peers = match transport {
        Transport::Inproc => 1, // connected when connect returns
        _ => {
            client.wait_handshakes(1)?; // connected for sure, before the silence
            client.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?
        }
    };
    let ready = lab::Ready { endpoint, peers };

    let (returned, received) = mpsc::channel();
    let waiting = thread::spawn(move || {
        let _ = returned.send(server.recv_bytes(0));
        server // closed on this side, after the call, never under its feet
    });
    let listening = Instant::now();
    let returned_in_silence = received.recv_timeout(SILENCE).is_ok();
    let silence = listening.elapsed();
    client.socket.send("hello", 0)?;
    let then = match received.recv_timeout(BOUND) {
        Ok(request) => Some(request?),
        Err(_) => None,
    };
    if then.is_some() || returned_in_silence {
        waiting
            .join()
            .map_err(|_| anyhow!("the server thread panicked"))?;
    } // else: a world where a request does not wake recv: the thread stays blocked in it
    Ok(Blocked {
        returned_in_silence,
        silence,
        then,
        rcvtimeo,
        ready,
    })
}
// ANCHOR_END: blocks

/// How a wait that should run out reads in the evidence, and whether it ran out on time.
fn timed_wait(wait: &Wait, took: Duration, timeout: Duration) -> (String, bool) {
    let limit = timeout.as_millis();
    match wait {
        Wait::TimedOut if lab::gave_up_at(took, timeout) => {
            (tr!("rr5-eagain-at", limit = limit), true)
        }
        Wait::TimedOut if !lab::waited_out(took, timeout) => {
            (tr!("rr5-eagain-before", limit = limit), false)
        }
        Wait::TimedOut => (tr!("rr5-eagain-long-after", limit = limit), false),
        Wait::Request(request) => {
            (tr!("rr5-returned", request = lab::show(request)), false)
        }
    }
}

/// Everything RR5 measures on one transport.
#[derive(Debug, Clone)]
pub struct Measured {
    pub transport: Transport,
    pub nobody: Waited,
    pub silent: Waited,
    pub asks: Waited,
    pub without_timeout: Blocked,
}

/// Judges RR5's measurements on one transport.
pub fn judge(timeout: Duration, measured: &Measured) -> Finding {
    let mut finding = Finding::new();
    let transport = measured.transport;
    for (waited, clients) in [
        (&measured.nobody, 0),
        (&measured.silent, 1),
        (&measured.asks, 1),
    ] {
        finding.ready(transport, &waited.ready, clients);
        finding.measured(&tr!("rr5-servers-recv"), waited.took, &waited.clock);
        finding.set_up(
            waited.rcvtimeo == lab::millis(timeout),
            tr!(
                "rr5-timeout-read-back",
                read = waited.rcvtimeo,
                set = timeout.as_millis()
            ),
        );
    }
    let blocked = &measured.without_timeout;
    finding.ready(transport, &blocked.ready, 1);
    finding.set_up(
        blocked.rcvtimeo == -1,
        tr!("rr5-no-timeout-read-back", read = blocked.rcvtimeo),
    );
    finding.set_up(
        blocked.returned_in_silence || blocked.silence + lab::CLOCK_SLACK >= SILENCE,
        tr!(
            "rr5-silence-listened",
            listened = ms(blocked.silence),
            due = SILENCE.as_millis()
        ),
    );

    let nobody = &measured.nobody;
    let (text, on_time) = timed_wait(&nobody.outcome, nobody.took, timeout);
    finding.observe(on_time, tr!("rr5-no-client", text = text));
    let silent = &measured.silent;
    let (text, on_time) = timed_wait(&silent.outcome, silent.took, timeout);
    finding.observe(on_time, tr!("rr5-silent-client", text = text));

    // A request that came returned from recv: had the timeout run out first, recv would
    // have given up with EAGAIN. How long it took (the machine's load) is a figure.
    let (text, agrees) = match &measured.asks.outcome {
        Wait::Request(request) => (
            tr!("rr5-returned-before", request = lab::show(request)),
            request == b"hello",
        ),
        Wait::TimedOut => (tr!("rr5-never-came"), false),
    };
    finding.observe(agrees, tr!("rr5-asking-client", text = text));

    let then = match &blocked.then {
        Some(request) => tr!("rr5-then-returned", request = lab::show(request)),
        None => tr!("rr5-then-never"),
    };
    finding.observe(
        !blocked.returned_in_silence && blocked.then.as_deref() == Some(b"hello"),
        if blocked.returned_in_silence {
            tr!(
                "rr5-returned-during",
                silence = SILENCE.as_millis(),
                then = then
            )
        } else {
            tr!(
                "rr5-still-waiting",
                silence = SILENCE.as_millis(),
                then = then
            )
        },
    );
    finding.figure(tr!(
        "rr5-figure",
        nobody = ms(measured.nobody.took),
        silent = ms(measured.silent.took),
        asks = ms(measured.asks.took)
    ));
    finding
}

/// All of RR5's experiments on one transport, side by side.
pub fn measure(transport: Transport, timeout: Duration) -> Result<Measured> {
    let (waits, without_timeout) = thread::scope(|scope| {
        let waits = [Client::Nobody, Client::Silent, Client::Asks]
            .map(|client| scope.spawn(move || server_waits(transport, client, timeout)))
            .into_iter()
            .collect();
        let blocked = scope.spawn(move || blocks_until_a_request(transport));
        (joined(waits), blocked.join())
    });
    let mut waits = waits?.into_iter();
    let mut next = || waits.next().ok_or_else(|| anyhow!("a wait went missing"));
    Ok(Measured {
        transport,
        nobody: next()?,
        silent: next()?,
        asks: next()?,
        without_timeout: without_timeout
            .map_err(|_| anyhow!("an experiment panicked"))??,
    })
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| measure(transport, TIMEOUT))?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, measured)| (transport, judge(TIMEOUT, &measured)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a server that does not wait for ever. With a receive timeout,
/// `recv` gives up with EAGAIN when nobody asked — a connected client that says nothing
/// included.
pub fn serve_until_idle(server: &zmq::Socket, idle_ms: i32) -> zmq::Result<usize> {
    server.set_rcvtimeo(idle_ms)?;
    let mut served = 0;
    loop {
        match server.recv_bytes(0) {
            Ok(request) => {
                server.send(request, 0)?;
                served += 1;
            }
            Err(zmq::Error::EAGAIN) => return Ok(served), // nobody asked for idle_ms
            Err(other) => return Err(other),
        }
    }
}
// ANCHOR_END: own
