//! PL4 — unlike PUB/SUB, there is a buffer.

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use super::{await_peers, proven_ready};
use crate::claims::pubsub::ps4::{predicted_kept, predicted_text, Queues};
use crate::claims::{listed, ms, on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Ready, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PL4",
    star: false,
    summary: "Unlike PUB/SUB, there is a buffer",
    zh: "区别于Publish-Subscribe存在一个数据缓存和处理负载",
    en: "unlike Publish-Subscribe, there is a data buffer and a processing load",
    verdict: Verdict::HoldsOnlyWhen("the PUSH has a peer or connects"),
    conditions: "A binding PUSH with no puller has nowhere to queue and refuses to send (it blocks, or EAGAIN); at the high-water mark a PUSH blocks instead of dropping.",
    experiment: finding,
    beyond: None,
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
    /// The endpoint as the socket that bound it reads it back, and the peers the PUSH had
    /// when its sends were over: none.
    pub ready: Ready,
    /// The PUSH's high-water mark, read back before it sent.
    pub sndhwm: i32,
    /// Its send timeout, read back before the timed send.
    pub sndtimeo: Option<i32>,
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
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.set_sndhwm(hwm)?;
    let sndhwm = pusher.socket.get_sndhwm()?;
    let endpoint = lab.endpoint(transport)?;
    match side {
        PushSide::Binds => lab::bind_at(&pusher.socket, &endpoint)?,
        PushSide::Connects => pusher.socket.connect(&endpoint)?,
    }
    let mut accepted = 0;
    let mut refused_with = None;
    for i in 0..tried {
        match pusher
            .socket
            .send(format!("task {i}").as_str(), zmq::DONTWAIT)
        {
            Ok(()) => accepted += 1,
            Err(e) => {
                refused_with = Some(e);
                break;
            }
        }
    }
    let (mut timeout_took, mut sndtimeo) = (None, None);
    if refused_with.is_some() {
        pusher.socket.set_sndtimeo(lab::millis(SEND_TIMEOUT))?;
        sndtimeo = Some(pusher.socket.get_sndtimeo()?);
        let started = Instant::now();
        let result = pusher.socket.send("one more", 0);
        timeout_took = Some(started.elapsed());
        ensure!(
            result == Err(zmq::Error::EAGAIN),
            "a send with a timeout: {result:?}"
        );
    }
    // Nobody was there while it sent: no handshake (no connect, on inproc).
    let peers = pusher.ready(&endpoint, 0)?.peers;
    let puller = lab.socket(zmq::PULL)?;
    let bound = match side {
        PushSide::Binds => {
            puller.connect(&endpoint)?;
            lab::last_endpoint(&pusher.socket)?
        }
        PushSide::Connects => {
            lab::bind_at(&puller, &endpoint)?;
            lab::last_endpoint(&puller)?
        }
    };
    let later_received = lab::receive_expecting(&puller, accepted)?.len();
    Ok(NoPuller {
        accepted,
        refused_with,
        timeout_took,
        later_received,
        ready: Ready {
            endpoint: bound,
            peers,
        },
        sndhwm,
        sndtimeo,
    })
}
// ANCHOR_END: no_puller

/// What a PUSH did to a connected puller that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlowPuller {
    /// Sends accepted before one was refused…
    pub accepted: usize,
    /// …the refusal, and how long that send waited for room…
    pub refused_with: zmq::Error,
    pub refused_after: Duration,
    /// …and how many of the accepted the puller found when it read.
    pub found: usize,
    /// The PUSH's endpoint, and the puller known to it before the first send.
    pub ready: Ready,
    /// Read back before the first send: the PUSH's SNDHWM and the puller's RCVHWM…
    pub marks: [i32; 2],
    /// …the PUSH's SO_SNDBUF and the puller's SO_RCVBUF…
    pub buffers: [i32; 2],
    /// …and the PUSH's send timeout.
    pub sndtimeo: i32,
}

