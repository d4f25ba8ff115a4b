//! Request–Reply: REQ asks, REP answers (RR1–RR7).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context as _, Result};

use super::{ms, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIMS: [Claim; 7] = [
    Claim {
        id: "RR1",
        star: false,
        summary: "Whatever REQ asks, REP answers back to that REQ",
        zh: "req端请求的消息,rep端必须答复给req端",
        en: "whatever the REQ side asks, the REP side must answer back to that REQ",
        verdict: Verdict::Holds,
        experiment: rr1_finding,
    },
    Claim {
        id: "RR2",
        star: false,
        summary: "Both sides can be 1:N",
        zh: "请求端和服务端都可以是 1:N 的模型",
        en: "both the requesting side and the serving side can be 1:N",
        verdict: Verdict::Holds,
        experiment: rr2_finding,
    },
    Claim {
        id: "RR3",
        star: false,
        summary: "Routing nodes (devices) turn 1:N into N:M",
        zh: "把 1:N 扩展为N:M (只需要加入若干路由节点)",
        en: "1:N extends to N:M (just add some routing nodes)",
        verdict: Verdict::Holds,
        experiment: rr3_finding,
    },
    Claim {
        id: "RR4",
        star: true,
        summary: "Whichever side starts first, the effect is the same",
        zh: "服务端和客户端无论谁先启动,效果是相同的,这点不同于 Socket",
        en: "whichever of server and client starts first, the effect is the same, unlike plain sockets",
        verdict: Verdict::Holds,
        experiment: rr4_finding,
    },
    Claim {
        id: "RR5",
        star: false,
        summary: "Until a message arrives the server blocks, waiting for a client",
        zh: "在服务端收到信息以前,程序是阻塞的,会一直等待客户端连接上来",
        en: "until the server receives a message, the program blocks, waiting for a client to connect",
        verdict: Verdict::HoldsOnlyWhen(
            "no receive timeout is set; and it waits for a request, not a connection: a connected, silent client does not wake it",
        ),
        experiment: rr5_finding,
    },
    Claim {
        id: "RR6",
        star: true,
        summary: "Strictly one question, one answer; out of order is an error",
        zh: "问一答式的。如果 Server 先 send,client 先 rev 是会报错的",
        en: "strictly one question, one answer: if the server sends first or the client receives first, it is an error",
        verdict: Verdict::Holds,
        experiment: rr6_finding,
    },
    Claim {
        id: "RR7",
        star: false,
        summary: "The unit is the message; ZMQ knows only its size, not its format",
        zh: "ZMQ 通信通信单元是消息,他除了知道 Bytes 的大小,他并不关心的消息格式",
        en: "ZMQ's unit of communication is the message: apart from its size in bytes, it does not care about its format",
        verdict: Verdict::Holds,
        experiment: rr7_finding,
    },
];

// ---------------------------------------------------------------- RR1, RR2: who answers whom

// ANCHOR: hello_world
/// The article's first program in miniature: REQ sends "hello", REP answers "world".
pub fn hello_world(transport: Transport) -> Result<Vec<u8>> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    let endpoint = lab.bind(&server, transport)?;
    let client = lab.socket(zmq::REQ)?;
    client.connect(&endpoint)?;

    client.send("hello", 0)?;
    let request = server.recv_bytes(0).context("the server got no request")?;
    ensure!(
        request == b"hello",
        "the server got {:?}",
        lab::text(&request)
    );
    server.send("world", 0)?;
    client.recv_bytes(0).context("the client got no reply")
}
// ANCHOR_END: hello_world

/// What each client asked and what it got back.
#[derive(Debug)]
pub struct Exchange {
    pub asked: String,
    pub answered: String,
}

// ANCHOR: many_clients
/// `clients` REQ sockets on one REP. Every client asks before the server answers anyone,
/// so the server holds requests from all of them and answers in whatever order they came.
pub fn many_clients_one_server(transport: Transport, clients: usize) -> Result<Vec<Exchange>> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    let endpoint = lab.bind(&server, transport)?;
    let sockets = lab.connected(zmq::REQ, &endpoint, clients)?;

    for (i, client) in sockets.iter().enumerate() {
        client.send(format!("client {i}").as_str(), 0)?;
    }
    for _ in 0..clients {
        let request = lab::text(&server.recv_bytes(0)?);
        server.send(format!("answer to {request}").as_str(), 0)?;
    }
    sockets
        .iter()
        .enumerate()
        .map(|(i, client)| {
            Ok(Exchange {
                asked: format!("client {i}"),
                answered: lab::text(&client.recv_bytes(0)?),
            })
        })
        .collect()
}
// ANCHOR_END: many_clients

