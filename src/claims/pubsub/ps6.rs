//! PS6 — late joiners lose messages: the "slow joiner".

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use super::ps4::{Queues, Settings};
use super::{await_told, left_unread, publisher, Told};
use crate::claims::{a_tail_in_order, number, spread, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PS6",
    star: false,
    summary: "Late joiners lose messages: the \"slow joiner\"",
    zh: "必然会丢失掉一部分信息,这是这个模式的一个问题,所谓的 Slow joiner",
    en: "subscribers that join late or leave midway inevitably lose part of the messages: the so-called slow joiner",
    verdict: Verdict::HoldsOnlyWhen(
        "the publisher sends before the subscription has reached it; waiting for that evidence (an XPUB's subscription, or a probe that arrives) loses nothing",
    ),
    conditions: "",
    experiment: finding,
    beyond: None,
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
}

/// The probes of a probe handshake: sent until one arrived, and left over in the
/// subscriber's queue, discarded before the burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probes {
    pub sent: usize,
    pub discarded: usize,
}

// ANCHOR: slow_joiner
/// A subscriber connects and subscribes; the publisher publishes `burst` numbered
/// messages through queues set as `queues` says. Returns the numbers the subscriber
/// received, and what the run proves of its set-up.
pub fn slow_joiner(join: Join, burst: usize, queues: Queues) -> Result<Joined> {
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
    let endpoint = lab.bind(&publisher, Transport::Tcp)?;
    subscriber.set_subscribe(b"")?;
    subscriber.connect(&endpoint)?;

    let (mut told, mut probes) = (Told::default(), None);
    match join {
        Join::Naive => {}
        Join::AwaitSubscription => {
            told = await_told(&publisher, 1)?;
        }
        Join::ProbeHandshake => {
            probes = Some(probe_handshake(&lab, &publisher, &subscriber)?);
        }
    }

    for i in 0..burst {
        let mut message = format!("update {i}").into_bytes();
        message.resize(message.len().max(queues.message_size), b'.');
        publisher.send(message, 0)?;
    }
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
    })
}
// ANCHOR_END: slow_joiner

// ANCHOR: probe_handshake
/// The zguide's remedy, made exact: the publisher sends probes until the subscriber has
/// seen one and said so over a REQ/REP side channel. A probe that arrives proves the
/// subscription is in place at the publisher, so nothing published afterwards is lost.
fn probe_handshake(
    lab: &Lab,
    publisher: &zmq::Socket,
    subscriber: &zmq::Socket,
) -> Result<Probes> {
    let sync_server = lab.socket(zmq::REP)?;
    let sync = lab.bind(&sync_server, Transport::Tcp)?;
    let sync_client = lab.socket(zmq::REQ)?;
    sync_client.connect(&sync)?;

    let deadline = Instant::now() + BOUND;
    let mut sent = 0;
    loop {
        ensure!(
            Instant::now() < deadline,
            "no probe reached the subscriber within {BOUND:?}"
        );
        publisher.send("probe", 0)?;
        sent += 1;
        // Subscriber side: the first probe seen is confirmed on the side channel.
        if subscriber.poll(zmq::POLLIN, 1)? > 0 {
            sync_client.send("ready", 0)?;
            break;
        }
    }
    // Publisher side: the confirmation arrives; then the subscriber discards leftover
    // probes.
    ensure!(sync_server.recv_bytes(0)? == b"ready");
    sync_server.send("go", 0)?;
    sync_client.recv_bytes(0)?;
    let mut discarded = 0;
    while lab::recv_within(subscriber, Duration::ZERO)?.is_some() {
        discarded += 1;
    }
    Ok(Probes { sent, discarded })
}
// ANCHOR_END: probe_handshake

/// Each of `runs` repetitions.
pub fn repeated(join: Join, burst: usize, runs: usize) -> Result<Vec<Joined>> {
    (0..runs).map(|_| slow_joiner(join, burst, ROOMY)).collect()
}

/// How many of `burst` each run lost.
pub fn losses(runs: &[Joined], burst: usize) -> Vec<usize> {
    runs.iter()
        .map(|r| burst.saturating_sub(r.received.len()))
        .collect()
}

