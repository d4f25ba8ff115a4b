//! PL4 — unlike PUB/SUB, there is a buffer.

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use crate::claims::pubsub::ps4::{predicted_kept, predicted_text, Queues};
use crate::claims::{ms, on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "PL4",
    star: false,
    summary: "Unlike PUB/SUB, there is a buffer",
    zh: "区别于Publish-Subscribe存在一个数据缓存和处理负载",
    en: "unlike Publish-Subscribe, there is a data buffer and a processing load",
    verdict: Verdict::HoldsOnlyWhen(
        "the PUSH has a peer or connects: a binding PUSH with no puller has nowhere to queue and refuses to send (blocks, EAGAIN); at the high-water mark it blocks instead of dropping",
    ),
    experiment: finding,
};

/// The PUSH's high-water mark in PL4's experiments…
pub const HWM: i32 = 10;
/// …how many sends it tries with no puller…
pub const TRIED: usize = 100;
/// …and its send timeout once it is refused.
pub const SEND_TIMEOUT: Duration = Duration::from_millis(100);

/// The queues of the slow-puller experiment: small marks, small kernel buffers, 1 KiB
/// messages.
pub const SLOW_PULLER: Queues = Queues {
    hwm: Some(HWM),
    kernel_buffer: Some(16 * 1024),
    message_size: 1024,
};

