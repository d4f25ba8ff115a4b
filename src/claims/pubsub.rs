//! Publish–Subscribe: one publisher, many subscribers, topics as prefixes (PS1–PS7).
//!
//! Where an experiment needs to know that a subscriber is ready, its publisher is an **XPUB**: a
//! PUB that also hands the application every subscription it receives. It delivers exactly as
//! a PUB does; the subscription it shows is the evidence the experiment waits for, instead of a
//! sleep.

use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context as _, Result};

use super::{joined, ms, spread, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport, BOUND, SILENCE};

pub static CLAIMS: [Claim; 7] = [
    Claim {
        id: "PS1",
        star: false,
        summary: "One published message reaches many subscribers at once",
        zh: "发布端发布一条消息,可被多个订阅端同事收到",
        en: "one message the publisher publishes can be received by several subscribers at the same time",
        verdict: Verdict::Holds,
        experiment: ps1_finding,
    },
    Claim {
        id: "PS2",
        star: false,
        summary: "A subscriber receives only the topics it subscribed to (\"123\" = messages beginning with 123)",
        zh: "消息过滤  只接受123开头的信息",
        en: "message filter: only accept messages beginning with 123",
        verdict: Verdict::Holds,
        experiment: ps2_finding,
    },
    Claim {
        id: "PS3",
        star: true,
        summary: "A SUB must set a filter, or it receives nothing; the empty filter receives all",
        zh: "两种情况  这里必须使用一种来 过滤消息 不然无法接受消息",
        en: "one of the two must be used to filter messages, otherwise no message can be received",
        verdict: Verdict::Holds,
        experiment: ps3_finding,
    },
    Claim {
        id: "PS4",
        star: false,
        summary: "No queue or cache: what is published while disconnected is lost",
        zh: "广播所有client,没有队列缓存,断开连接数据将永远丢失",
        en: "broadcast to all clients, no queue or cache; data sent while disconnected is lost forever",
        verdict: Verdict::HoldsOnlyWhen(
            "nobody is connected: a connected subscriber does have a queue, up to the high-water mark, past which the publisher drops new messages without blocking",
        ),
        experiment: ps4_finding,
    },
    Claim {
        id: "PS5",
        star: false,
        summary: "A subscriber that leaves does not disturb the broadcast; back, it gets only new messages",
        zh: "如果中途有 Subscriber 端退出,并不影响他继续的广播,当 Subscriber 再连接上来的时候,收到的就是后来发送的新的信息了",
        en: "if a subscriber quits midway the broadcast goes on; when it connects again it receives only what is sent afterwards",
        verdict: Verdict::Holds,
        experiment: ps5_finding,
    },
    Claim {
        id: "PS6",
        star: false,
        summary: "Late joiners lose messages: the \"slow joiner\"",
        zh: "必然会丢失掉一部分信息,这是这个模式的一个问题,所谓的 Slow joiner",
        en: "subscribers that join late or leave midway inevitably lose part of the messages: the so-called slow joiner",
        verdict: Verdict::HoldsOnlyWhen(
            "the publisher sends before the subscription has reached it; waiting for that evidence (an XPUB's subscription, or a probe that arrives) loses nothing",
        ),
        experiment: ps6_finding,
    },
    Claim {
        id: "PS7",
        star: false,
        summary: "If the publisher leaves, subscribers hold on and receive again when it is back",
        zh: "如果 Publisher 中途离开,所有的 Subscriber 会 hold 住,等待 Publisher 再上线的时候,会继续接受信息",
        en: "if the publisher leaves midway, all subscribers hold on, and when it is back online they continue to receive",
        verdict: Verdict::HoldsOnlyWhen(
            "the transport is tcp or ipc (inproc does not reconnect), the subscriber calls into libzmq (recv, poll) to resubscribe, and the returning publisher waits for the resubscription, about one reconnect interval: what it sends before that is lost",
        ),
        experiment: ps7_finding,
    },
];

// ---------------------------------------------------------------- the evidence a subscriber is ready