/// Proves the set-up of each way's runs: tcp, the roomy queues read back; the XPUB read
/// the subscription before the burst and held nothing unread after it; the probe
/// handshake saw a probe arrive and cleared the leftovers before the burst.
fn prove_runs(finding: &mut Finding, way: &str, join: Join, runs: &[Joined]) {
    let n = runs.len();
    let count = |proven: fn(&Joined) -> bool| runs.iter().filter(|r| proven(r)).count();
    let tcp = count(|r| lab::transport_of(&r.endpoint) == Some(Transport::Tcp));
    let roomy = count(|r| r.settings == ROOMY.settings());
    finding.set_up(
        tcp == n && roomy == n,
        format!(
            "{way}: tcp in {tcp} of {n} runs, the queues read back as set ({} messages) in {roomy}",
            ROOMY.settings().sndhwm
        ),
    );
    match join {
        Join::Naive => {
            let waited = count(|r| !r.told.subscribed.is_empty() || r.probes.is_some());
            finding.set_up(
                waited == 0,
                format!("{way}: waited for the subscriber in {waited} of {n} runs"),
            );
        }
        Join::AwaitSubscription => {
            let read = count(|r| r.told.subscribed == [Vec::<u8>::new()]);
            let clean = count(|r| r.told.unread.is_empty() && r.unread_after.is_empty());
            finding.set_up(
                read == n && clean == n,
                format!(
                    "{way}: the subscription read before the burst in {read} of {n} runs, nothing else held by the publisher, before or after it, in {clean}"
                ),
            );
        }
        Join::ProbeHandshake => {
            let arrived =
                count(|r| r.probes.is_some_and(|p| p.sent > 0 && p.discarded > 0));
            finding.set_up(
                arrived == n,
                format!(
                    "{way}: a probe arrived and the leftovers were cleared before the burst in {arrived} of {n} runs"
                ),
            );
        }
    }
}

/// Judges the three ways of joining, each repeated `runs` times.
pub fn judge(
    burst: usize,
    runs: usize,
    [naive, awaited, probed]: [&[Joined]; 3],
) -> Finding {
    let mut finding = Finding::new();
    prove_runs(&mut finding, "naive", Join::Naive, naive);
    prove_runs(&mut finding, "XPUB", Join::AwaitSubscription, awaited);
    prove_runs(&mut finding, "probe", Join::ProbeHandshake, probed);
    for (way, outcome) in [
        ("naive runs", naive),
        ("XPUB runs", awaited),
        ("probe runs", probed),
    ] {
        if !finding.check_count(way, outcome.len(), runs) {
            return finding;
        }
    }
    let lost_some = losses(naive, burst).iter().filter(|&&l| l > 0).count();
    let tails = naive.iter().all(|r| a_tail_in_order(&r.received, burst));
    finding.observe(
        lost_some > 0 && tails,
        format!(
            "connect-then-publish: {}; what arrived was {}",
            if lost_some > 0 {
                "the first messages lost in some runs"
            } else {
                "nothing lost in any run"
            },
            if tails {
                "the tail of the burst, in order"
            } else {
                "not the tail of the burst"
            }
        ),
    );
    for (way, outcome) in [
        ("waiting for the subscription (XPUB)", awaited),
        ("a probe handshake", probed),
    ] {
        let whole = outcome
            .iter()
            .filter(|r| a_tail_in_order(&r.received, burst) && r.received.len() == burst)
            .count();
        finding.observe(
            whole == runs,
            format!("{way}: all {burst} arrived, in order, in {whole} of {runs} runs"),
        );
    }
    finding.figure(format!(
        "lost of {burst}, min/median/max over {runs} runs: naive {}, XPUB wait {}, probe handshake {}",
        spread(&losses(naive, burst)),
        spread(&losses(awaited, burst)),
        spread(&losses(probed, burst))
    ));
    finding
}

fn finding() -> Result<Finding> {
    let naive = repeated(Join::Naive, BURST, RUNS)?;
    let awaited = repeated(Join::AwaitSubscription, BURST, RUNS)?;
    let probed = repeated(Join::ProbeHandshake, BURST, RUNS)?;
    Ok(judge(BURST, RUNS, [&naive, &awaited, &probed]))
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
