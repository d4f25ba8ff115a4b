//! PS6 on both implementations: late joiners lose messages, the "slow joiner".
//!
//! libzmq's four ways of joining, repeated as libzmq's are (`ps6::REPEATS`): connect and
//! publish at once (the naive joiner), a publisher already sending, a publisher that waits
//! for the subscription on an XPUB, and a probe handshake over a REQ/REP side channel.
//! Judged as libzmq's judge judges them, in its words, but for one line of its set-up:
//! the queues read back as set (a high-water mark of ten bursts). zmq.rs has no HWM
//! option, so no zmq.rs end can be set or read back; each run proves the transport it used
//! instead. libzmq's part beyond the claim (a publisher already sending that reads its
//! `ZMQ_EVENTS`, over inproc) is libzmq's alone.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context as _, Result};
use zmq_workbook::claims::pubsub::ps4::DEFAULT_HWM;
use zmq_workbook::claims::pubsub::ps6::{
    observe_repeats, observe_the_ways, Join, Probes, Repeats, BURST, NAIVE_AT_MOST,
    REPEATS, ROOMY, RUNS,
};
use zmq_workbook::claims::{number, Finding};
use zmq_workbook::lab::{self, Lab, Transport, BOUND};
use zmq_workbook::tr;

use crate::end::{run, End, Kind, Pairing};

/// What one run of a way of joining received, and what it proves of its set-up: libzmq's
/// `Joined`, without the queue settings that zmq.rs cannot read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub received: Vec<usize>,
    pub endpoint: String,
    /// The subscriptions an XPUB read before the burst, and what else it held then…
    pub subscribed: Vec<Vec<u8>>,
    pub unread_before: Vec<Vec<u8>>,
    /// …and after the burst.
    pub unread_after: Vec<Vec<u8>>,
    pub probes: Option<Probes>,
    /// Messages the publisher sent just before the subscriber connected.
    pub sent_before: usize,
    /// The high-water marks read back from the libzmq ends (the publisher's SNDHWM, the
    /// subscriber's RCVHWM), set to libzmq's roomy queues; none for a zmq.rs end.
    pub libzmq_hwm: Vec<i32>,
}

/// Reads what `publisher` (an XPUB) holds now, without waiting.
async fn left_unread(publisher: &mut End) -> Result<Vec<Vec<u8>>> {
    let mut unread = Vec::new();
    while let Some(message) = publisher.recv_within(Duration::ZERO).await? {
        unread.push(message.concat());
    }
    Ok(unread)
}

/// Waits until a subscription (`\x01<topic>`) reaches `publisher`, each message within
/// [`BOUND`]; returns the topic.
async fn await_subscription(publisher: &mut End) -> Result<Vec<u8>> {
    loop {
        let Some(message) = publisher.recv_within(BOUND).await? else {
            bail!("no subscription reached the publisher within {BOUND:?}");
        };
        let message = message.concat();
        if message.first() == Some(&1) {
            return Ok(message[1..].to_vec());
        }
    }
}

/// libzmq's probe handshake: probes until the subscriber has one and says so on a REQ/REP
/// side channel; the answer names the last probe, and the subscriber discards the probes
/// up to it.
async fn probe_handshake(
    lab: &Lab,
    pairing: Pairing,
    transport: Transport,
    publisher: &mut End,
    subscriber: &mut End,
) -> Result<Probes> {
    let mut sync_server = End::new(lab, pairing.binds, Kind::Rep)?;
    let sync = sync_server.bind(lab, transport).await?;
    let mut sync_client = End::new(lab, pairing.connects, Kind::Req)?;
    sync_client.connect(&sync).await?;

    let deadline = Instant::now() + BOUND;
    let mut sent = 0;
    let first_seen = loop {
        ensure!(
            Instant::now() < deadline,
            "no probe reached the subscriber within {BOUND:?}"
        );
        publisher.send_one(format!("probe {sent}")).await?;
        sent += 1;
        if let Some(probe) = subscriber.recv_within(Duration::from_millis(1)).await? {
            sync_client.send_one("ready").await?;
            break number(&probe.concat());
        }
    };
    ensure!(sync_server.recv().await? == [b"ready"]);
    sync_server
        .send_one(format!("go after probe {}", sent - 1))
        .await?;
    let last = number(&sync_client.recv().await?.concat());
    let (mut seen, mut discarded) = (first_seen, 1);
    while seen < last {
        let Some(probe) = subscriber.recv_within(BOUND).await? else {
            bail!("probe {last} never came; the last was {seen}");
        };
        let probe = probe.concat();
        ensure!(
            lab::text(&probe).starts_with("probe "),
            "{} came before probe {last}",
            lab::show(&probe)
        );
        seen = number(&probe);
        discarded += 1;
    }
    Ok(Probes {
        sent,
        discarded,
        last_discarded: Some(last),
    })
}

