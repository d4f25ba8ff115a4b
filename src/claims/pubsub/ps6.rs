//! PS6 — late joiners lose messages: the "slow joiner".

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use super::ps4::{Queues, Settings};
use super::{await_told, left_unread, publisher, Told};
use crate::claims::{
    a_tail_in_order, number, on_each, spread, Beyond, Claim, Finding, Glance, Verdict,
};
use crate::lab::{self, Lab, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PS6",
    star: false,
    summary: "Late joiners lose messages: the \"slow joiner\"",
    zh: "必然会丢失掉一部分信息,这是这个模式的一个问题,所谓的 Slow joiner",
    en: "subscribers that join late or leave midway inevitably lose part of the messages: the so-called slow joiner",
    glance: Glance {
        zh: "晚到的订阅者会丢消息",
        en: "Late joiners lose messages",
        advice: "Publish only once the subscriptions have arrived: wait on an XPUB or a probe, never with a `sleep`.",
    },
    verdict: Verdict::HoldsOnlyWhen(
        "the publisher sends before it has taken the subscription in",
    ),
    conditions: "Over tcp and ipc the subscription travels in the background after connect returns, and the head of a burst published at once was lost in some runs. Over inproc it is in the publisher's pipe when connect returns. A publisher whose first send follows the connect takes it in then, and lost nothing in any run. One that was already sending looks for it only once about a millisecond has passed since it last looked. It lost the head of its burst, as over tcp and ipc. Waiting for the evidence (an XPUB's subscription, or a probe that arrives) lost nothing on any of the three.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "why a publisher already sending misses a subscriber that is there: its send looks for news once a millisecond",
        experiment: throttle_finding,
    }),
};

/// The burst published right after the subscriber connects…
pub const BURST: usize = 1000;
/// …and how many times each way of joining is tried.
pub const RUNS: usize = 10;

/// Room for the whole burst and then some: a queue that overflows loses messages for
/// another reason (PS4), which would hide what this experiment is about.
pub const ROOMY: Queues = Queues {
    hwm: Some(10 * BURST as i32),
    kernel_buffer: None,
    message_size: 0,
};

/// How a subscriber joins before the publisher starts its burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Connect and subscribe, and the publisher starts at once (the article's programs).
    Naive,
    /// The publisher is already sending: it sent a message just before the subscriber
    /// connected, and goes on at once (the article's publisher, which never stops).
    AlreadySending,
    /// As [`Join::AlreadySending`], but the publisher reads its `ZMQ_EVENTS` once the
    /// subscriber has connected, which makes it take in at once what it was told.
    AlreadySendingTakenIn,
    /// The publisher is an XPUB and waits until the subscription has reached it.
    AwaitSubscription,
    /// The publisher sends probes until the subscriber confirms one on a REQ/REP side
    /// channel.
    ProbeHandshake,
}

/// What one run of a way of joining received, and what it proves of its set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The numbers the subscriber received.
    pub received: Vec<usize>,
    /// The publisher's endpoint.
    pub endpoint: String,
    /// The queue settings read back from the sockets.
    pub settings: Settings,
    /// The subscriptions the publisher read before the burst: an XPUB that waited for
    /// them (a PUB reads none).
    pub told: Told,
    /// What an XPUB still held unread after the burst (a PUB has nothing to read).
    pub unread_after: Vec<Vec<u8>>,
    /// The probe handshake's probes, if it was the way of joining.
    pub probes: Option<Probes>,
    /// Messages the publisher sent just before the subscriber connected (already sending).
    pub sent_before: usize,
    /// Whether the publisher read its `ZMQ_EVENTS` between the connect and the burst.
    pub took_in: bool,
    /// How long the publisher had not sent when its burst began, if it had sent before…
    pub idle_before_burst: Option<Duration>,
    /// …and how long the burst took to send.
    pub burst_took: Duration,
}

/// The probes of a probe handshake: sent until one arrived, and left over in the
/// subscriber's queue, discarded before the burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probes {
    pub sent: usize,
    pub discarded: usize,
    /// The number of the last probe the subscriber discarded: the last one sent, or the
    /// burst would find the rest of them ahead of it.
    pub last_discarded: Option<usize>,
}

