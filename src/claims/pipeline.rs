//! Parallel pipeline: PUSH deals messages out, PULL collects them (PL1–PL5).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context as _, Result};

use super::{joined, ms, spread, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport, Watched, BOUND};

pub static CLAIMS: [Claim; 5] = [
    Claim {
        id: "PL1",
        star: true,
        summary: "Every pushed message is received by exactly one PULL end",
        zh: "push的任何一个消息,始终只会有一个pull端收到消息",
        en: "any message pushed is only ever received by one PULL end",
        verdict: Verdict::Holds,
        experiment: pl1_finding,
    },
    Claim {
        id: "PL2",
        star: false,
        summary: "Pullers compete for the data: the load is shared",
        zh: "pull进行数据竞争获取处理",
        en: "PULL ends compete for the data and process it",
        verdict: Verdict::HoldsOnlyWhen(
            "the pullers are connected before the pushing starts: PUSH deals round robin, not by who is free, and a puller that is alone at first takes everything sent meanwhile",
        ),
        experiment: pl2_finding,
    },
    Claim {
        id: "PL3",
        star: false,
        summary: "The pipeline PUSH → workers → PULL (ventilator, workers, sink)",
        zh: "由三部分组成,push进行数据推送,work进行数据缓存,pull进行数据竞争获取处理",
        en: "made of three parts: PUSH pushes the data, workers buffer it, PULL competes for it",
        verdict: Verdict::Holds,
        experiment: pl3_finding,
    },
    Claim {
        id: "PL4",
        star: false,
        summary: "Unlike PUB/SUB, there is a buffer",
        zh: "区别于Publish-Subscribe存在一个数据缓存和处理负载",
        en: "unlike Publish-Subscribe, there is a data buffer and a processing load",
        verdict: Verdict::HoldsOnlyWhen(
            "the PUSH has a peer or connects: a binding PUSH with no puller has nowhere to queue and refuses to send (blocks, EAGAIN); at the high-water mark it blocks instead of dropping",
        ),
        experiment: pl4_finding,
    },
    Claim {
        id: "PL5",
        star: false,
        summary: "When the connection breaks no data is lost; after reconnecting it keeps flowing",
        zh: "当连接被断开,数据不会丢失,重连后数据继续发送到对端",
        en: "when the connection is broken, data is not lost; after reconnecting, data continues to be sent to the peer",
        verdict: Verdict::HoldsOnlyWhen(
            "the messages are sent after the PUSH noticed the break: a connecting PUSH queues them for the puller's return, a binding one blocks (EAGAIN with DONTWAIT) until a puller connects. What the departed puller had received but not read, and what was pushed as it left, are lost",
        ),
        experiment: pl5_finding,
    },
];

/// A PUSH bound on `transport` with `pullers` PULLs connected to it, all of them known to the
/// PUSH before it sends (on tcp and ipc: after their handshakes).
pub fn connected_pipeline(
    lab: &Lab,
    transport: Transport,
    pullers: usize,
) -> Result<(Watched, Vec<zmq::Socket>)> {
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    let endpoint = lab.bind(&pusher.socket, transport)?;
    let sockets = lab.connected(zmq::PULL, &endpoint, pullers)?;
    if transport != Transport::Inproc {
        pusher.wait_handshakes(pullers)?;
    }
    // A socket takes in new connections when it processes its commands, which a burst of sends
    // does at most once a millisecond or so; reading ZMQ_EVENTS makes it do so now.
    pusher.socket.get_events()?;
    Ok((pusher, sockets))
}

fn number(message: &[u8]) -> usize {
    lab::text(message)
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

// ANCHOR: exactly_once
/// Pushes `messages` numbered messages to `pullers` pullers; returns the numbers each received.
pub fn received_by_each_puller(
    transport: Transport,
    pullers: usize,
    messages: usize,
) -> Result<Vec<Vec<usize>>> {
    let lab = Lab::new()?;
    let (pusher, sockets) = connected_pipeline(&lab, transport, pullers)?;
    for i in 0..messages {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    collect_from(&sockets, messages)
}
// ANCHOR_END: exactly_once

// ANCHOR: collect_from
/// Reads from whichever puller has a message until `messages` have arrived in all, then
/// listens a little longer: a duplicate would arrive now. Returns the numbers each received.
fn collect_from(sockets: &[zmq::Socket], messages: usize) -> Result<Vec<Vec<usize>>> {
    let mut received = vec![Vec::new(); sockets.len()];
    let mut total = 0;
    while total < messages {
        for p in
            lab::readable(sockets).with_context(|| format!("only {total} of {messages} arrived"))?
        {
            received[p].push(number(&sockets[p].recv_bytes(0)?));
            total += 1;
        }
    }
    for (p, socket) in sockets.iter().enumerate() {
        received[p].extend(
            lab::drain(socket, Duration::from_millis(20))?
                .iter()
                .map(|m| number(m)),
        );
    }
    Ok(received)
}
// ANCHOR_END: collect_from

/// Every number from 0 to `messages` exactly once across all pullers.
pub fn exactly_once(received: &[Vec<usize>], messages: usize) -> bool {
    let mut all: Vec<usize> = received.concat();
    all.sort_unstable();
    all == (0..messages).collect::<Vec<_>>()
}

fn pl1_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        agrees &= exactly_once(&received_by_each_puller(transport, 3, 3000)?, 3000);
    }
    Ok(Finding {
        agrees,
        evidence: "3000 numbered messages to 3 pullers: every number arrived exactly once, none lost, none twice (tcp, ipc, inproc)".into(),
        figures: String::new(),
    })
}