/// A subscriber connects and subscribes; the publisher publishes `burst` numbered
/// messages, then "end" until one arrives (delivery is in order: whatever of the burst was
/// going to arrive has arrived before it).
pub async fn slow_joiner(
    pairing: Pairing,
    transport: Transport,
    join: Join,
    burst: usize,
) -> Result<Joined> {
    let lab = Lab::new()?;
    let kind = match join {
        Join::AwaitSubscription => Kind::XPub,
        _ => Kind::Pub,
    };
    let mut publisher = End::new(&lab, pairing.binds, kind)?;
    let mut subscriber = End::new(&lab, pairing.connects, Kind::Sub)?;
    // libzmq's roomy queues, where an end is libzmq's: a queue that overflows loses
    // messages for another reason (PS4).
    let hwm = ROOMY.hwm.unwrap_or(DEFAULT_HWM);
    let mut libzmq_hwm = Vec::new();
    if let Some(watched) = publisher.libzmq() {
        watched.socket.set_sndhwm(hwm)?;
        libzmq_hwm.push(watched.socket.get_sndhwm()?);
    }
    if let Some(watched) = subscriber.libzmq() {
        watched.socket.set_rcvhwm(hwm)?;
        libzmq_hwm.push(watched.socket.get_rcvhwm()?);
    }
    let endpoint = publisher.bind(&lab, transport).await?;
    subscriber.subscribe(b"").await?;
    let already_sending =
        matches!(join, Join::AlreadySending | Join::AlreadySendingTakenIn);
    if already_sending {
        publisher.send_one("before").await?; // nobody there yet: dropped
    }
    subscriber.connect(&endpoint).await?;

    let (mut subscribed, mut unread_before, mut probes) = (Vec::new(), Vec::new(), None);
    match join {
        Join::AwaitSubscription => {
            subscribed.push(await_subscription(&mut publisher).await?);
            unread_before = left_unread(&mut publisher).await?;
        }
        Join::ProbeHandshake => {
            probes = Some(
                probe_handshake(
                    &lab,
                    pairing,
                    transport,
                    &mut publisher,
                    &mut subscriber,
                )
                .await?,
            );
        }
        _ => {}
    }

    // The subscriber reads as the burst goes out, as libzmq's SUB does in the background
    // (a zmq.rs SUB reads from its connection only when asked: unread, the connection
    // fills and a zmq.rs XPUB's send waits). "end" goes out until one arrives: delivery is
    // in order, so whatever of the burst was going to arrive has arrived before it.
    let arrived = std::cell::Cell::new(false);
    let publishing = async {
        for i in 0..burst {
            publisher.send_one(format!("update {i}")).await?;
        }
        let deadline = Instant::now() + BOUND;
        while !arrived.get() {
            ensure!(
                Instant::now() < deadline,
                "no end marker arrived within {BOUND:?}"
            );
            publisher.send_one("end").await?;
            tokio::time::sleep(Duration::from_millis(1)).await; // the pace of the markers
        }
        anyhow::Ok(())
    };
    let receiving = async {
        let mut received = Vec::new();
        let deadline = Instant::now() + BOUND + BOUND;
        while Instant::now() < deadline {
            match subscriber.recv_within(Duration::from_millis(1)).await? {
                Some(message) if message == [b"end"] => {
                    arrived.set(true);
                    break;
                }
                Some(message) => received.push(number(&message.concat())),
                None => {}
            }
            // A libzmq receive returns without yielding: let the publisher go on.
            tokio::task::yield_now().await;
        }
        anyhow::Ok(received)
    };
    let (published, received) = tokio::join!(publishing, receiving);
    published?;
    let received = received?;
    let unread_after = match join {
        Join::AwaitSubscription => left_unread(&mut publisher).await?,
        _ => Vec::new(),
    };
    Ok(Joined {
        received,
        endpoint,
        subscribed,
        unread_before,
        unread_after,
        probes,
        sent_before: usize::from(already_sending),
        libzmq_hwm,
    })
}