// ANCHOR: slow_joiner
/// A subscriber connects and subscribes; the publisher publishes `burst` numbered
/// messages through queues set as `queues` says. Returns the numbers the subscriber
/// received, and what the run proves of its set-up.
pub fn slow_joiner(
    transport: Transport,
    join: Join,
    burst: usize,
    queues: Queues,
) -> Result<Joined> {
    let lab = Lab::new()?;
    let publisher = match join {
        Join::AwaitSubscription => self::publisher(&lab)?,
        _ => lab.socket(zmq::PUB)?,
    };
    let subscriber = lab.socket(zmq::SUB)?;
    if let Some(hwm) = queues.hwm {
        publisher.set_sndhwm(hwm)?;
        subscriber.set_rcvhwm(hwm)?;
    }
    if let Some(bytes) = queues.kernel_buffer {
        publisher.set_sndbuf(bytes)?;
        subscriber.set_rcvbuf(bytes)?;
    }
    let settings = Settings::read(&publisher, &subscriber)?;
    let endpoint = lab.bind(&publisher, transport)?;
    subscriber.set_subscribe(b"")?;
    let already_sending =
        matches!(join, Join::AlreadySending | Join::AlreadySendingTakenIn);
    let mut last_send = None;
    if already_sending {
        // Nobody there yet: dropped, but the send looked for news, and will not look
        // again for about a millisecond.
        publisher.send("before", zmq::DONTWAIT)?;
        last_send = Some(Instant::now());
    }
    subscriber.connect(&endpoint)?;

    let (mut told, mut probes) = (Told::default(), None);
    match join {
        Join::Naive | Join::AlreadySending => {}
        Join::AlreadySendingTakenIn => {
            publisher.get_events()?; // takes in what it was told, now
        }
        Join::AwaitSubscription => {
            told = await_told(&publisher, 1)?;
        }
        Join::ProbeHandshake => {
            probes = Some(probe_handshake(&lab, transport, &publisher, &subscriber)?);
        }
    }

    let idle_before_burst = last_send.map(|at| at.elapsed());
    let sending = Instant::now();
    for i in 0..burst {
        let mut message = format!("update {i}").into_bytes();
        message.resize(message.len().max(queues.message_size), b'.');
        publisher.send(message, 0)?;
    }
    let burst_took = sending.elapsed();
    // "end" until one arrives. Delivery is in order, so whatever of the burst was going
    // to arrive has arrived before it. (One "end" is not enough: while the queue is full
    // of the burst, a PUB drops it.)
    let mut received = Vec::new();
    let deadline = Instant::now() + BOUND;
    loop {
        ensure!(
            Instant::now() < deadline,
            "no end marker arrived within {BOUND:?}"
        );
        publisher.send("end", 0)?;
        match lab::recv_within(&subscriber, Duration::from_millis(1))? {
            Some(message) if message == b"end" => break,
            Some(message) => received.push(number(&message)),
            None => {}
        }
    }
    Ok(Joined {
        received,
        endpoint,
        settings,
        told,
        unread_after: match join {
            Join::AwaitSubscription => left_unread(&publisher)?,
            _ => vec![], // a PUB: nothing to read
        },
        probes,
        sent_before: usize::from(already_sending),
        took_in: join == Join::AlreadySendingTakenIn,
        idle_before_burst,
        burst_took,
    })
}
// ANCHOR_END: slow_joiner

// ANCHOR: probe_handshake
/// The zguide's remedy, made exact: the publisher sends numbered probes until the
/// subscriber has seen one and said so over a REQ/REP side channel. A probe that arrives
/// proves the subscription is in place at the publisher, so nothing published afterwards
/// is lost. The publisher's answer names its last probe, and the subscriber discards
/// probes up to that one: the probes sent after the first it saw are still on their way,
/// and "nothing waiting now" would let them in ahead of the burst.
fn probe_handshake(
    lab: &Lab,
    transport: Transport,
    publisher: &zmq::Socket,
    subscriber: &zmq::Socket,
) -> Result<Probes> {
    let sync_server = lab.socket(zmq::REP)?;
    let sync = lab.bind(&sync_server, transport)?;
    let sync_client = lab.socket(zmq::REQ)?;
    sync_client.connect(&sync)?;

    let deadline = Instant::now() + BOUND;
    let mut sent = 0;
    let first_seen = loop {
        ensure!(
            Instant::now() < deadline,
            "no probe reached the subscriber within {BOUND:?}"
        );
        publisher.send(format!("probe {sent}").as_str(), 0)?;
        sent += 1;
        // Subscriber side: the first probe seen is confirmed on the side channel.
        if let Some(probe) = lab::recv_within(subscriber, Duration::from_millis(1))? {
            sync_client.send("ready", 0)?;
            break number(&probe);
        }
    };
    // Publisher side: the confirmation arrives, and the answer names the last probe.
    ensure!(sync_server.recv_bytes(0)? == b"ready");
    sync_server.send(format!("go after probe {}", sent - 1).as_str(), 0)?;
    let last = number(&sync_client.recv_bytes(0)?);
    let discarded = discard_probes(subscriber, first_seen, last)?;
    Ok(Probes {
        sent,
        discarded,
        last_discarded: Some(last),
    })
}