// ANCHOR: late_pullers
/// The pitfall: one puller is connected, `early` messages are pushed, then `late` more
/// pullers connect and `after` more messages are pushed. Returns how many each puller got.
pub fn pullers_join_one_by_one(
    transport: Transport,
    late: usize,
    early: usize,
    after: usize,
) -> Result<Vec<usize>> {
    let lab = Lab::new()?;
    let (mut pusher, mut sockets) = connected_pipeline(&lab, transport, 1)?;
    for i in 0..early {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    let endpoint = lab::last_endpoint(&pusher.socket)?;
    sockets.extend(lab.connected(zmq::PULL, &endpoint, late)?);
    if transport != Transport::Inproc {
        pusher.wait_handshakes(1 + late)?;
    }
    pusher.socket.get_events()?; // take in the new connections now (see connected_pipeline)
    for i in early..early + after {
        pusher.socket.send(format!("task {i}").as_str(), 0)?;
    }
    let received = collect_from(&sockets, early + after)?;
    Ok(received.iter().map(Vec::len).collect())
}
// ANCHOR_END: late_pullers

fn pl2_finding() -> Result<Finding> {
    let shares: Vec<usize> = received_by_each_puller(Transport::Tcp, 3, 3000)?
        .iter()
        .map(Vec::len)
        .collect();
    let late = pullers_join_one_by_one(Transport::Tcp, 2, 300, 300)?;
    Ok(Finding {
        agrees: shares == [1000, 1000, 1000] && late == [400, 100, 100],
        evidence: format!(
            "3 pullers connected first: {shares:?} of 3000; one puller first, 300 pushed, then 2 more and 300 pushed: {late:?}"
        ),
        figures: String::new(),
    })
}

// ANCHOR: ventilator_workers_sink
/// The article's pipeline: a ventilator PUSHes `tasks` tasks to `workers` workers (PULL in,
/// PUSH out), and a sink PULLs the results. Returns, per task number, the workers that
/// delivered it to the sink.
pub fn ventilator_workers_sink(
    transport: Transport,
    workers: usize,
    tasks: usize,
) -> Result<Vec<Vec<usize>>> {
    let lab = Lab::new()?;
    let (ventilator, pullers) = connected_pipeline(&lab, transport, workers)?;
    let sink = lab.socket(zmq::PULL)?;
    let sink_endpoint = lab.bind(&sink, transport)?;

    let done = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    for (w, input) in pullers.into_iter().enumerate() {
        let output = lab.socket(zmq::PUSH)?;
        output.connect(&sink_endpoint)?;
        let done = Arc::clone(&done);
        threads.push(thread::spawn(move || -> Result<()> {
            while !done.load(Ordering::Relaxed) {
                if let Some(task) = lab::recv_within(&input, Duration::from_millis(20))? {
                    output.send(format!("worker {w} did {}", lab::text(&task)).as_str(), 0)?;
                }
            }
            Ok(())
        }));
    }
    for i in 0..tasks {
        ventilator.socket.send(format!("task {i}").as_str(), 0)?;
    }
    let mut delivered_by = vec![Vec::new(); tasks];
    for result in lab::recv_n(&sink, tasks)? {
        let text = lab::text(&result);
        let worker: usize = text
            .split(' ')
            .nth(1)
            .and_then(|w| w.parse().ok())
            .context("bad result")?;
        delivered_by[number(&result)].push(worker);
    }
    // Anything more (a duplicate) would arrive now.
    for extra in lab::drain(&sink, Duration::from_millis(20))? {
        delivered_by[number(&extra)].push(usize::MAX);
    }
    done.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().expect("worker panicked")?;
    }
    Ok(delivered_by)
}
// ANCHOR_END: ventilator_workers_sink