// ANCHOR: publisher
/// A publisher that shows the subscriptions it receives: an XPUB in verbose mode (every
/// subscription is passed on, even one it has seen before from another subscriber).
pub fn publisher(lab: &Lab) -> Result<zmq::Socket> {
    let publisher = lab.socket(zmq::XPUB)?;
    publisher.set_xpub_verbose(true)?;
    Ok(publisher)
}

/// Waits until `count` subscriptions have reached `publisher`: from then on, every message it
/// sends on those topics is delivered. A subscription arrives as a message `\x01<topic>`
/// (`\x00<topic>` is an unsubscription); returns the topics.
pub fn await_subscriptions(publisher: &zmq::Socket, count: usize) -> Result<Vec<Vec<u8>>> {
    let mut topics = Vec::new();
    while topics.len() < count {
        let Some(event) = lab::recv_within(publisher, BOUND)? else {
            bail!(
                "{} of {count} subscriptions reached the publisher within {BOUND:?}",
                topics.len()
            );
        };
        if event.first() == Some(&1) {
            topics.push(event[1..].to_vec());
        }
    }
    Ok(topics)
}
// ANCHOR_END: publisher

/// A subscriber connected to `endpoint` with the given subscriptions.
pub fn subscriber(lab: &Lab, endpoint: &str, topics: &[&[u8]]) -> Result<zmq::Socket> {
    let subscriber = lab.socket(zmq::SUB)?;
    for topic in topics {
        subscriber.set_subscribe(topic)?;
    }
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// Reads until `last` arrives (delivery is in order, so everything before it that was going
/// to arrive has arrived) and returns what came, `last` excluded.
pub fn recv_until(subscriber: &zmq::Socket, last: &[u8]) -> Result<Vec<Vec<u8>>> {
    let mut received = Vec::new();
    loop {
        let message = lab::recv_within(subscriber, BOUND)?
            .with_context(|| format!("{:?} never arrived", lab::text(last)))?;
        if message == last {
            return Ok(received);
        }
        received.push(message);
    }
}

fn numbered(prefix: &str, count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| format!("{prefix} {i}").into_bytes())
        .collect()
}

// ---------------------------------------------------------------- PS1: many subscribers

// ANCHOR: fan_out
/// `subscribers` SUBs, all subscribed to everything, and `messages` messages published once.
/// Returns what each subscriber received.
pub fn fan_out(
    transport: Transport,
    subscribers: usize,
    messages: usize,
) -> Result<Vec<Vec<Vec<u8>>>> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let sockets = (0..subscribers)
        .map(|_| subscriber(&lab, &endpoint, &[b""]))
        .collect::<Result<Vec<_>>>()?;
    await_subscriptions(&publisher, subscribers)?;

    for message in numbered("news", messages) {
        publisher.send(message, 0)?;
    }
    publisher.send("end", 0)?;
    sockets.iter().map(|s| recv_until(s, b"end")).collect()
}
// ANCHOR_END: fan_out

fn ps1_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        let received = fan_out(transport, 5, 100)?;
        agrees &= received.iter().all(|r| *r == numbered("news", 100));
    }
    Ok(Finding {
        agrees,
        evidence: "5 subscribers on one address each received all 100 messages, in order (tcp, ipc, inproc)".into(),
        figures: String::new(),
    })
}

// ---------------------------------------------------------------- PS2: topics are prefixes

/// The messages PS2 publishes, in order.
pub const PS2_MESSAGES: [&str; 8] = ["123", "1234", "123abc", "0123", "12", "abc123", "", "124"];

// ANCHOR: filter
/// One subscriber with the given subscriptions (and, optionally, some of them withdrawn again),
/// and the messages published after the publisher has seen them. Returns what it received.
pub fn filtered(
    transport: Transport,
    subscribe: &[&[u8]],
    unsubscribe: &[&[u8]],
    messages: &[Vec<Vec<u8>>],
) -> Result<Vec<Vec<Vec<u8>>>> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let subscriber = subscriber(&lab, &endpoint, subscribe)?;
    // A control topic tells the subscriber that the publisher has sent everything.
    subscriber.set_subscribe(b"\xffend")?;
    await_subscriptions(&publisher, subscribe.len() + 1)?;
    for topic in unsubscribe {
        subscriber.set_unsubscribe(topic)?;
    }
    // Unsubscriptions travel like subscriptions (`\x00<topic>`): wait until all have arrived.
    let mut withdrawn = 0;
    while withdrawn < unsubscribe.len() {
        let event =
            lab::recv_within(&publisher, BOUND)?.context("an unsubscription never arrived")?;
        withdrawn += usize::from(event.first() == Some(&0));
    }

    for message in messages {
        publisher.send_multipart(message, 0)?;
    }
    publisher.send(&b"\xffend"[..], 0)?;
    let mut received = Vec::new();
    loop {
        let message = subscriber.recv_multipart(0)?;
        if message == [b"\xffend".to_vec()] {
            return Ok(received);
        }
        received.push(message);
    }
}
// ANCHOR_END: filter