/// Subscriber side: reads the probes after `first_seen` up to probe `last`, each waited
/// for up to [`BOUND`]; returns how many it read (the one already seen counted).
pub fn discard_probes(
    subscriber: &zmq::Socket,
    first_seen: usize,
    last: usize,
) -> Result<usize> {
    let mut seen = first_seen;
    let mut discarded = 1;
    while seen < last {
        let probe = lab::recv_within(subscriber, BOUND)?.ok_or_else(|| {
            anyhow::anyhow!("probe {last} never came; the last was {seen}")
        })?;
        seen = number(&probe);
        ensure!(
            lab::text(&probe).starts_with("probe "),
            "{} came before probe {last}",
            lab::show(&probe)
        );
        discarded += 1;
    }
    Ok(discarded)
}
// ANCHOR_END: probe_handshake

/// Each of `runs` repetitions, on `transport`.
pub fn repeated(
    transport: Transport,
    join: Join,
    burst: usize,
    runs: usize,
) -> Result<Vec<Joined>> {
    (0..runs)
        .map(|_| slow_joiner(transport, join, burst, ROOMY))
        .collect()
}

/// The naive joiner's runs go on past [`RUNS`], while none has lost anything, up to this
/// many: whether a burst sent at once beats the subscription is a race, and on a loaded
/// machine the subscription often wins it (at loads of 3 to 6 on 2 cores, beside the claim
/// suite, 3 to 24 runs in 25 lost the burst over tcp and ipc: at 3 in 25, ten runs often
/// see none).
pub const NAIVE_AT_MOST: usize = 100;

// ANCHOR: naive_runs
/// A way of joining that may lose (the naive joiner, a publisher already sending),
/// repeated: `runs` times, then on until a run has lost something, up to `at_most` runs
/// in all. The runs a transport needed are a figure; a run that lost nothing is kept,
/// and counted.
pub fn naive_runs(
    transport: Transport,
    join: Join,
    burst: usize,
    (runs, at_most): (usize, usize),
) -> Result<Vec<Joined>> {
    let mut measured = repeated(transport, join, burst, runs)?;
    while measured.len() < at_most && losses(&measured, burst).iter().all(|&l| l == 0) {
        measured.push(slow_joiner(transport, join, burst, ROOMY)?);
    }
    Ok(measured)
}
// ANCHOR_END: naive_runs

/// How many of `burst` each run lost.
pub fn losses(runs: &[Joined], burst: usize) -> Vec<usize> {
    lost_of(&received(runs), burst)
}

/// What each run received.
fn received(runs: &[Joined]) -> Vec<&[usize]> {
    runs.iter().map(|r| r.received.as_slice()).collect()
}

/// How many of `burst` each run lost, from what each received.
fn lost_of(received: &[&[usize]], burst: usize) -> Vec<usize> {
    received
        .iter()
        .map(|r| burst.saturating_sub(r.len()))
        .collect()
}

/// Whether a burst published by way of `join` loses its head on `transport`, as measured
/// with libzmq 4.3.4. Over tcp and ipc the connection and then the subscription are made
/// in the background, and the burst can beat them. An inproc connect hands the publisher
/// its pipe, the subscription already in it; a publisher whose first send follows takes
/// both in at that send, but one that was already sending looks for news only once
/// about a millisecond has passed since it last did (`process_commands`, throttled in
/// `socket_base_t::send`), and a burst goes out before.
pub fn burst_loses(transport: Transport, join: Join) -> bool {
    match join {
        Join::Naive => transport != Transport::Inproc,
        Join::AlreadySending => true,
        Join::AlreadySendingTakenIn => transport != Transport::Inproc,
        Join::AwaitSubscription | Join::ProbeHandshake => false,
    }
}

