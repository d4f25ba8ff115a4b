//! One end of a connection, made by either implementation: libzmq (through the `zmq`
//! crate, in the lab's bounded sockets) or zmq.rs (the `zeromq` crate, on tokio). Every
//! call is bounded: libzmq's by the lab's send and receive timeouts, zmq.rs's by
//! `tokio::time::timeout`, so that a zmq.rs call that never returns is a finding
//! ([`Unanswered`]), never a hang.

use std::fmt;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context as _, Result};
use futures::StreamExt as _;
use zeromq::{Socket as _, SocketRecv as _, SocketSend as _};
use zmq_workbook::lab::{self, Lab, Transport, Watched, BOUND};

/// The two implementations of ZeroMQ a Rust program can choose from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Implementation {
    /// libzmq, through the `zmq` crate's bindings.
    Libzmq,
    /// zmq.rs, the pure-Rust `zeromq` crate.
    Zmqrs,
}

impl Implementation {
    pub fn name(self) -> &'static str {
        match self {
            Implementation::Libzmq => "libzmq",
            Implementation::Zmqrs => "zmq.rs",
        }
    }
}

/// Which implementation makes each side of an experiment: the side that binds (a server,
/// a publisher, a ventilator) and the side that connects to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pairing {
    pub binds: Implementation,
    pub connects: Implementation,
}

impl Pairing {
    /// The matrix's columns, in its order: each implementation alone, then mixed both ways.
    pub const ALL: [Pairing; 4] = [
        Pairing::both(Implementation::Libzmq),
        Pairing::both(Implementation::Zmqrs),
        Pairing {
            binds: Implementation::Libzmq,
            connects: Implementation::Zmqrs,
        },
        Pairing {
            binds: Implementation::Zmqrs,
            connects: Implementation::Libzmq,
        },
    ];

    pub const fn both(implementation: Implementation) -> Pairing {
        Pairing {
            binds: implementation,
            connects: implementation,
        }
    }

    /// "libzmq", "zmq.rs", "libzmq ← zmq.rs" (libzmq binds, zmq.rs connects to it).
    pub fn name(self) -> String {
        if self.binds == self.connects {
            self.binds.name().to_string()
        } else {
            format!("{} ← {}", self.binds.name(), self.connects.name())
        }
    }
}

impl fmt::Display for Pairing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// The transports both implementations have: zmq.rs has no inproc.
pub const TRANSPORTS: [Transport; 2] = Transport::NETWORKED;

/// A zmq.rs call that did not return within its bound: what it was, and the bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    pub call: String,
    pub within: Duration,
}

impl fmt::Display for Unanswered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "zmq.rs's {} did not return within {} ms",
            self.call,
            self.within.as_millis()
        )
    }
}

impl std::error::Error for Unanswered {}

/// Awaits `future` for at most `within`; past that, the call is [`Unanswered`].
pub async fn bounded<T>(
    call: &str,
    within: Duration,
    future: impl std::future::Future<Output = T>,
) -> Result<T, Unanswered> {
    tokio::time::timeout(within, future)
        .await
        .map_err(|_| Unanswered {
            call: call.to_string(),
            within,
        })
}

/// The socket types the experiments use, named once for both implementations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Req,
    Rep,
    Dealer,
    Router,
    Pub,
    /// A PUB that shows the subscriptions it receives, each as a message `\x01<topic>`
    /// (libzmq's in verbose mode: every subscription, even one it has seen before).
    XPub,
    Sub,
    Push,
    Pull,
}

impl Kind {
    fn libzmq(self) -> zmq::SocketType {
        match self {
            Kind::Req => zmq::REQ,
            Kind::Rep => zmq::REP,
            Kind::Dealer => zmq::DEALER,
            Kind::Router => zmq::ROUTER,
            Kind::Pub => zmq::PUB,
            Kind::XPub => zmq::XPUB,
            Kind::Sub => zmq::SUB,
            Kind::Push => zmq::PUSH,
            Kind::Pull => zmq::PULL,
        }
    }
}