/// Single-frame messages from text.
pub fn frames(texts: &[&str]) -> Vec<Vec<Vec<u8>>> {
    texts.iter().map(|t| vec![t.as_bytes().to_vec()]).collect()
}

fn ps2_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        let got = filtered(transport, &[b"123"], &[], &frames(&PS2_MESSAGES))?;
        agrees &= got == frames(&["123", "1234", "123abc"]);
    }
    Ok(Finding {
        agrees,
        evidence: "filter \"123\" of 123, 1234, 123abc, 0123, 12, abc123, \"\", 124 passed exactly 123, 1234, 123abc: a byte prefix of the first frame".into(),
        figures: String::new(),
    })
}

// ---------------------------------------------------------------- PS3: no filter, nothing

/// What the three subscribers of PS3 received.
#[derive(Debug)]
pub struct NoFilter {
    /// Subscribed to "", the control: it proves the messages were sent and deliverable.
    pub control: Vec<Vec<u8>>,
    /// Never subscribed: what it received within the silence window after the control had all.
    pub unsubscribed: Vec<Vec<u8>>,
}

// ANCHOR: no_filter
/// A SUB that never subscribes, connected to the same publisher as a control SUB subscribed
/// to everything. Both are connected (the handshake is done) before anything is published.
pub fn no_filter(transport: Transport, messages: &[&str]) -> Result<NoFilter> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let mut unsubscribed = lab.watch(lab.socket(zmq::SUB)?)?;
    unsubscribed.socket.connect(&endpoint)?;
    if transport != Transport::Inproc {
        unsubscribed.wait_handshakes(1)?; // it is connected: only its missing filter is left
    }
    let control = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 1)?;

    for message in messages {
        publisher.send(*message, 0)?;
    }
    publisher.send("end", 0)?;
    let control = recv_until(&control, b"end")?;
    // The control has everything; the same window that delivered it is more than enough.
    let unsubscribed = lab::drain(&unsubscribed.socket, SILENCE)?;
    Ok(NoFilter {
        control,
        unsubscribed,
    })
}
// ANCHOR_END: no_filter

/// The messages PS3 publishes: every kind of first byte, the empty message included.
pub const PS3_MESSAGES: [&str; 5] = ["123 hello", "abc", "", "\u{0}binary", "zzz"];

fn ps3_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        let outcome = no_filter(transport, &PS3_MESSAGES)?;
        agrees &= outcome.unsubscribed.is_empty() && outcome.control.len() == PS3_MESSAGES.len();
    }
    Ok(Finding {
        agrees,
        evidence: "a connected SUB with no subscription got 0 of 5 messages; beside it, the control SUB with the empty filter got all 5 (tcp, ipc, inproc)".into(),
        figures: String::new(),
    })
}

// ---------------------------------------------------------------- PS4: no queue?

// ANCHOR: nobody_there
/// A PUB with no subscriber at all publishes `messages` messages, then a subscriber joins and
/// the publisher sends "after". Returns how long the sends took and the subscriber's first message.
pub fn published_to_nobody(transport: Transport, messages: usize) -> Result<(Duration, Vec<u8>)> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let started = Instant::now();
    for message in numbered("early", messages) {
        // DONTWAIT: if the publisher wanted to block or queue, this would say EAGAIN.
        publisher.send(message, zmq::DONTWAIT)?;
    }
    let sending = started.elapsed();
    let subscriber = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 1)?;
    publisher.send("after", 0)?;
    let first = subscriber
        .recv_bytes(0)
        .context("not even the message sent after joining arrived")?;
    Ok((sending, first))
}
// ANCHOR_END: nobody_there