fn pl3_finding() -> Result<Finding> {
    let delivered = ventilator_workers_sink(Transport::Tcp, 3, 300)?;
    let once = delivered.iter().all(|d| d.len() == 1);
    let per_worker: Vec<usize> = (0..3)
        .map(|w| delivered.iter().filter(|d| d.contains(&w)).count())
        .collect();
    Ok(Finding {
        agrees: once && per_worker.iter().all(|&n| n > 0),
        evidence: "ventilator → 3 workers → sink: each of 300 tasks reached the sink exactly once; every worker took part".into(),
        figures: format!("tasks per worker {per_worker:?}"),
    })
}

/// What a PUSH with no puller did.
#[derive(Debug)]
pub struct NoPuller {
    /// Sends accepted before the first refusal (up to `tried`).
    pub accepted: usize,
    /// The error of the first refused send.
    pub refused_with: Option<zmq::Error>,
    /// How long a send with a 100 ms send timeout waited before giving up.
    pub timeout_took: Option<Duration>,
    /// What a puller that appeared afterwards received.
    pub later_received: usize,
}

/// Where the PUSH stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushSide {
    Binds,
    Connects,
}

// ANCHOR: no_puller
/// A PUSH with no puller at all (it binds, or connects to an address nobody has bound) tries
/// `tried` sends with DONTWAIT, then one with a 100 ms send timeout; then a puller appears.
pub fn push_without_puller(
    transport: Transport,
    side: PushSide,
    hwm: i32,
    tried: usize,
) -> Result<NoPuller> {
    let lab = Lab::new()?;
    let pusher = lab.socket(zmq::PUSH)?;
    pusher.set_sndhwm(hwm)?;
    let endpoint = lab.endpoint(transport)?;
    match side {
        PushSide::Binds => lab::bind_at(&pusher, &endpoint)?,
        PushSide::Connects => pusher.connect(&endpoint)?,
    }
    let mut accepted = 0;
    let mut refused_with = None;
    for i in 0..tried {
        match pusher.send(format!("task {i}").as_str(), zmq::DONTWAIT) {
            Ok(()) => accepted += 1,
            Err(e) => {
                refused_with = Some(e);
                break;
            }
        }
    }
    let mut timeout_took = None;
    if refused_with.is_some() {
        pusher.set_sndtimeo(100)?;
        let started = Instant::now();
        ensure!(
            pusher.send("one more", 0) == Err(zmq::Error::EAGAIN),
            "a send with a timeout went through"
        );
        timeout_took = Some(started.elapsed());
    }
    let puller = lab.socket(zmq::PULL)?;
    match side {
        PushSide::Binds => puller.connect(&endpoint)?,
        PushSide::Connects => lab::bind_at(&puller, &endpoint)?,
    }
    let later_received = lab::receive_expecting(&puller, accepted)?.len();
    Ok(NoPuller {
        accepted,
        refused_with,
        timeout_took,
        later_received,
    })
}
// ANCHOR_END: no_puller

// ANCHOR: slow_puller
/// A puller that is connected but does not read, high-water marks of `hwm` on both sides (and
/// small kernel buffers on tcp). Pushes with DONTWAIT until refused; then the puller reads.
/// Returns how many sends were accepted and how many messages the puller then found.
pub fn push_to_slow_puller(transport: Transport, hwm: i32) -> Result<(usize, usize)> {
    let lab = Lab::new()?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.set_sndhwm(hwm)?;
    pusher.socket.set_sndbuf(16 * 1024)?;
    let endpoint = lab.bind(&pusher.socket, transport)?;
    let puller = lab.socket(zmq::PULL)?;
    puller.set_rcvhwm(hwm)?;
    puller.set_rcvbuf(16 * 1024)?;
    puller.connect(&endpoint)?;
    if transport != Transport::Inproc {
        pusher.wait_handshakes(1)?;
    }
    pusher.socket.get_events()?;

    let mut accepted = 0;
    let payload = vec![b'.'; 1024];
    // Once the queues are full, the I/O thread may still free a little room: keep pushing
    // until a send with a 100 ms timeout is refused.
    pusher.socket.set_sndtimeo(100)?;
    while pusher.socket.send(&payload, 0).is_ok() {
        accepted += 1;
        ensure!(accepted < 1_000_000, "the PUSH never stopped accepting");
    }
    let found = lab::receive_expecting(&puller, accepted)?.len();
    Ok((accepted, found))
}
// ANCHOR_END: slow_puller