/// How often each way is repeated: the fixes `runs` times, the ways that may lose at least
/// `runs` times and on until a run lost something, `at_most` runs in all (see
/// [`naive_runs`]); each run publishes `burst` messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeats {
    pub burst: usize,
    pub runs: usize,
    pub at_most: usize,
}

/// As the experiment repeats them.
pub const REPEATS: Repeats = Repeats {
    burst: BURST,
    runs: RUNS,
    at_most: NAIVE_AT_MOST,
};

/// Whether `join` is repeated until a run loses (see [`naive_runs`]).
fn until_one_loses(join: Join) -> bool {
    matches!(join, Join::Naive | Join::AlreadySending)
}

/// Proves the set-up of each way's runs: the transport, the roomy queues read back; the
/// naive runs and the publisher already sending waited for nothing (the latter sent just
/// before the connect, and the one that took its news in read its events) and went on past
/// the minimum only while none had lost; the XPUB read the subscription before the burst
/// and held nothing unread after it; the probe handshake saw a probe arrive and cleared
/// the leftovers, up to the last probe sent, before the burst.
fn prove_runs(
    finding: &mut Finding,
    transport: Transport,
    (way, join): (&str, Join),
    repeats: Repeats,
    measured: &[Joined],
) {
    let n = measured.len();
    let count =
        |proven: &dyn Fn(&Joined) -> bool| measured.iter().filter(|r| proven(r)).count();
    let used = count(&|r| lab::transport_of(&r.endpoint) == Some(transport));
    let roomy = count(&|r| r.settings == ROOMY.settings());
    finding.set_up(
        used == n && roomy == n,
        tr!(
            "ps6-runs-used",
            way = way,
            transport = transport,
            used = used,
            runs = n,
            hwm = ROOMY.settings().sndhwm,
            roomy = roomy
        ),
    );
    let already = matches!(join, Join::AlreadySending | Join::AlreadySendingTakenIn);
    let sent_before = count(&|r| r.sent_before == usize::from(already));
    let took_in = count(&|r| r.took_in == (join == Join::AlreadySendingTakenIn));
    finding.set_up(
        sent_before == n && took_in == n,
        tr!(
            "ps6-sent-before",
            way = way,
            sent = if already {
                tr!("ps6-a-message")
            } else {
                tr!("rr2-nothing")
            },
            sent_before = sent_before,
            runs = n,
            read = if join == Join::AlreadySendingTakenIn {
                tr!("ps6-read")
            } else {
                tr!("ps6-did-not-read")
            },
            took_in = took_in
        ),
    );
    match join {
        Join::Naive | Join::AlreadySending | Join::AlreadySendingTakenIn => {
            let waited = count(&|r| !r.told.subscribed.is_empty() || r.probes.is_some());
            finding.set_up(
                waited == 0,
                tr!("ps6-waited", way = way, waited = waited, runs = n),
            );
        }
        Join::AwaitSubscription => {
            let read = count(&|r| r.told.subscribed == [Vec::<u8>::new()]);
            let clean = count(&|r| r.told.unread.is_empty() && r.unread_after.is_empty());
            finding.set_up(
                read == n && clean == n,
                tr!(
                    "ps6-read-before",
                    way = way,
                    read = read,
                    runs = n,
                    clean = clean
                ),
            );
        }
        Join::ProbeHandshake => {
            let arrived = count(&|r| {
                r.probes.is_some_and(|p| {
                    p.sent > 0 && p.discarded > 0 && p.last_discarded == Some(p.sent - 1)
                })
            });
            finding.set_up(
                arrived == n,
                tr!("ps6-probe-arrived", way = way, arrived = arrived, runs = n),
            );
        }
    }
    observe_repeats(finding, (way, join), repeats, &received(measured));
}