// ANCHOR: slow_puller
/// A puller that is connected but does not read, with the queues set as `queues` says.
/// Pushes until a send with a 100 ms timeout is refused; then the puller reads. Returns
/// how many sends were accepted, how the refused one ended, how many messages the puller
/// then found, and the settings read back.
pub fn push_to_slow_puller(transport: Transport, queues: Queues) -> Result<SlowPuller> {
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
    let ready = await_peers(&mut pusher, &endpoint, 1, BOUND)?;

    let mut accepted = 0;
    let payload = vec![b'.'; queues.message_size];
    // Once the queues are full, the I/O thread may still free a little room: keep pushing
    // until a send with a timeout is refused.
    pusher.socket.set_sndtimeo(lab::millis(SEND_TIMEOUT))?;
    let marks = [pusher.socket.get_sndhwm()?, puller.get_rcvhwm()?];
    let buffers = [pusher.socket.get_sndbuf()?, puller.get_rcvbuf()?];
    let sndtimeo = pusher.socket.get_sndtimeo()?;
    let (refused_with, refused_after) = loop {
        let started = Instant::now();
        match pusher.socket.send(&payload, 0) {
            Ok(()) => accepted += 1,
            Err(error) => break (error, started.elapsed()),
        }
        ensure!(accepted < 1_000_000, "the PUSH never stopped accepting");
    };
    let found = lab::receive_expecting(&puller, accepted)?.len();
    Ok(SlowPuller {
        accepted,
        refused_with,
        refused_after,
        found,
        ready,
        marks,
        buffers,
        sndtimeo,
    })
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
    pub slow: SlowPuller,
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

/// The set-up of a PUSH with no puller: the transport, nobody there, the mark and (if a
/// send was refused) the timeout read back.
fn proven_alone(
    finding: &mut Finding,
    transport: Transport,
    what: &str,
    outcome: &NoPuller,
) {
    proven_ready(finding, what, transport, &outcome.ready, 0);
    finding.set_up(
        outcome.sndhwm == HWM,
        format!(
            "{what}: SNDHWM read back {}, where {HWM} was set",
            outcome.sndhwm
        ),
    );
    if outcome.refused_with.is_some() {
        let wanted = lab::millis(SEND_TIMEOUT);
        finding.set_up(
            outcome.sndtimeo == Some(wanted),
            format!(
                "{what}: SNDTIMEO read back {:?} before the timed send, where {wanted} was set",
                outcome.sndtimeo
            ),
        );
    }
}

/// The set-up of the slow puller's experiment: the transport, the puller connected, and
/// the marks, buffers and timeout read back as [`SLOW_PULLER`] and [`SEND_TIMEOUT`] say.
fn proven_slow(finding: &mut Finding, transport: Transport, slow: &SlowPuller) {
    proven_ready(finding, "the slow puller's PUSH", transport, &slow.ready, 1);
    if let Some(hwm) = SLOW_PULLER.hwm {
        finding.set_up(
            slow.marks == [hwm; 2],
            format!(
                "SNDHWM and RCVHWM read back {}, where {hwm} each were set",
                listed(&slow.marks)
            ),
        );
    }
    if let Some(bytes) = SLOW_PULLER.kernel_buffer {
        finding.set_up(
            slow.buffers == [bytes; 2],
            format!(
                "SO_SNDBUF and SO_RCVBUF read back {}, where {bytes} each were set",
                listed(&slow.buffers)
            ),
        );
    }
    let wanted = lab::millis(SEND_TIMEOUT);
    finding.set_up(
        slow.sndtimeo == wanted,
        format!(
            "SNDTIMEO read back {}, where {wanted} was set",
            slow.sndtimeo
        ),
    );
}

/// Judges PL4 on one transport.
pub fn judge(transport: Transport, measured: &Measured) -> Finding {
    let mut finding = Finding::new();
    let Measured {
        binds,
        connects,
        slow,
    } = measured;
    proven_alone(&mut finding, transport, "the binding PUSH", binds);
    proven_alone(&mut finding, transport, "the connecting PUSH", connects);
    proven_slow(&mut finding, transport, slow);

    let (wait, on_time) = waited(binds);
    finding.observe(
        binds.accepted == 0
            && binds.refused_with == Some(zmq::Error::EAGAIN)
            && on_time
            && binds.later_received == 0,
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
    let SlowPuller {
        accepted,
        found,
        refused_with,
        refused_after,
        ..
    } = *slow;
    let predicted = predicted_kept(transport, SLOW_PULLER);
    let within = predicted
        .as_ref()
        .is_some_and(|range| range.contains(&accepted));
    let range = predicted.as_ref().map(predicted_text).unwrap_or_default();
    let blocked = refused_with == zmq::Error::EAGAIN
        && lab::gave_up_at(refused_after, SEND_TIMEOUT);
    let then = if blocked {
        "blocked".to_string()
    } else if refused_with == zmq::Error::EAGAIN {
        format!(
            "a send with a {} ms timeout did not give up at it",
            SEND_TIMEOUT.as_millis()
        )
    } else {
        format!("refused with {}", lab::error_name(refused_with))
    };
    finding.observe(
        within && blocked && found == accepted,
        format!(
            "to a connected puller that does not read: the PUSH accepted {} the high-water marks and buffers hold ({range}), then {then}; the puller found {} of them",
            if within { "as many as" } else { "a count outside what" },
            if found == accepted { "all".to_string() } else { format!("{found}") }
        ),
    );
    finding.figure(format!(
        "slow puller: {accepted} accepted before blocking for {}; send timeouts waited {} and {}",
        ms(refused_after),
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