// ANCHOR: one_client_many_servers
/// One REQ connected to `servers` REPs sends `requests` requests, one at a time.
/// Returns, for each request in order, the index of the server that answered it.
pub fn one_client_many_servers(
    transport: Transport,
    servers: usize,
    requests: usize,
) -> Result<Vec<usize>> {
    let lab = Lab::new()?;
    let client = lab.socket(zmq::REQ)?;
    let mut sockets = Vec::new();
    for _ in 0..servers {
        let server = lab.socket(zmq::REP)?;
        client.connect(&lab.bind(&server, transport)?)?;
        sockets.push(server);
    }
    let mut answered_by = Vec::new();
    for _ in 0..requests {
        client.send("which server?", 0)?;
        // Exactly one server holds the request: find it without blocking on the others.
        let ready = lab::readable(&sockets).context("no server received the request")?;
        ensure!(
            ready.len() == 1,
            "servers {ready:?} all received the one request"
        );
        let index = ready[0];
        sockets[index].recv_bytes(0)?;
        sockets[index].send(format!("server {index}").as_str(), 0)?;
        ensure!(client.recv_bytes(0)? == format!("server {index}").as_bytes());
        answered_by.push(index);
    }
    Ok(answered_by)
}
// ANCHOR_END: one_client_many_servers

fn per_server(answered_by: &[usize], servers: usize) -> Vec<usize> {
    (0..servers)
        .map(|s| answered_by.iter().filter(|&&i| i == s).count())
        .collect()
}

fn rr1_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        agrees &= hello_world(transport)? == b"world";
        agrees &= many_clients_one_server(transport, 5)?
            .iter()
            .all(|e| e.answered == format!("answer to {}", e.asked));
    }
    Ok(Finding {
        agrees,
        evidence: "hello → world; 5 clients on one REP: each got the answer to its own request (tcp, ipc, inproc)".into(),
        figures: String::new(),
    })
}

fn rr2_finding() -> Result<Finding> {
    let exchanges = many_clients_one_server(Transport::Tcp, 5)?;
    let answered_by = one_client_many_servers(Transport::Tcp, 3, 9)?;
    let counts = per_server(&answered_by, 3);
    Ok(Finding {
        agrees: exchanges.len() == 5 && counts == [3, 3, 3],
        evidence: format!(
            "1 REP served 5 REQs; 1 REQ on 3 REPs sent 9 requests round-robin, per server {counts:?}"
        ),
        figures: format!("order of servers: {answered_by:?}"),
    })
}

// ---------------------------------------------------------------- RR3: N:M through a proxy

/// Result of the broker experiment: each client's exchange and how many requests each worker served.
#[derive(Debug)]
pub struct Brokered {
    pub exchanges: Vec<Exchange>,
    pub served_per_worker: Vec<usize>,
}