/// The repetitions of a way of joining, from what each run received: the ways that may
/// lose ran at least `repeats.runs` times and went on past it only while none had lost
/// (up to `repeats.at_most`); the others ran `repeats.runs` times.
pub fn observe_repeats(
    finding: &mut Finding,
    (way, join): (&str, Join),
    repeats: Repeats,
    received: &[&[usize]],
) {
    let n = received.len();
    if until_one_loses(join) {
        // Past the minimum, a run was added only while none before it had lost.
        let Repeats {
            burst,
            runs,
            at_most,
        } = repeats;
        let first_loss = lost_of(received, burst).iter().position(|&l| l > 0);
        let stopped_right = match first_loss {
            _ if n < runs || n > at_most => false,
            Some(first) => n == runs.max(first + 1),
            None => n == at_most,
        };
        finding.set_up(
            stopped_right,
            tr!(
                "ps6-stopped",
                way = way,
                runs = n,
                first = first_loss.map_or(tr!("rr2-none"), |i| tr!("ps6-run", run = i)),
                due = runs,
                at_most = at_most
            ),
        );
    } else {
        finding.check_count(&tr!("ps6-way-runs", way = way), n, repeats.runs);
    }
}

/// Judges runs that publish at once, by way of `join`, from what each run received: lost
/// in some runs, or in none, as [`burst_loses`] says, and what arrived the tail of the
/// burst.
fn observe_losses(
    finding: &mut Finding,
    (what, join): (&str, Join),
    transport: Transport,
    burst: usize,
    received: &[&[usize]],
) {
    let lost = lost_of(received, burst);
    let lost_some = lost.iter().filter(|&&l| l > 0).count();
    let tails = received.iter().all(|r| a_tail_in_order(r, burst));
    finding.observe(
        (lost_some > 0) == burst_loses(transport, join) && tails,
        tr!(
            "ps6-losses",
            what = what,
            lost = if lost_some > 0 {
                tr!("ps6-lost-in-some")
            } else {
                tr!("ps6-lost-in-none")
            },
            arrived = match (tails, lost_some) {
                (false, _) => tr!("ps6-not-the-tail"),
                (true, 0) => tr!("ps6-whole-burst"),
                (true, _) => tr!("ps6-tail"),
            }
        ),
    );
    finding.figure(tr!(
        "ps6-losses-figure",
        what = what,
        lost_some = lost_some,
        runs = received.len(),
        burst = burst,
        spread = spread(&lost)
    ));
}

/// How long the bursts took to send, and, over runs that sent before the connect, how
/// long the publisher had not sent when its burst began (a gap above a millisecond or so
/// lets the first send look for news).
fn burst_figure(finding: &mut Finding, what: &str, measured: &[Joined]) {
    let took: Vec<u128> = measured.iter().map(|r| r.burst_took.as_micros()).collect();
    let idle: Vec<u128> = measured
        .iter()
        .filter_map(|r| r.idle_before_burst.map(|d| d.as_micros()))
        .collect();
    let began = if idle.is_empty() {
        String::new()
    } else {
        tr!("ps6-began", spread = spread(&idle))
    };
    finding.figure(tr!(
        "ps6-burst-took",
        what = what,
        spread = spread(&took),
        began = began
    ));
}

/// Judges the four ways of joining on `transport`, repeated as `repeats` says.
pub fn judge(
    transport: Transport,
    repeats: Repeats,
    [naive, already, awaited, probed]: [&[Joined]; 4],
) -> Finding {
    let runs = repeats.runs;
    let mut finding = Finding::new();
    for (way, measured) in [
        ((tr!("ps6-naive").as_str(), Join::Naive), naive),
        (
            (tr!("ps6-already-sending").as_str(), Join::AlreadySending),
            already,
        ),
        (("XPUB", Join::AwaitSubscription), awaited),
        ((tr!("ps6-probe").as_str(), Join::ProbeHandshake), probed),
    ] {
        prove_runs(&mut finding, transport, way, repeats, measured);
    }
    if awaited.len() != runs || probed.len() != runs {
        return finding;
    }
    observe_the_ways(
        &mut finding,
        transport,
        repeats,
        [naive, already, awaited, probed].map(|runs| received(runs)),
    );
    burst_figure(&mut finding, &tr!("ps6-connect-then-publish"), naive);
    burst_figure(&mut finding, &tr!("ps6-already-sending"), already);
    finding
}