/// A zmq.rs socket of any of the kinds above.
enum Rs {
    Req(zeromq::ReqSocket),
    Rep(zeromq::RepSocket),
    Dealer(zeromq::DealerSocket),
    Router(zeromq::RouterSocket),
    Pub(zeromq::PubSocket),
    XPub(zeromq::XPubSocket),
    Sub(zeromq::SubSocket),
    Push(zeromq::PushSocket),
    Pull(zeromq::PullSocket),
}

macro_rules! each {
    ($rs:expr, $socket:ident => $body:expr) => {
        match $rs {
            Rs::Req($socket) => $body,
            Rs::Rep($socket) => $body,
            Rs::Dealer($socket) => $body,
            Rs::Router($socket) => $body,
            Rs::Pub($socket) => $body,
            Rs::XPub($socket) => $body,
            Rs::Sub($socket) => $body,
            Rs::Push($socket) => $body,
            Rs::Pull($socket) => $body,
        }
    };
}

/// What made a socket, and the socket.
enum Made {
    Libzmq(Watched),
    Zmqrs {
        socket: Rs,
        events: futures::channel::mpsc::Receiver<zeromq::SocketEvent>,
        /// Peers seen by zmq.rs's monitor so far: accepted, or connected…
        peers: usize,
        /// …and connections it reported ended.
        disconnections: usize,
    },
}

/// A multipart message, one element per frame.
pub type Frames = Vec<Vec<u8>>;

/// One end of a connection: a socket of either implementation, watched from birth so that
/// its peers can be counted before an experiment waits.
pub struct End {
    made: Made,
    pub kind: Kind,
}

impl End {
    /// A socket of `kind` made by `implementation`; a libzmq one lives in `lab`'s context.
    pub fn new(lab: &Lab, implementation: Implementation, kind: Kind) -> Result<End> {
        let made = match implementation {
            Implementation::Libzmq => {
                let socket = lab.socket(kind.libzmq())?;
                if kind == Kind::XPub {
                    socket.set_xpub_verbose(true)?;
                }
                Made::Libzmq(lab.watch(socket)?)
            }
            Implementation::Zmqrs => {
                let mut socket = match kind {
                    Kind::Req => Rs::Req(zeromq::ReqSocket::new()),
                    Kind::Rep => Rs::Rep(zeromq::RepSocket::new()),
                    Kind::Dealer => Rs::Dealer(zeromq::DealerSocket::new()),
                    Kind::Router => Rs::Router(zeromq::RouterSocket::new()),
                    Kind::Pub => Rs::Pub(zeromq::PubSocket::new()),
                    Kind::XPub => Rs::XPub(zeromq::XPubSocket::new()),
                    Kind::Sub => Rs::Sub(zeromq::SubSocket::new()),
                    Kind::Push => Rs::Push(zeromq::PushSocket::new()),
                    Kind::Pull => Rs::Pull(zeromq::PullSocket::new()),
                };
                let events = each!(&mut socket, s => s.monitor());
                Made::Zmqrs {
                    socket,
                    events,
                    peers: 0,
                    disconnections: 0,
                }
            }
        };
        Ok(End { made, kind })
    }

    pub fn implementation(&self) -> Implementation {
        match self.made {
            Made::Libzmq(_) => Implementation::Libzmq,
            Made::Zmqrs { .. } => Implementation::Zmqrs,
        }
    }

    /// Binds a fresh endpoint of `transport` and returns the endpoint to connect to, read
    /// back from the socket.
    pub async fn bind(&mut self, lab: &Lab, transport: Transport) -> Result<String> {
        match &mut self.made {
            Made::Libzmq(watched) => lab.bind(&watched.socket, transport),
            Made::Zmqrs { socket, .. } => {
                // zmq.rs refuses libzmq's `tcp://…:*`: port 0 asks the kernel for a free one.
                let wanted = match transport {
                    Transport::Tcp => "tcp://127.0.0.1:0".to_string(),
                    _ => lab.endpoint(transport)?,
                };
                let bound = bounded("bind", BOUND, each!(socket, s => s.bind(&wanted)))
                    .await?
                    .with_context(|| format!("zmq.rs cannot bind {wanted}"))?;
                Ok(bound.to_string())
            }
        }
    }