/// What happened to a burst sent to a subscriber that does not read.
#[derive(Debug)]
pub struct Flood {
    pub sent: usize,
    /// Sends that failed (EAGAIN would mean the publisher blocked).
    pub refused: usize,
    /// What the subscriber found when it finally read: message numbers, in order.
    pub received: Vec<usize>,
}

// ANCHOR: slow_subscriber
/// A subscriber that is connected but does not read while `sent` 1 KiB messages are published,
/// with high-water marks of `hwm` messages on both sides (and small kernel buffers on tcp, so
/// the queue fills quickly and repeatably).
pub fn slow_subscriber(transport: Transport, hwm: i32, sent: usize) -> Result<Flood> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    publisher.set_sndhwm(hwm)?;
    publisher.set_sndbuf(16 * 1024)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let subscriber = lab.socket(zmq::SUB)?;
    subscriber.set_rcvhwm(hwm)?;
    subscriber.set_rcvbuf(16 * 1024)?;
    subscriber.set_subscribe(b"")?;
    subscriber.connect(&endpoint)?;
    await_subscriptions(&publisher, 1)?;

    let mut refused = 0;
    for i in 0..sent {
        let mut message = format!("{i:08}").into_bytes();
        message.resize(1024, b'.');
        if publisher.send(message, zmq::DONTWAIT).is_err() {
            refused += 1;
        }
    }
    let received = lab::drain(&subscriber, SILENCE)?
        .iter()
        .map(|m| lab::text(&m[..8]).parse().unwrap_or(usize::MAX))
        .collect();
    Ok(Flood {
        sent,
        refused,
        received,
    })
}
// ANCHOR_END: slow_subscriber

/// Strictly increasing: a subset of what was sent, in the order sent, nothing twice.
pub fn in_order(numbers: &[usize]) -> bool {
    numbers.windows(2).all(|pair| pair[0] < pair[1])
}

fn ps4_finding() -> Result<Finding> {
    let (_, first) = published_to_nobody(Transport::Tcp, 1000)?;
    let flood = slow_subscriber(Transport::Tcp, 100, 20_000)?;
    let kept = flood.received.len();
    Ok(Finding {
        agrees: first == b"after" && flood.refused == 0 && kept > 0 && kept < flood.sent && in_order(&flood.received),
        evidence: "1000 messages published to nobody: every send accepted at once, none ever delivered. To a connected subscriber that does not read: every send accepted, messages queued up to the high-water mark, the rest dropped".into(),
        figures: format!("tcp, HWM 100, 16 KiB buffers: {kept} of {} kept, the last kept was number {}", flood.sent, flood.received.last().copied().unwrap_or(0)),
    })
}

// ---------------------------------------------------------------- PS5: leave and come back

/// What the two subscribers of PS5 received.
#[derive(Debug)]
pub struct LeaveAndReturn {
    pub staying: Vec<Vec<u8>>,
    pub returning: Vec<Vec<u8>>,
}

// ANCHOR: leave_and_return
/// Two subscribers; one leaves (its socket closes, as when its program quits), the publisher
/// goes on publishing, and the subscriber comes back (a new socket, as when the program is
/// started again).
pub fn leave_and_return(transport: Transport) -> Result<LeaveAndReturn> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let staying = subscriber(&lab, &endpoint, &[b""])?;
    let leaving = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 2)?;

    publisher.send("before", 0)?;
    ensure!(leaving.recv_bytes(0)? == b"before");
    drop(leaving);
    for message in numbered("while away", 5) {
        publisher.send(message, 0)?;
    }
    let returning = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 1)?;
    for message in numbered("after return", 5) {
        publisher.send(message, 0)?;
    }
    publisher.send("end", 0)?;
    Ok(LeaveAndReturn {
        staying: recv_until(&staying, b"end")?,
        returning: recv_until(&returning, b"end")?,
    })
}
// ANCHOR_END: leave_and_return