// ANCHOR: broker
/// `clients` REQs and `workers` REPs that know only the broker: clients connect to its ROUTER
/// front end, workers to its DEALER back end, and `zmq::proxy_steerable` shuttles between them.
pub fn broker(clients: usize, workers: usize, rounds: usize) -> Result<Brokered> {
    let lab = Lab::new()?;
    let frontend = lab.socket(zmq::ROUTER)?;
    let backend = lab.socket(zmq::DEALER)?;
    let front = lab.bind(&frontend, Transport::Tcp)?;
    let back = lab.bind(&backend, Transport::Tcp)?;
    let mut backend = lab.watch(backend)?;

    let worker_sockets = lab.connected(zmq::REP, &back, workers)?;
    // Every worker must be known to the DEALER before the first request, or the first
    // workers to arrive would take all the load.
    backend.wait_handshakes(workers)?;

    // The proxy runs until its control socket says TERMINATE.
    let control_address = lab.endpoint(Transport::Inproc)?;
    let control = lab.socket(zmq::PAIR)?;
    control.bind(&control_address)?;
    let proxy_control = lab.socket(zmq::PAIR)?;
    proxy_control.connect(&control_address)?;
    let proxy = thread::spawn(move || {
        let (mut frontend, mut backend, mut proxy_control) = (frontend, backend, proxy_control);
        zmq::proxy_steerable(&mut frontend, &mut backend.socket, &mut proxy_control)
    });

    // Workers serve until every client has its replies; then `done` tells them to stop.
    let done = Arc::new(AtomicBool::new(false));
    let worker_threads: Vec<_> = worker_sockets
        .into_iter()
        .enumerate()
        .map(|(w, worker)| {
            let done = Arc::clone(&done);
            thread::spawn(move || -> Result<usize> {
                let mut served = 0;
                while !done.load(Ordering::Relaxed) {
                    if let Some(request) = lab::recv_within(&worker, Duration::from_millis(20))? {
                        worker.send(
                            format!("worker {w} answers {}", lab::text(&request)).as_str(),
                            0,
                        )?;
                        served += 1;
                    }
                }
                Ok(served)
            })
        })
        .collect();

    let client_sockets = lab.connected(zmq::REQ, &front, clients)?;
    let mut exchanges = Vec::new();
    for round in 0..rounds {
        for (c, client) in client_sockets.iter().enumerate() {
            client.send(format!("client {c} round {round}").as_str(), 0)?;
        }
        for (c, client) in client_sockets.iter().enumerate() {
            exchanges.push(Exchange {
                asked: format!("client {c} round {round}"),
                answered: lab::text(
                    &client
                        .recv_bytes(0)
                        .context("a client got no reply through the broker")?,
                ),
            });
        }
    }

    done.store(true, Ordering::Relaxed);
    let served_per_worker = worker_threads
        .into_iter()
        .map(|t| t.join().expect("worker thread panicked"))
        .collect::<Result<Vec<_>>>()?;
    control.send("TERMINATE", 0)?;
    proxy.join().expect("proxy thread panicked")?;
    Ok(Brokered {
        exchanges,
        served_per_worker,
    })
}
// ANCHOR_END: broker

fn rr3_finding() -> Result<Finding> {
    let brokered = broker(4, 2, 3)?;
    let own = brokered
        .exchanges
        .iter()
        .filter(|e| e.answered.ends_with(&format!("answers {}", e.asked)))
        .count();
    Ok(Finding {
        agrees: own == 12 && brokered.served_per_worker.iter().all(|&n| n > 0),
        evidence: format!(
            "4 REQ clients, 2 REP workers, ROUTER/DEALER proxy: {own}/12 replies reached their asker, every worker served"
        ),
        figures: format!("requests per worker {:?}", brokered.served_per_worker),
    })
}

// ---------------------------------------------------------------- RR4: start order

/// Which side of the exchange is set up first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartOrder {
    ServerFirst,
    ClientFirst,
}

// ANCHOR: start_order
/// One hello → world exchange where either the server binds before the client connects
/// (`ServerFirst`) or the client connects, and even sends, to an address nobody has bound yet
/// (`ClientFirst`). Returns the reply and how long the exchange took.
pub fn exchange_in_order(transport: Transport, order: StartOrder) -> Result<(Vec<u8>, Duration)> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let started = Instant::now();
    let mut client = lab.watch(lab.socket(zmq::REQ)?)?;
    let server = lab.socket(zmq::REP)?;
    match order {
        StartOrder::ServerFirst => {
            lab::bind_at(&server, &endpoint)?;
            client.socket.connect(&endpoint)?;
            client.socket.send("hello", 0)?;
        }
        StartOrder::ClientFirst => {
            client.socket.connect(&endpoint)?;
            // Nobody is listening yet: the request waits in the client's queue.
            client.socket.send("hello", 0)?;
            if transport != Transport::Inproc {
                // Evidence that the client really found nobody there: its first attempt
                // failed and it has scheduled a retry. (inproc keeps a pending connection
                // instead, which bind completes.)
                client.wait_for(zmq::SocketEvent::CONNECT_RETRIED, 1, lab::BOUND)?;
            }
            lab::bind_at(&server, &endpoint)?;
        }
    }
    let request = server
        .recv_bytes(0)
        .context("the server never got the request")?;
    ensure!(request == b"hello");
    server.send("world", 0)?;
    let reply = client
        .socket
        .recv_bytes(0)
        .context("the client never got the reply")?;
    Ok((reply, started.elapsed()))
}
// ANCHOR_END: start_order