/// What each run received, as libzmq's judgements read it.
fn received(runs: &[Joined]) -> Vec<&[usize]> {
    runs.iter().map(|r| r.received.as_slice()).collect()
}

/// libzmq's repetitions: the fixes [`RUNS`] times; the ways that may lose at least that
/// many times and on until a run lost something, [`NAIVE_AT_MOST`] in all.
async fn repeated(
    pairing: Pairing,
    transport: Transport,
    join: Join,
) -> Result<Vec<Joined>> {
    let mut measured: Vec<Joined> = Vec::new();
    let until_one_loses = matches!(join, Join::Naive | Join::AlreadySending);
    while measured.len() < RUNS
        || (until_one_loses
            && measured.len() < NAIVE_AT_MOST
            && measured.iter().all(|r| r.received.len() >= BURST))
    {
        measured.push(slow_joiner(pairing, transport, join, BURST).await?);
    }
    Ok(measured)
}

/// libzmq's proof of each way's runs, but the queue settings: the transport used; what was
/// sent before the connect; what the publisher waited for; how many runs.
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
    let hwm = ROOMY.hwm.unwrap_or(DEFAULT_HWM);
    let roomy = count(&|r| r.libzmq_hwm.iter().all(|&h| h == hwm));
    let ends = measured
        .iter()
        .map(|r| r.libzmq_hwm.len())
        .max()
        .unwrap_or(0);
    finding.set_up(
        used == n && roomy == n,
        format!(
            "{way}: {transport} in {used} of {n} runs, the queues of its {ends} libzmq ends read back as set ({hwm} messages) in {roomy}"
        ),
    );
    let already = join == Join::AlreadySending;
    let sent_before = count(&|r| r.sent_before == usize::from(already));
    finding.set_up(
        sent_before == n,
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
            read = tr!("ps6-did-not-read"),
            took_in = n
        ),
    );
    match join {
        Join::AwaitSubscription => {
            let read = count(&|r| r.subscribed == [Vec::<u8>::new()]);
            let clean =
                count(&|r| r.unread_before.is_empty() && r.unread_after.is_empty());
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
        _ => {
            let waited = count(&|r| !r.subscribed.is_empty() || r.probes.is_some());
            finding.set_up(
                waited == 0,
                tr!("ps6-waited", way = way, waited = waited, runs = n),
            );
        }
    }
    observe_repeats(finding, (way, join), repeats, &received(measured));
}

/// Judges the four ways of joining on `transport` as libzmq's judge does (but the queue
/// settings, see the module's comment).
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
    finding
}

/// The four ways of joining on `pairing` over `transport`, measured and judged.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let measure = |join| {
        run(repeated(pairing, transport, join))
            .with_context(|| format!("joining {join:?}"))
    };
    let naive = measure(Join::Naive)?;
    let already = measure(Join::AlreadySending)?;
    let awaited = measure(Join::AwaitSubscription)?;
    let probed = measure(Join::ProbeHandshake)?;
    Ok(judge(
        transport,
        REPEATS,
        [&naive, &already, &awaited, &probed],
    ))
}