fn ps5_finding() -> Result<Finding> {
    let mut agrees = true;
    for transport in Transport::ALL {
        let outcome = leave_and_return(transport)?;
        let mut everything = vec![b"before".to_vec()];
        everything.extend(numbered("while away", 5));
        everything.extend(numbered("after return", 5));
        agrees &= outcome.staying == everything && outcome.returning == numbered("after return", 5);
    }
    Ok(Finding {
        agrees,
        evidence: "the staying subscriber got all 11 messages; the one that left and came back got only the 5 sent after its return (tcp, ipc, inproc)".into(),
        figures: String::new(),
    })
}

// ---------------------------------------------------------------- PS6: the slow joiner

/// How a subscriber joins before the publisher starts its burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Connect and subscribe, and the publisher starts at once (the article's programs).
    Naive,
    /// The publisher is an XPUB and waits until the subscription has reached it.
    AwaitSubscription,
    /// The publisher sends probes until the subscriber confirms one on a REQ/REP side channel.
    ProbeHandshake,
}

// ANCHOR: slow_joiner
/// A subscriber connects and subscribes; the publisher publishes `burst` numbered messages.
/// Returns how many of them the subscriber lost.
pub fn slow_joiner(join: Join, burst: usize) -> Result<usize> {
    let lab = Lab::new()?;
    let publisher = match join {
        Join::AwaitSubscription => self::publisher(&lab)?,
        _ => lab.socket(zmq::PUB)?,
    };
    // Room for the whole burst and then some: a queue that overflows loses messages for
    // another reason (PS4), which would hide what this experiment is about.
    publisher.set_sndhwm(10 * burst as i32)?;
    let endpoint = lab.bind(&publisher, Transport::Tcp)?;
    let subscriber = subscriber(&lab, &endpoint, &[b""])?;

    match join {
        Join::Naive => {}
        Join::AwaitSubscription => {
            await_subscriptions(&publisher, 1)?;
        }
        Join::ProbeHandshake => probe_handshake(&lab, &publisher, &subscriber)?,
    }

    for message in numbered("update", burst) {
        publisher.send(message, 0)?;
    }
    // "end" until one arrives. Delivery is in order, so whatever of the burst was going to
    // arrive has arrived before it. (One "end" is not enough: while the queue is full of the
    // burst, a PUB drops it.)
    let mut received = 0;
    let deadline = Instant::now() + BOUND;
    loop {
        ensure!(
            Instant::now() < deadline,
            "no end marker arrived within {BOUND:?}"
        );
        publisher.send("end", 0)?;
        match lab::recv_within(&subscriber, Duration::from_millis(1))? {
            Some(message) if message == b"end" => break,
            Some(_) => received += 1,
            None => {}
        }
    }
    // Delivery is in order and gap-free once it starts: what is missing is a prefix.
    Ok(burst - received)
}
// ANCHOR_END: slow_joiner

// ANCHOR: probe_handshake
/// The zguide's remedy, made exact: the publisher sends probes until the subscriber has seen
/// one and said so over a REQ/REP side channel. A probe that arrives proves the subscription is
/// in place at the publisher, so nothing published afterwards is lost.
fn probe_handshake(lab: &Lab, publisher: &zmq::Socket, subscriber: &zmq::Socket) -> Result<()> {
    let sync_server = lab.socket(zmq::REP)?;
    let sync = lab.bind(&sync_server, Transport::Tcp)?;
    let sync_client = lab.socket(zmq::REQ)?;
    sync_client.connect(&sync)?;

    let deadline = Instant::now() + BOUND;
    loop {
        ensure!(
            Instant::now() < deadline,
            "no probe reached the subscriber within {BOUND:?}"
        );
        publisher.send("probe", 0)?;
        // Subscriber side: the first probe seen is confirmed on the side channel.
        if subscriber.poll(zmq::POLLIN, 1)? > 0 {
            sync_client.send("ready", 0)?;
            break;
        }
    }
    // Publisher side: the confirmation arrives; then the subscriber discards leftover probes.
    ensure!(sync_server.recv_bytes(0)? == b"ready");
    sync_server.send("go", 0)?;
    sync_client.recv_bytes(0)?;
    while lab::recv_within(subscriber, Duration::ZERO)?.is_some() {}
    Ok(())
}
// ANCHOR_END: probe_handshake