fn rr4_finding() -> Result<Finding> {
    let mut agrees = true;
    let mut figures = Vec::new();
    for transport in Transport::ALL {
        for order in [StartOrder::ServerFirst, StartOrder::ClientFirst] {
            let (reply, took) = exchange_in_order(transport, order)?;
            agrees &= reply == b"world";
            figures.push(format!("{transport} {order:?} {}", ms(took)));
        }
    }
    Ok(Finding {
        agrees,
        evidence: "hello → world with the server first and with the client first (even sending first), on tcp, ipc and inproc".into(),
        figures: figures.join(", "),
    })
}

// ---------------------------------------------------------------- RR5: the server blocks

/// What a server's `recv` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Wait {
    /// It returned a request.
    Request(Vec<u8>),
    /// It gave up with EAGAIN when its receive timeout ran out.
    TimedOut,
}

// ANCHOR: server_waits
/// A REP server's `recv` with a receive timeout of `timeout`, when there is no client at all
/// (`client: None`), a client that has connected but says nothing (`Some(false)`), or a client
/// that sends a request (`Some(true)`). Returns what `recv` did and how long it took.
pub fn server_waits(
    transport: Transport,
    client: Option<bool>,
    timeout: Duration,
) -> Result<(Wait, Duration)> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    server.set_rcvtimeo(lab::millis(timeout))?;
    let endpoint = lab.bind(&server, transport)?;
    let mut watched = lab.watch(lab.socket(zmq::REQ)?)?;
    if let Some(sends) = client {
        watched.socket.connect(&endpoint)?;
        if transport != Transport::Inproc {
            watched.wait_handshakes(1)?; // connected for sure, before the server waits
        }
        if sends {
            watched.socket.send("hello", 0)?;
        }
    }
    let started = Instant::now();
    let outcome = match server.recv_bytes(0) {
        Ok(request) => Wait::Request(request),
        Err(zmq::Error::EAGAIN) => Wait::TimedOut,
        Err(other) => return Err(other.into()),
    };
    Ok((outcome, started.elapsed()))
}
// ANCHOR_END: server_waits

fn rr5_finding() -> Result<Finding> {
    let timeout = Duration::from_millis(200);
    let (alone, alone_took) = server_waits(Transport::Tcp, None, timeout)?;
    let (silent, silent_took) = server_waits(Transport::Tcp, Some(false), timeout)?;
    let (asked, asked_took) = server_waits(Transport::Tcp, Some(true), timeout)?;
    Ok(Finding {
        agrees: alone == Wait::TimedOut
            && lab::waited_out(alone_took, timeout)
            && silent == Wait::TimedOut
            && asked == Wait::Request(b"hello".to_vec()),
        evidence: "with a 200 ms RCVTIMEO: no client → EAGAIN at the timeout; connected silent client → EAGAIN too; a request → returned at once".into(),
        figures: format!(
            "no client {}, silent client {}, request {}",
            ms(alone_took),
            ms(silent_took),
            ms(asked_took)
        ),
    })
}

// ---------------------------------------------------------------- RR6: lock-step

/// The outcome of one out-of-order call and what the socket could do afterwards.
#[derive(Debug)]
pub struct OutOfOrder {
    /// The error the out-of-order call returned (`None` if it succeeded).
    pub error: Option<zmq::Error>,
    /// Whether the same socket then completed a normal hello → world exchange.
    pub still_usable: bool,
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

    let result = match mistake {
        Mistake::ClientReceivesFirst => client.recv_bytes(0).map(drop),
        Mistake::ClientSendsTwice => {
            client.send("hello", 0)?;
            client.send("hello again", 0)
        }
        Mistake::ServerSendsFirst => server.send("world", 0),
        Mistake::ServerReceivesTwice => {
            client.send("hello", 0)?;
            ensure!(server.recv_bytes(0)? == b"hello");
            server.recv_bytes(0).map(drop)
        }
    };
    let error = result.err();