fn pl4_finding() -> Result<Finding> {
    let binds = push_without_puller(Transport::Tcp, PushSide::Binds, 10, 100)?;
    let connects = push_without_puller(Transport::Tcp, PushSide::Connects, 10, 100)?;
    let (accepted, found) = push_to_slow_puller(Transport::Tcp, 10)?;
    Ok(Finding {
        agrees: binds.accepted == 0
            && binds.refused_with == Some(zmq::Error::EAGAIN)
            && connects.accepted >= 10
            && connects.accepted < 100
            && connects.refused_with == Some(zmq::Error::EAGAIN)
            && connects.later_received == connects.accepted
            && accepted == found,
        evidence: "no puller: a binding PUSH refused the first send (EAGAIN); a connecting PUSH queued messages up to its high-water mark, then refused (EAGAIN, never dropped), and a puller that came later received every queued one. To a connected puller that does not read: the PUSH blocks when the queues are full and drops nothing".into(),
        figures: format!(
            "tcp, SNDHWM 10: connecting PUSH queued {}, send timeout of 100 ms waited {}; slow puller: {accepted} accepted before blocking, {found} delivered",
            connects.accepted,
            connects.timeout_took.map(ms).unwrap_or_default()
        ),
    })
}

/// What arrived when a puller left and came back.
#[derive(Debug)]
pub struct Reconnected {
    /// Delivered to the first puller but left unread when it went: lost?
    pub unread_arrived: bool,
    /// Pushed while the puller was away: how many the returning puller received.
    pub while_away_arrived: usize,
    pub while_away_sent: usize,
}

// ANCHOR: puller_returns
/// The PUSH connects, the PULL binds. One message reaches the puller and stays unread; the
/// puller leaves; five messages are pushed while it is away; a new puller binds the same
/// address. Which messages does it get?
pub fn puller_leaves_and_returns(transport: Transport) -> Result<Reconnected> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let puller = lab.watch(lab.socket(zmq::PULL)?)?;
    lab::bind_at(&puller.socket, &endpoint)?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.connect(&endpoint)?;
    pusher.socket.send("unread", 0)?;
    ensure!(
        puller.socket.poll(zmq::POLLIN, lab::millis(BOUND).into())? > 0,
        "the first message never arrived"
    );

    puller.leave(&endpoint)?; // with "unread" in its queue

    // Until the PUSH has noticed the break, what it sends can still go down the dead
    // connection; "while away" starts when it knows.
    pusher.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;

    let while_away_sent = 5;
    for i in 0..while_away_sent {
        pusher.socket.send(format!("while away {i}").as_str(), 0)?;
    }
    let returning = lab.socket(zmq::PULL)?;
    lab::bind_at(&returning, &endpoint)?;
    // "unread", if it survived, was queued ahead of the others and would come first: reading
    // until the last "while away" message has come (or nothing comes for BOUND) sees it.
    let mut arrived = Vec::new();
    let last = format!("while away {}", while_away_sent - 1);
    while let Some(message) = lab::recv_within(&returning, BOUND)? {
        arrived.push(lab::text(&message));
        if arrived.last() == Some(&last) {
            break;
        }
    }
    Ok(Reconnected {
        unread_arrived: arrived.iter().any(|m| m == "unread"),
        while_away_arrived: arrived
            .iter()
            .filter(|m| m.starts_with("while away"))
            .count(),
        while_away_sent,
    })
}
// ANCHOR_END: puller_returns

// ANCHOR: in_flight
/// The PUSH connects, the PULL binds. The puller leaves, and at once the PUSH sends `sent`
/// numbered messages, before it can have noticed; once it has, it sends one more, numbered
/// `sent`, and a new puller binds the same address. Returns the numbers the new puller received
/// before that last one, which (PL5's control) always arrives.
pub fn push_as_the_puller_leaves(transport: Transport, sent: usize) -> Result<Vec<usize>> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let puller = lab.watch(lab.socket(zmq::PULL)?)?;
    lab::bind_at(&puller.socket, &endpoint)?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.connect(&endpoint)?;
    pusher.wait_handshakes(1)?;
    pusher.socket.get_events()?; // the connection is taken in: sends go down it

    puller.leave(&endpoint)?; // its connection closes in the background
    for i in 0..sent {
        pusher.socket.send(format!("in flight {i}").as_str(), 0)?;
    }
    pusher.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
    pusher
        .socket
        .send(format!("after the break {sent}").as_str(), 0)?;

    let returning = lab.socket(zmq::PULL)?;
    lab::bind_at(&returning, &endpoint)?;
    let mut arrived = Vec::new();
    loop {
        let message = lab::recv_within(&returning, BOUND)?
            .context("the message sent after the PUSH noticed the break never arrived")?;
        match number(&message) {
            n if n == sent => return Ok(arrived),
            n => arrived.push(n),
        }
    }
}
// ANCHOR_END: in_flight