/// Losses over `runs` repetitions, sorted: (min, median, max) are the figures to print.
pub fn slow_joiner_losses(join: Join, burst: usize, runs: usize) -> Result<Vec<usize>> {
    let mut losses = (0..runs)
        .map(|_| slow_joiner(join, burst))
        .collect::<Result<Vec<_>>>()?;
    losses.sort_unstable();
    Ok(losses)
}

fn ps6_finding() -> Result<Finding> {
    let (burst, runs) = (1000, 10);
    let naive = slow_joiner_losses(Join::Naive, burst, runs)?;
    let awaited = slow_joiner_losses(Join::AwaitSubscription, burst, runs)?;
    let probed = slow_joiner_losses(Join::ProbeHandshake, burst, runs)?;
    Ok(Finding {
        agrees: naive.iter().sum::<usize>() > 0 && awaited.iter().all(|&l| l == 0) && probed.iter().all(|&l| l == 0),
        evidence: "connect-then-publish lost the first messages; waiting for the subscription (XPUB) or a probe handshake lost none".into(),
        figures: format!(
            "lost of {burst}, min/median/max over {runs} runs: naive {}, XPUB wait {}, probe handshake {}",
            spread(&naive),
            spread(&awaited),
            spread(&probed)
        ),
    })
}

// ---------------------------------------------------------------- PS7: the publisher comes back

/// What happened when the publisher left and a new one bound the same address.
#[derive(Debug)]
pub struct Comeback {
    /// Whether the old subscriber's subscription reached the new publisher (within the window).
    pub resubscribed: bool,
    /// From the new bind to the resubscription.
    pub took: Duration,
    /// What the old subscriber received from the new publisher.
    pub received: Vec<Vec<u8>>,
    /// The control: whether a brand-new subscriber received from the new publisher.
    pub newcomer_received: bool,
}

/// How long PS7 listens on inproc for a resubscription that never comes: six reconnection
/// intervals (100 ms by default). The tcp and ipc runs, which do come back, take 100–200 ms.
pub const COMEBACK_WINDOW: Duration = Duration::from_millis(600);

/// How long to wait for the old subscriber to come back. On tcp and ipc it reconnects by
/// itself, so the wait ends when it does, with [`BOUND`] only as the limit on a stalled
/// machine; on inproc nothing reconnects, so the wait is the listening window itself.
fn comeback_window(transport: Transport) -> Duration {
    match transport {
        Transport::Inproc => COMEBACK_WINDOW,
        Transport::Tcp | Transport::Ipc => BOUND,
    }
}

// ANCHOR: comeback
/// The start of both PS7 experiments: a subscriber that has received from a first publisher
/// at `endpoint`. Returns the publisher, watched so that it can leave, and the subscriber.
fn subscribed_to_a_first_publisher(
    lab: &Lab,
    endpoint: &str,
) -> Result<(lab::Watched, zmq::Socket)> {
    let first = lab.watch(publisher(lab)?)?;
    lab::bind_at(&first.socket, endpoint)?;
    let subscriber = subscriber(lab, endpoint, &[b""])?;
    await_subscriptions(&first.socket, 1)?;
    first.socket.send("from the first publisher", 0)?;
    ensure!(subscriber.recv_bytes(0)? == b"from the first publisher");
    Ok((first, subscriber))
}

/// A subscriber receives from a publisher, the publisher closes, and a new publisher binds the
/// very same address. The subscriber does nothing but wait in `recv`, as the article's client does.
pub fn publisher_comes_back(transport: Transport) -> Result<Comeback> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let (first, subscriber) = subscribed_to_a_first_publisher(&lab, &endpoint)?;

    // The subscriber's program sits in recv, waiting for its next message.
    let window = comeback_window(transport);
    let waiting = thread::spawn(move || lab::recv_within(&subscriber, window + SILENCE));

    first.leave(&endpoint)?;
    let second = publisher(&lab)?;
    lab::bind_at(&second, &endpoint)?;
    let rebound = Instant::now();
    let resubscribed = match lab::recv_within(&second, window)? {
        Some(event) => event.first() == Some(&1),
        None => false,
    };
    let took = rebound.elapsed();
    second.send("from the second publisher", 0)?;
    let received = waiting.join().expect("the subscriber thread panicked")?;

    // Control: a subscriber new to the second publisher does receive from it.
    let newcomer = self::subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&second, 1)?;
    second.send("to the newcomer", 0)?;
    let newcomer_received = newcomer.recv_bytes(0)? == b"to the newcomer";
    Ok(Comeback {
        resubscribed,
        took,
        received: received.into_iter().collect(),
        newcomer_received,
    })
}
// ANCHOR_END: comeback