    // Carry on from wherever the mistake left the pair, the way a program that caught the
    // error would: the lock-step state is unchanged by a refused call.
    let still_usable = (|| -> Result<bool> {
        match mistake {
            Mistake::ClientReceivesFirst | Mistake::ServerSendsFirst => client.send("hello", 0)?,
            Mistake::ClientSendsTwice => {}
            Mistake::ServerReceivesTwice => {
                server.send("world", 0)?;
                ensure!(client.recv_bytes(0)? == b"world");
                client.send("hello", 0)?;
            }
        }
        let request = server.recv_bytes(0)?;
        server.send("world", 0)?;
        Ok(request == b"hello" && client.recv_bytes(0)? == b"world")
    })()
    .unwrap_or(false);
    Ok(OutOfOrder {
        error,
        still_usable,
    })
}
// ANCHOR_END: out_of_order

fn rr6_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        for mistake in Mistake::ALL {
            let outcome = out_of_order(transport, mistake)?;
            agrees &= outcome.error == Some(zmq::Error::EFSM) && outcome.still_usable;
        }
    }
    Ok(Finding {
        agrees,
        evidence: "REQ recv first, REQ send twice, REP send first, REP recv twice: each fails at once with EFSM, and the socket then works normally".into(),
        figures: String::new(),
    })
}

// ---------------------------------------------------------------- RR7: messages, not streams

/// Deterministic bytes of every value, with no structure a format could rely on.
pub fn noise(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            // xorshift32: fast, reproducible, covers all 256 byte values.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

/// The payloads RR7 sends: named so a failure says which one broke.
pub fn payloads() -> Vec<(&'static str, Vec<u8>)> {
    static LARGE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    vec![
        ("empty", Vec::new()),
        ("NUL bytes", vec![0, 0, b'a', 0, b'b', 0]),
        ("invalid UTF-8", vec![0xff, 0xfe, 0xc3, 0x28, 0x80]),
        ("JSON text", br#"{"greeting": "hello", "n": 1}"#.to_vec()),
        (
            "10 MiB of noise",
            LARGE.get_or_init(|| noise(10 * 1024 * 1024)).clone(),
        ),
    ]
}

/// A multipart message, one element per frame.
pub type Frames = Vec<Vec<u8>>;

// ANCHOR: echo
/// Sends `request` (a multipart message: one frame per element) from REQ to REP and the
/// same frames back; returns the frames of the request as REP saw them and of the reply.
pub fn echo(transport: Transport, request: &[Vec<u8>]) -> Result<(Frames, Frames)> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    let endpoint = lab.bind(&server, transport)?;
    let client = lab.socket(zmq::REQ)?;
    client.connect(&endpoint)?;

    client.send_multipart(request, 0)?;
    let seen_by_server = server.recv_multipart(0)?;
    server.send_multipart(&seen_by_server, 0)?;
    let reply = client.recv_multipart(0)?;
    Ok((seen_by_server, reply))
}
// ANCHOR_END: echo

// ANCHOR: boundaries
/// Sends `count` messages of sizes 0, 1, 2, … back to back, as fast as possible, and returns
/// the sizes received. A TCP stream would merge or split such writes; ZeroMQ delivers messages.
pub fn boundaries(transport: Transport, count: usize) -> Result<Vec<usize>> {
    let lab = Lab::new()?;
    let receiver = lab.socket(zmq::PULL)?;
    let endpoint = lab.bind(&receiver, transport)?;
    let sender = lab.socket(zmq::PUSH)?;
    sender.connect(&endpoint)?;
    for size in 0..count {
        sender.send(vec![b'x'; size], 0)?;
    }
    Ok(lab::recv_n(&receiver, count)?
        .iter()
        .map(Vec::len)
        .collect())
}
// ANCHOR_END: boundaries

fn rr7_finding() -> Result<Finding> {
    let mut agrees = true;
    let started = Instant::now();
    for transport in Transport::ALL {
        for (_, payload) in payloads() {
            let (seen, reply) = echo(transport, std::slice::from_ref(&payload))?;
            agrees &= seen == [payload.clone()] && reply == [payload];
        }
        let frames = vec![b"header".to_vec(), Vec::new(), noise(1000)];
        let (seen, reply) = echo(transport, &frames)?;
        agrees &= seen == frames && reply == frames;
        agrees &= boundaries(transport, 100)? == (0..100).collect::<Vec<_>>();
    }
    Ok(Finding {
        agrees,
        evidence: "empty, NUL, invalid UTF-8, JSON and 10 MiB payloads byte-exact; 3-frame multipart kept; 100 sends → 100 receives of the same sizes (tcp, ipc, inproc)".into(),
        figures: format!("all round trips {}", ms(started.elapsed())),
    })
}