/// What a binding PUSH did when its puller left and came back.
#[derive(Debug)]
pub struct BoundSideReturn {
    /// The answer to a send (DONTWAIT) while the puller was away: `None` if it was accepted.
    pub while_away: Option<zmq::Error>,
    /// Delivered to the first puller but left unread when it went: came back?
    pub unread_arrived: bool,
    /// The control: a message pushed after the puller's return reached it.
    pub after_return_arrived: bool,
}

// ANCHOR: bound_push_returns
/// The PUSH binds, the PULL connects. One message reaches the puller and stays unread; the
/// puller leaves; the PUSH tries to send while it is away; then a puller connects again.
pub fn bound_push_puller_returns(transport: Transport) -> Result<BoundSideReturn> {
    let lab = Lab::new()?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    let endpoint = lab.bind(&pusher.socket, transport)?;
    let puller = lab.socket(zmq::PULL)?;
    puller.connect(&endpoint)?;
    if transport != Transport::Inproc {
        pusher.wait_handshakes(1)?;
    }
    pusher.socket.get_events()?;
    pusher.socket.send("unread", 0)?;
    ensure!(
        puller.poll(zmq::POLLIN, lab::millis(BOUND).into())? > 0,
        "the first message never arrived"
    );

    drop(puller); // leaves with "unread" in its queue
    lab::await_no_peer(&pusher.socket)?;
    let while_away = pusher.socket.send("while away", zmq::DONTWAIT).err();

    let returning = lab.socket(zmq::PULL)?;
    returning.connect(&endpoint)?;
    ensure!(
        pusher
            .socket
            .poll(zmq::POLLOUT, lab::millis(BOUND).into())?
            > 0,
        "the PUSH never took in the returning puller"
    );
    pusher.socket.send("after the return", 0)?;
    let arrived = lab::receive_expecting(&returning, 1)?;
    Ok(BoundSideReturn {
        while_away,
        unread_arrived: arrived.iter().any(|m| m == b"unread"),
        after_return_arrived: arrived.iter().any(|m| m == b"after the return"),
    })
}
// ANCHOR_END: bound_push_returns

/// Whether the numbers that arrived are the last ones sent, in order, each once: whatever was
/// lost, was lost from the head.
pub fn a_tail_in_order(arrived: &[usize], sent: usize) -> bool {
    let first = sent - arrived.len().min(sent);
    arrived.iter().copied().eq(first..sent)
}

fn pl5_finding() -> Result<Finding> {
    let (sent, runs) = (10, 5);
    // Independent experiments, mostly waiting for reconnections: run them side by side.
    let (returned, bound, in_flight) = thread::scope(|scope| {
        let returned: Vec<_> = Transport::NETWORKED
            .map(|transport| scope.spawn(move || puller_leaves_and_returns(transport)))
            .into_iter()
            .collect();
        let bound: Vec<_> = Transport::ALL
            .map(|transport| scope.spawn(move || bound_push_puller_returns(transport)))
            .into_iter()
            .collect();
        let in_flight: Vec<_> = (0..runs)
            .map(|_| scope.spawn(move || push_as_the_puller_leaves(Transport::Tcp, sent)))
            .collect();
        (joined(returned), joined(bound), joined(in_flight))
    });
    let mut agrees = true;
    for outcome in returned? {
        agrees &= !outcome.unread_arrived && outcome.while_away_arrived == outcome.while_away_sent;
    }
    for outcome in bound? {
        agrees &= outcome.while_away == Some(zmq::Error::EAGAIN)
            && !outcome.unread_arrived
            && outcome.after_return_arrived;
    }
    let mut lost = Vec::new();
    for arrived in in_flight? {
        agrees &= a_tail_in_order(&arrived, sent);
        lost.push(sent - arrived.len());
    }
    lost.sort_unstable();
    Ok(Finding {
        agrees,
        evidence: "PUSH connecting, PULL leaving and binding again (tcp, ipc): all 5 messages pushed while it was away arrived; the one it had received but not read was lost; of those pushed as it left, before the PUSH noticed, any lost were lost from the head, never reordered or doubled. A binding PUSH keeps no queue for a puller that left: it refused to send (EAGAIN) until one connected, then delivered".into(),
        figures: format!(
            "tcp, pushed as the puller left: lost of {sent}, min/median/max over {runs} runs: {}",
            spread(&lost)
        ),
    })
}