/// What a subscriber that was busy elsewhere did when the publisher came back.
#[derive(Debug)]
pub struct BusyComeback {
    /// Whether its subscription reached the new publisher while it made no call at all.
    pub resubscribed_while_busy: bool,
    /// Whether it did once it called into libzmq again (the control).
    pub resubscribed_after_a_call: bool,
    /// Whether it then received from the new publisher.
    pub received: bool,
}

// ANCHOR: busy_comeback
/// As [`publisher_comes_back`], but the subscriber is busy elsewhere (say, with a long job)
/// and makes no libzmq call while the publisher leaves and a new one binds. libzmq reconnects
/// in its I/O thread, but the subscriptions are sent again by the socket itself, when the
/// application thread next processes its commands: in `recv`, `poll`, or reading `ZMQ_EVENTS`.
pub fn busy_subscriber_comes_back(transport: Transport) -> Result<BusyComeback> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let (first, subscriber) = subscribed_to_a_first_publisher(&lab, &endpoint)?;

    // From here the subscriber makes no call until told.
    first.leave(&endpoint)?;
    let second = publisher(&lab)?;
    lab::bind_at(&second, &endpoint)?;
    let resubscribed_while_busy = lab::recv_within(&second, COMEBACK_WINDOW)?.is_some();

    // Back from its job: any call that processes commands will do; this one only reads flags.
    subscriber.get_events()?;
    let resubscribed_after_a_call =
        lab::recv_within(&second, BOUND)?.is_some_and(|event| event.first() == Some(&1));
    second.send("from the second publisher", 0)?;
    let received =
        lab::recv_within(&subscriber, BOUND)?.as_deref() == Some(b"from the second publisher");
    Ok(BusyComeback {
        resubscribed_while_busy,
        resubscribed_after_a_call,
        received,
    })
}
// ANCHOR_END: busy_comeback

fn ps7_finding() -> Result<Finding> {
    // The experiments mostly wait (for a reconnection, or for one that never comes): run them
    // side by side, each in its own lab.
    let (comebacks, busy) = thread::scope(|scope| {
        let comebacks: Vec<_> = Transport::ALL
            .map(|transport| scope.spawn(move || publisher_comes_back(transport)))
            .into_iter()
            .collect();
        let busy: Vec<_> = Transport::NETWORKED
            .map(|transport| scope.spawn(move || busy_subscriber_comes_back(transport)))
            .into_iter()
            .collect();
        (joined(comebacks), joined(busy))
    });
    let mut agrees = true;
    let mut figures = Vec::new();
    for (transport, comeback) in Transport::ALL.into_iter().zip(comebacks?) {
        let expected = transport != Transport::Inproc;
        agrees &= comeback.newcomer_received
            && comeback.resubscribed == expected
            && (comeback.received == [b"from the second publisher".to_vec()]) == expected;
        if expected {
            figures.push(format!(
                "{transport} resubscribed after {}",
                ms(comeback.took)
            ));
        } else {
            figures.push(format!(
                "{transport}: nothing within {}",
                ms(COMEBACK_WINDOW)
            ));
        }
    }
    for busy in busy? {
        agrees &= !busy.resubscribed_while_busy && busy.resubscribed_after_a_call && busy.received;
    }
    Ok(Finding {
        agrees,
        evidence: "a new publisher bound at the same address: the old SUB, waiting in recv, resubscribed by itself and received again on tcp and ipc; on inproc it never came back. A SUB busy elsewhere resubscribed only at its next libzmq call".into(),
        figures: figures.join(", "),
    })
}