/// What arrived by each of the four ways of joining, from what each run received: the
/// ways that publish at once lose as [`burst_loses`] says, the fixes lose nothing.
pub fn observe_the_ways(
    finding: &mut Finding,
    transport: Transport,
    repeats: Repeats,
    [naive, already, awaited, probed]: [Vec<&[usize]>; 4],
) {
    let Repeats { burst, runs, .. } = repeats;
    observe_losses(
        finding,
        (&tr!("ps6-connect-then-publish"), Join::Naive),
        transport,
        burst,
        &naive,
    );
    observe_losses(
        finding,
        (
            &tr!("ps6-a-publisher-already-sending"),
            Join::AlreadySending,
        ),
        transport,
        burst,
        &already,
    );
    for (way, outcome) in [
        (tr!("ps6-waiting-xpub"), &awaited),
        (tr!("ps6-a-probe-handshake"), &probed),
    ] {
        let whole = outcome
            .iter()
            .filter(|r| a_tail_in_order(r, burst) && r.len() == burst)
            .count();
        finding.observe(
            whole == runs,
            tr!(
                "ps6-all-arrived",
                way = way,
                burst = burst,
                whole = whole,
                runs = runs
            ),
        );
    }
    finding.figure(tr!(
        "ps6-lost-figure",
        burst = burst,
        runs = runs,
        xpub = spread(&lost_of(&awaited, burst)),
        probe = spread(&lost_of(&probed, burst))
    ));
}

/// The four ways of joining on `transport`, measured and judged.
pub fn on_transport(transport: Transport) -> Result<Finding> {
    let until = (RUNS, NAIVE_AT_MOST);
    let naive = naive_runs(transport, Join::Naive, BURST, until)?;
    let already = naive_runs(transport, Join::AlreadySending, BURST, until)?;
    let awaited = repeated(transport, Join::AwaitSubscription, BURST, RUNS)?;
    let probed = repeated(transport, Join::ProbeHandshake, BURST, RUNS)?;
    Ok(judge(
        transport,
        REPEATS,
        [&naive, &already, &awaited, &probed],
    ))
}

fn finding() -> Result<Finding> {
    let mut finding = Finding::new();
    finding.observe_on(on_each(&Transport::ALL, on_transport)?);
    Ok(finding)
}

/// Judges beyond the claim, over inproc, where the subscription is in the publisher's
/// pipe when connect returns: a publisher already sending lost the head of its burst in
/// some runs; the same publisher, once it had read its `ZMQ_EVENTS` after the connect,
/// lost nothing in any run.
pub fn judge_throttle(repeats: Repeats, [already, taken_in]: [&[Joined]; 2]) -> Finding {
    let transport = Transport::Inproc;
    let mut finding = Finding::new();
    prove_runs(
        &mut finding,
        transport,
        (&tr!("ps6-already-sending"), Join::AlreadySending),
        repeats,
        already,
    );
    prove_runs(
        &mut finding,
        transport,
        (&tr!("ps6-events-read"), Join::AlreadySendingTakenIn),
        repeats,
        taken_in,
    );
    if taken_in.len() != repeats.runs {
        return finding;
    }
    observe_losses(
        &mut finding,
        (
            &tr!("ps6-a-publisher-already-sending"),
            Join::AlreadySending,
        ),
        transport,
        repeats.burst,
        &received(already),
    );
    observe_losses(
        &mut finding,
        (
            &tr!("ps6-the-same-events-read"),
            Join::AlreadySendingTakenIn,
        ),
        transport,
        repeats.burst,
        &received(taken_in),
    );
    burst_figure(&mut finding, &tr!("ps6-already-sending"), already);
    burst_figure(&mut finding, &tr!("ps6-events-read"), taken_in);
    finding
}

/// Beyond the claim: why a publisher already sending loses a subscriber that was there in
/// time (see [`judge_throttle`]).
pub fn throttle_finding() -> Result<Finding> {
    let transport = Transport::Inproc;
    let already = naive_runs(
        transport,
        Join::AlreadySending,
        BURST,
        (RUNS, NAIVE_AT_MOST),
    )?;
    let taken_in = repeated(transport, Join::AlreadySendingTakenIn, BURST, RUNS)?;
    let mut finding = Finding::new();
    finding.observe_on(vec![(
        transport,
        judge_throttle(REPEATS, [&already, &taken_in]),
    )]);
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a publisher that knows how many subscribers to expect waits until
/// their subscriptions have arrived. An XPUB hands them over as messages `\x01<topic>`.
pub fn wait_for_subscribers(
    publisher: &zmq::Socket,
    subscribers: usize,
) -> zmq::Result<()> {
    publisher.set_xpub_verbose(true)?; // pass on a topic another subscriber already has
    let mut arrived = 0;
    while arrived < subscribers {
        if publisher.recv_bytes(0)?.first() == Some(&1) {
            arrived += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: own