/// What a PUSH with no puller did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPuller {
    /// Sends accepted before the first refusal (up to `tried`).
    pub accepted: usize,
    /// The error of the first refused send.
    pub refused_with: Option<zmq::Error>,
    /// How long a send with [`SEND_TIMEOUT`] waited before giving up.
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
/// A PUSH with no puller at all (it binds, or connects to an address nobody has bound)
/// tries `tried` sends with DONTWAIT, then one with a send timeout; then a puller
/// appears.
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
        pusher.set_sndtimeo(lab::millis(SEND_TIMEOUT))?;
        let started = Instant::now();
        let result = pusher.send("one more", 0);
        ensure!(
            result == Err(zmq::Error::EAGAIN),
            "a send with a timeout: {result:?}"
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
/// A puller that is connected but does not read, with the queues set as `queues` says.
/// Pushes until a send with a 100 ms timeout is refused; then the puller reads. Returns
/// how many sends were accepted and how many messages the puller then found.
pub fn push_to_slow_puller(
    transport: Transport,
    queues: Queues,
) -> Result<(usize, usize)> {
    let lab = Lab::new()?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    let puller = lab.socket(zmq::PULL)?;
    if let Some(hwm) = queues.hwm {
        pusher.socket.set_sndhwm(hwm)?;
        puller.set_rcvhwm(hwm)?;
    }
    if let Some(bytes) = queues.kernel_buffer {
        pusher.socket.set_sndbuf(bytes)?;
        puller.set_rcvbuf(bytes)?;
    }
    let endpoint = lab.bind(&pusher.socket, transport)?;
    puller.connect(&endpoint)?;
    if transport != Transport::Inproc {
        pusher.wait_handshakes(1)?;
    }
    pusher.socket.get_events()?;

    let mut accepted = 0;
    let payload = vec![b'.'; queues.message_size];
    // Once the queues are full, the I/O thread may still free a little room: keep pushing
    // until a send with a timeout is refused.
    pusher.socket.set_sndtimeo(lab::millis(SEND_TIMEOUT))?;
    while pusher.socket.send(&payload, 0).is_ok() {
        accepted += 1;
        ensure!(accepted < 1_000_000, "the PUSH never stopped accepting");
    }
    let found = lab::receive_expecting(&puller, accepted)?.len();
    Ok((accepted, found))
}
// ANCHOR_END: slow_puller

/// How many sends a connecting PUSH with no puller can queue: its high-water mark, on
/// every transport (an inproc connect to a name nobody has bound yet waits with a pipe of
/// the connecting side's mark alone).
pub fn predicted_queue(_transport: Transport, hwm: i32) -> usize {
    hwm as usize
}

/// Everything PL4 measures on one transport.
#[derive(Debug, Clone)]
pub struct Measured {
    pub binds: NoPuller,
    pub connects: NoPuller,
    /// Sends accepted before the slow puller's queues were full, and what it then found.
    pub slow: (usize, usize),
}

pub fn measure(transport: Transport) -> Result<Measured> {
    Ok(Measured {
        binds: push_without_puller(transport, PushSide::Binds, HWM, TRIED)?,
        connects: push_without_puller(transport, PushSide::Connects, HWM, TRIED)?,
        slow: push_to_slow_puller(transport, SLOW_PULLER)?,
    })
}

fn refusal(outcome: &NoPuller) -> String {
    match outcome.refused_with {
        Some(error) => lab::error_name(error).to_string(),
        None => "never refused".into(),
    }
}

fn waited(outcome: &NoPuller) -> (String, bool) {
    match outcome.timeout_took {
        Some(took) if lab::gave_up_at(took, SEND_TIMEOUT) => (
            format!(
                "a send with a {} ms timeout gave up at it",
                SEND_TIMEOUT.as_millis()
            ),
            true,
        ),
        Some(_) => (
            format!(
                "a send with a {} ms timeout did not give up at it",
                SEND_TIMEOUT.as_millis()
            ),
            false,
        ),
        None => ("no send was refused".into(), false),
    }
}

/// Judges PL4 on one transport.
pub fn judge(transport: Transport, measured: &Measured) -> Finding {
    let mut finding = Finding::new();
    let Measured {
        binds,
        connects,
        slow,
    } = measured;

    let (wait, on_time) = waited(binds);
    finding.observe(
        binds.accepted == 0 && binds.refused_with == Some(zmq::Error::EAGAIN) && on_time,
        format!(
            "a binding PUSH with no puller accepted {} sends, then {}; {wait}; a puller that came later got {}",
            binds.accepted,
            refusal(binds),
            binds.later_received
        ),
    );
    let queue = predicted_queue(transport, HWM).min(TRIED);
    let (wait, on_time) = waited(connects);
    let expected_refusal = (queue < TRIED).then_some(zmq::Error::EAGAIN);
    finding.observe(
        connects.accepted == queue
            && connects.refused_with == expected_refusal
            && (on_time || expected_refusal.is_none()),
        format!(
            "a connecting PUSH with no puller (SNDHWM {HWM}) queued {} of {TRIED}, then {}{}",
            connects.accepted,
            refusal(connects),
            if expected_refusal.is_some() { format!("; {wait}") } else { String::new() }
        ),
    );
    finding.observe(
        connects.later_received == connects.accepted,
        format!(
            "a puller that came later received {} of the {} queued",
            connects.later_received, connects.accepted
        ),
    );
    let (accepted, found) = *slow;
    let predicted = predicted_kept(transport, SLOW_PULLER);
    let within = predicted
        .as_ref()
        .is_some_and(|range| range.contains(&accepted));
    let range = predicted.as_ref().map(predicted_text).unwrap_or_default();
    finding.observe(
        within && found == accepted,
        format!(
            "to a connected puller that does not read: the PUSH accepted {} the high-water marks and buffers hold ({range}), then blocked; the puller found {} of them",
            if within { "as many as" } else { "a count outside what" },
            if found == accepted { "all".to_string() } else { format!("{found}") }
        ),
    );
    finding.figure(format!(
        "slow puller: {accepted} accepted before blocking; send timeouts waited {} and {}",
        binds.timeout_took.map(ms).unwrap_or_default(),
        connects.timeout_took.map(ms).unwrap_or_default()
    ));
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, measure)?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, measured)| (transport, judge(transport, &measured)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: to hold tasks while no worker is up, let the PUSH connect: it
/// queues up to its high-water mark. (A PUSH that binds has nowhere to put them.) When
/// the queue is full, a send with a timeout says so with EAGAIN instead of blocking for
/// ever.
pub fn queueing_pusher(
    context: &zmq::Context,
    address: &str,
    room: i32,
) -> zmq::Result<zmq::Socket> {
    let pusher = context.socket(zmq::PUSH)?;
    pusher.set_sndhwm(room)?; // how many tasks it may hold for an absent worker
    pusher.set_sndtimeo(0)?; // when they are all taken: EAGAIN, not a block
    pusher.connect(address)?; // the queue exists from now on
    Ok(pusher)
}
// ANCHOR_END: own