    /// Binds `endpoint`, known in advance ([`Lab::endpoint`]) or just left by another socket.
    pub async fn bind_at(&mut self, endpoint: &str) -> Result<()> {
        match &mut self.made {
            Made::Libzmq(watched) => lab::bind_at(&watched.socket, endpoint),
            Made::Zmqrs { socket, .. } => {
                lab::release(endpoint);
                bounded("bind", BOUND, each!(socket, s => s.bind(endpoint)))
                    .await?
                    .with_context(|| format!("zmq.rs cannot bind {endpoint}"))?;
                Ok(())
            }
        }
    }

    /// Connects to `endpoint`. zmq.rs's `connect` returns once the handshake is done (and
    /// retries until something binds), so a zmq.rs end counts the peer at once.
    ///
    /// A libzmq `connect` returns at once, so several libzmq ends that connect in a row
    /// reach a bound socket at the same moment. A zmq.rs PUSH, PULL, DEALER or ROUTER that
    /// accepts several peers at once can park a tokio worker for good: under load, a
    /// debugger found one waiting for ever on a lock of the peers' map
    /// (`scc::HashMap::begin_sync` in `GenericSocketBackend::refresh_single_peer_cache`,
    /// from `peer_connected`), and the accepts it held never completed. The experiments
    /// therefore connect the peers of a bound socket one at a time, each once the socket
    /// has the one before: no claim is about peers that connect at the same moment.
    pub async fn connect(&mut self, endpoint: &str) -> Result<()> {
        match &mut self.made {
            Made::Libzmq(watched) => Ok(watched.socket.connect(endpoint)?),
            Made::Zmqrs { socket, peers, .. } => {
                bounded("connect", BOUND, each!(socket, s => s.connect(endpoint)))
                    .await?
                    .with_context(|| format!("zmq.rs cannot connect to {endpoint}"))?;
                *peers += 1;
                Ok(())
            }
        }
    }

    /// Waits until `count` peers have connected to this end (libzmq: handshakes seen by
    /// its monitor; zmq.rs: connections its monitor reported, or connects that returned),
    /// and returns how many had by then. Fewer after [`BOUND`] is not an error: the
    /// judge sees the count.
    pub async fn await_peers(&mut self, count: usize) -> Result<usize> {
        match &mut self.made {
            Made::Libzmq(watched) => {
                let _ = watched.monitor.wait_handshakes(count);
                // A socket takes in new connections when it processes its commands;
                // reading ZMQ_EVENTS makes it do so now (as `pipeline::await_peers`).
                watched.socket.get_events()?;
                Ok(watched
                    .monitor
                    .seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?)
            }
            Made::Zmqrs {
                events,
                peers,
                disconnections,
                ..
            } => {
                let deadline = Instant::now() + BOUND;
                while *peers < count {
                    if !next_event(events, peers, disconnections, deadline).await {
                        break;
                    }
                }
                Ok(*peers)
            }
        }
    }

    /// Waits up to `within` until this end's monitor has reported `count` connections
    /// ended, and returns how many it had by then (libzmq: DISCONNECTED events; zmq.rs:
    /// `Disconnected` events, which its PUSH reports only once a write has failed).
    pub async fn await_disconnections(
        &mut self,
        count: usize,
        within: Duration,
    ) -> Result<usize> {
        match &mut self.made {
            Made::Libzmq(watched) => {
                let _ = watched.wait_for(zmq::SocketEvent::DISCONNECTED, count, within);
                watched.seen(zmq::SocketEvent::DISCONNECTED)
            }
            Made::Zmqrs {
                events,
                peers,
                disconnections,
                ..
            } => {
                let deadline = Instant::now() + within;
                while *disconnections < count {
                    if !next_event(events, peers, disconnections, deadline).await {
                        break;
                    }
                }
                Ok(*disconnections)
            }
        }
    }

    /// The libzmq socket and its monitor, where this end is libzmq's: for evidence only
    /// libzmq gives (a poll that leaves the message unread, `ZMQ_EVENTS`, an errno).
    pub fn libzmq(&mut self) -> Option<&mut Watched> {
        match &mut self.made {
            Made::Libzmq(watched) => Some(watched),
            Made::Zmqrs { .. } => None,
        }
    }

    /// Sends one message of `frames`.
    pub async fn send(&mut self, frames: Frames) -> Result<()> {
        match &mut self.made {
            Made::Libzmq(watched) => Ok(watched.socket.send_multipart(frames, 0)?),
            Made::Zmqrs { socket, .. } => {
                let message = message_of(frames)?;
                let sent = match socket {
                    Rs::Req(s) => bounded("send", BOUND, s.send(message)).await?,
                    Rs::Rep(s) => bounded("send", BOUND, s.send(message)).await?,
                    Rs::Dealer(s) => bounded("send", BOUND, s.send(message)).await?,
                    Rs::Router(s) => bounded("send", BOUND, s.send(message)).await?,
                    Rs::Pub(s) => bounded("send", BOUND, s.send(message)).await?,
                    Rs::XPub(s) => bounded("send", BOUND, s.send(message)).await?,
                    Rs::Push(s) => bounded("send", BOUND, s.send(message)).await?,
                    Rs::Sub(_) | Rs::Pull(_) => {
                        return Err(anyhow!("zmq.rs has no send on {:?}", self.kind))
                    }
                };
                Ok(sent.map_err(|e| anyhow!("zmq.rs: {e}"))?)
            }
        }
    }

    /// Sends one single-frame message.
    pub async fn send_one(&mut self, frame: impl Into<Vec<u8>>) -> Result<()> {
        self.send(vec![frame.into()]).await
    }

    /// The next message, if one arrives within `window`; `None` if none does.
    pub async fn recv_within(&mut self, window: Duration) -> Result<Option<Frames>> {
        match &mut self.made {
            Made::Libzmq(watched) => {
                // A receive, not a poll, so that a call libzmq refuses (EFSM) says so.
                let socket = &watched.socket;
                socket.set_rcvtimeo(lab::millis(window))?;
                let received = socket.recv_multipart(0);
                socket.set_rcvtimeo(lab::millis(BOUND))?;
                match received {
                    Err(zmq::Error::EAGAIN) => Ok(None),
                    received => Ok(Some(received?)),
                }
            }
            Made::Zmqrs { socket, .. } => {
                let received = match socket {
                    Rs::Req(s) => tokio::time::timeout(window, s.recv()).await,
                    Rs::Rep(s) => tokio::time::timeout(window, s.recv()).await,
                    Rs::Dealer(s) => tokio::time::timeout(window, s.recv()).await,
                    Rs::Router(s) => tokio::time::timeout(window, s.recv()).await,
                    Rs::Sub(s) => tokio::time::timeout(window, s.recv()).await,
                    Rs::XPub(s) => tokio::time::timeout(window, s.recv()).await,
                    Rs::Pull(s) => tokio::time::timeout(window, s.recv()).await,
                    Rs::Pub(_) | Rs::Push(_) => {
                        return Err(anyhow!("zmq.rs has no recv on {:?}", self.kind))
                    }
                };
                match received {
                    Err(_) => Ok(None),
                    Ok(message) => Ok(Some(frames_of(
                        message.map_err(|e| anyhow!("zmq.rs: {e}"))?,
                    ))),
                }
            }
        }
    }

    /// The next message, which must arrive within [`BOUND`].
    pub async fn recv(&mut self) -> Result<Frames> {
        let implementation = self.implementation().name();
        self.recv_within(BOUND).await?.ok_or_else(|| {
            anyhow!(
                "{implementation}: recv did not return within {} ms",
                BOUND.as_millis()
            )
        })
    }

    /// Subscribes a SUB end to messages that begin with `prefix`.
    pub async fn subscribe(&mut self, prefix: &[u8]) -> Result<()> {
        match &mut self.made {
            Made::Libzmq(watched) => Ok(watched.socket.set_subscribe(prefix)?),
            Made::Zmqrs {
                socket: Rs::Sub(s), ..
            } => {
                // zmq.rs takes a subscription as a `&str`: a prefix that is not UTF-8 cannot
                // be expressed.
                let prefix = std::str::from_utf8(prefix)
                    .context("zmq.rs subscribes only to UTF-8 prefixes")?;
                bounded("subscribe", BOUND, s.subscribe(prefix))
                    .await?
                    .map_err(|e| anyhow!("zmq.rs: {e}"))
            }
            Made::Zmqrs { .. } => Err(anyhow!("subscribe on a {:?}", self.kind)),
        }
    }

    /// Withdraws a SUB end's subscription to `prefix`.
    pub async fn unsubscribe(&mut self, prefix: &[u8]) -> Result<()> {
        match &mut self.made {
            Made::Libzmq(watched) => Ok(watched.socket.set_unsubscribe(prefix)?),
            Made::Zmqrs {
                socket: Rs::Sub(s), ..
            } => {
                let prefix = std::str::from_utf8(prefix)
                    .context("zmq.rs unsubscribes only from UTF-8 prefixes")?;
                bounded("unsubscribe", BOUND, s.unsubscribe(prefix))
                    .await?
                    .map_err(|e| anyhow!("zmq.rs: {e}"))
            }
            Made::Zmqrs { .. } => Err(anyhow!("unsubscribe on a {:?}", self.kind)),
        }
    }

    /// Leaves `endpoint`, which this end bound, and closes: once this returns, another
    /// socket can bind the same address.
    pub async fn leave(self, endpoint: &str) -> Result<()> {
        match self.made {
            Made::Libzmq(watched) => watched.leave(endpoint),
            Made::Zmqrs { .. } => self.close().await,
        }
    }

    /// Closes the socket; a zmq.rs one unbinds before this returns, so that another can
    /// bind its address at once.
    pub async fn close(self) -> Result<()> {
        match self.made {
            Made::Libzmq(watched) => {
                drop(watched);
                Ok(())
            }
            Made::Zmqrs { socket, .. } => {
                let errors =
                    bounded("close", BOUND, each!(socket, s => s.close())).await?;
                match errors.first() {
                    None => Ok(()),
                    Some(e) => Err(anyhow!("zmq.rs close: {e}")),
                }
            }
        }
    }
}

/// Reads zmq.rs's next monitor event, if one comes before `deadline`, into the counts;
/// `false` if none came.
async fn next_event(
    events: &mut futures::channel::mpsc::Receiver<zeromq::SocketEvent>,
    peers: &mut usize,
    disconnections: &mut usize,
    deadline: Instant,
) -> bool {
    let left = deadline.saturating_duration_since(Instant::now());
    match tokio::time::timeout(left, events.next()).await {
        Ok(Some(zeromq::SocketEvent::Accepted(..)))
        | Ok(Some(zeromq::SocketEvent::Connected(..))) => *peers += 1,
        Ok(Some(zeromq::SocketEvent::Disconnected(..))) => *disconnections += 1,
        Ok(Some(_)) => {}
        Ok(None) | Err(_) => return false,
    }
    true
}

fn message_of(frames: Frames) -> Result<zeromq::ZmqMessage> {
    let frames: Vec<bytes::Bytes> = frames.into_iter().map(bytes::Bytes::from).collect();
    zeromq::ZmqMessage::try_from(frames).map_err(|e| anyhow!("zmq.rs: {e}"))
}

fn frames_of(message: zeromq::ZmqMessage) -> Frames {
    message.into_vec().into_iter().map(|b| b.to_vec()).collect()
}

/// The runtime every zmq.rs experiment runs on. Experiments run side by side from many
/// threads (`Runtime::block_on` takes `&self`); libzmq calls block only the calling thread,
/// never the workers that carry zmq.rs's connections. Eight workers, because the matrix
/// runs eight cells at once and each libzmq lab has an I/O thread of its own: on a loaded
/// machine, two workers for all of zmq.rs's connections lost the race for the CPU.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> =
        std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(8)
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

/// Runs an async experiment to its end on [`runtime`].
pub fn run<T>(experiment: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    runtime().block_on(experiment)
}
