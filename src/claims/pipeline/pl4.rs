//! PL4 — unlike PUB/SUB, there is a buffer.

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use super::{await_peers, proven_ready};
use crate::claims::pubsub::ps4::{predicted_kept, predicted_text, Queues};
use crate::claims::{
    listed, ms, number, on_each, Beyond, Claim, Finding, Glance, Verdict,
};
use crate::lab::{self, Lab, Ready, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PL4",
    star: false,
    summary: "Unlike PUB/SUB, there is a buffer",
    zh: "区别于Publish-Subscribe存在一个数据缓存和处理负载",
    en: "unlike Publish-Subscribe, there is a data buffer and a processing load",
    glance: Glance {
        zh: "与 PUB/SUB 不同，有缓存",
        en: "Unlike PUB/SUB, there is a buffer",
        advice: "To hold tasks while no worker is up, let the PUSH connect, and give it a send timeout (`ZMQ_SNDTIMEO`).",
    },
    verdict: Verdict::HoldsOnlyWhen("the PUSH has a peer or connects"),
    conditions: "A binding PUSH with no puller has nowhere to queue and refuses to send (it blocks, or EAGAIN); at the high-water mark a PUSH blocks instead of dropping.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "a connecting PUSH with ZMQ_IMMEDIATE off (the default) and on: a puller absent, or none",
        experiment: immediate_finding,
    }),
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
    /// `ZMQ_IMMEDIATE`, read back before it bound or connected.
    pub immediate: bool,
}

/// Where the PUSH stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushSide {
    Binds,
    Connects,
    /// Connects, with `ZMQ_IMMEDIATE` on: queues only to completed connections.
    ConnectsImmediate,
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
    pusher
        .socket
        .set_immediate(side == PushSide::ConnectsImmediate)?;
    let sndhwm = pusher.socket.get_sndhwm()?;
    let immediate = pusher.socket.is_immediate()?;
    let endpoint = lab.endpoint(transport)?;
    match side {
        PushSide::Binds => lab::bind_at(&pusher.socket, &endpoint)?,
        _ => pusher.socket.connect(&endpoint)?,
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
        _ => {
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
        immediate,
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
/// Pushes until sends with a 100 ms timeout are refused [`REFUSALS`] times in a row; then
/// the puller reads. Returns
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
    // Once the queues are full, the I/O thread may still free a little room, and a
    // machine too busy to run it may refuse a send before they are: keep pushing until
    // sends with a timeout are refused several times in a row.
    pusher.socket.set_sndtimeo(lab::millis(SEND_TIMEOUT))?;
    let marks = [pusher.socket.get_sndhwm()?, puller.get_rcvhwm()?];
    let buffers = [pusher.socket.get_sndbuf()?, puller.get_rcvbuf()?];
    let sndtimeo = pusher.socket.get_sndtimeo()?;
    let mut refusals = 0;
    let (refused_with, refused_after) = loop {
        let started = Instant::now();
        match pusher.socket.send(&payload, 0) {
            Ok(()) => {
                accepted += 1;
                refusals = 0;
            }
            Err(zmq::Error::EAGAIN) if refusals + 1 < REFUSALS => refusals += 1,
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

/// How many sends in a row a slow puller's PUSH must refuse for its queues to count as
/// full: one refusal may be a stall of the I/O thread that would have freed room (seen
/// with two suites and Python programs at once on 2 cores: 10 accepted over ipc, where the
/// marks and buffers hold 20 at least).
pub const REFUSALS: usize = 3;

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
        None => tr!("pl4-never-refused"),
    }
}

fn waited(outcome: &NoPuller) -> (String, bool) {
    match outcome.timeout_took {
        Some(took) if lab::gave_up_at(took, SEND_TIMEOUT) => (
            tr!("pl4-gave-up-at", timeout = SEND_TIMEOUT.as_millis()),
            true,
        ),
        Some(_) => (
            tr!("pl4-did-not-give-up", timeout = SEND_TIMEOUT.as_millis()),
            false,
        ),
        None => (tr!("pl4-no-send-refused"), false),
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
        !outcome.immediate,
        tr!(
            "pl4-immediate-default",
            what = what,
            read = outcome.immediate.to_string()
        ),
    );
    finding.set_up(
        outcome.sndhwm == HWM,
        tr!("pl4-sndhwm", what = what, read = outcome.sndhwm, set = HWM),
    );
    if outcome.refused_with.is_some() {
        let wanted = lab::millis(SEND_TIMEOUT);
        finding.set_up(
            outcome.sndtimeo == Some(wanted),
            tr!(
                "pl4-sndtimeo-before",
                what = what,
                read = format!("{:?}", outcome.sndtimeo),
                set = wanted
            ),
        );
    }
}

/// The set-up of the slow puller's experiment: the transport, the puller connected, and
/// the marks, buffers and timeout read back as [`SLOW_PULLER`] and [`SEND_TIMEOUT`] say.
fn proven_slow(finding: &mut Finding, transport: Transport, slow: &SlowPuller) {
    proven_ready(finding, &tr!("pl4-slow-push"), transport, &slow.ready, 1);
    if let Some(hwm) = SLOW_PULLER.hwm {
        finding.set_up(
            slow.marks == [hwm; 2],
            tr!("pl4-marks", marks = listed(&slow.marks), hwm = hwm),
        );
    }
    if let Some(bytes) = SLOW_PULLER.kernel_buffer {
        finding.set_up(
            slow.buffers == [bytes; 2],
            tr!(
                "pl4-buffers",
                buffers = listed(&slow.buffers),
                bytes = bytes
            ),
        );
    }
    let wanted = lab::millis(SEND_TIMEOUT);
    finding.set_up(
        slow.sndtimeo == wanted,
        tr!("ps4-sndtimeo", read = slow.sndtimeo, set = wanted),
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
    proven_alone(&mut finding, transport, &tr!("pl4-binding-push"), binds);
    proven_alone(
        &mut finding,
        transport,
        &tr!("pl4-connecting-push"),
        connects,
    );
    proven_slow(&mut finding, transport, slow);

    let (wait, on_time) = waited(binds);
    finding.observe(
        binds.accepted == 0
            && binds.refused_with == Some(zmq::Error::EAGAIN)
            && on_time
            && binds.later_received == 0,
        tr!(
            "pl4-binding",
            accepted = binds.accepted,
            refusal = refusal(binds),
            wait = wait,
            later = binds.later_received
        ),
    );
    let queue = predicted_queue(transport, HWM).min(TRIED);
    let (wait, on_time) = waited(connects);
    let expected_refusal = (queue < TRIED).then_some(zmq::Error::EAGAIN);
    finding.observe(
        connects.accepted == queue
            && connects.refused_with == expected_refusal
            && (on_time || expected_refusal.is_none()),
        tr!(
            "pl4-connecting",
            hwm = HWM,
            queued = connects.accepted,
            tried = TRIED,
            refusal = refusal(connects),
            wait = if expected_refusal.is_some() {
                tr!("pl4-then-wait", wait = wait)
            } else {
                String::new()
            }
        ),
    );
    finding.observe(
        connects.later_received == connects.accepted,
        tr!(
            "pl4-later-received",
            received = connects.later_received,
            queued = connects.accepted
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
        tr!("pl4-blocked")
    } else if refused_with == zmq::Error::EAGAIN {
        tr!("pl4-did-not-give-up", timeout = SEND_TIMEOUT.as_millis())
    } else {
        tr!("pl4-refused-with", error = lab::error_name(refused_with))
    };
    finding.observe(
        within && blocked && found == accepted,
        if within {
            tr!(
                "pl4-slow-within",
                range = range,
                then = then,
                found = if found == accepted {
                    tr!("pl4-all")
                } else {
                    format!("{found}")
                }
            )
        } else {
            tr!(
                "pl4-slow-outside",
                range = range,
                then = then,
                found = if found == accepted {
                    tr!("pl4-all")
                } else {
                    format!("{found}")
                }
            )
        },
    );
    finding.figure(tr!(
        "pl4-slow-figure",
        accepted = accepted,
        blocked = ms(refused_after),
        binding = binds.timeout_took.map(ms).unwrap_or_default(),
        connecting = connects.timeout_took.map(ms).unwrap_or_default()
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

// ---------------------------------------------------------------- ZMQ_IMMEDIATE

/// Tasks pushed while one of the two pullers is absent.
pub const BATCH: usize = 10;

/// What a connecting PUSH dealt while one of its two pullers was absent, and after it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneAbsent {
    /// `ZMQ_IMMEDIATE`, read back before the PUSH connected.
    pub immediate: bool,
    /// The present puller's endpoint, read back from it, and the peers the PUSH had before
    /// its first send (tcp, ipc: handshakes; inproc: the connect to a bound name).
    pub ready: Ready,
    /// Tries to connect to the absent puller, refused before the first send (tcp, ipc).
    pub refused: usize,
    /// The numbers the present puller got of the first [`BATCH`]…
    pub present_got: Vec<usize>,
    /// …and the peers the PUSH had once the absent one came (both)…
    pub ready_again: Ready,
    /// …and what each got of two more pushed then: the one that came, first what was
    /// queued for it, if anything.
    pub present_after: Vec<usize>,
    pub late_got: Vec<usize>,
}

/// The numbers of the tasks a puller of a connecting PUSH gets, as libzmq 4.3.4 deals them:
/// with `ZMQ_IMMEDIATE` off (or over inproc, where it changes nothing) the absent puller
/// is dealt every other task and gets them when it comes; with it on, the present one is
/// dealt all. `[present, late]` of the first batch.
pub fn predicted_absent(transport: Transport, immediate: bool) -> [Vec<usize>; 2] {
    if immediate && transport != Transport::Inproc {
        [(0..BATCH).collect(), vec![]]
    } else {
        [
            (0..BATCH).step_by(2).collect(),
            (1..BATCH).step_by(2).collect(),
        ]
    }
}

// ANCHOR: one_absent
/// A PUSH, `ZMQ_IMMEDIATE` as `immediate` says, connects to a puller that is there and
/// to the address of one that is not; pushes [`BATCH`] tasks; then the absent puller
/// binds its address, and the PUSH pushes two more. What did each get?
pub fn one_puller_absent(transport: Transport, immediate: bool) -> Result<OneAbsent> {
    let lab = Lab::new()?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.set_immediate(immediate)?;
    let immediate = pusher.socket.is_immediate()?;
    let present = lab.socket(zmq::PULL)?;
    let present_at = lab.bind(&present, transport)?;
    let absent_at = lab.endpoint(transport)?; // nobody binds it yet
    pusher.socket.connect(&present_at)?;
    pusher.socket.connect(&absent_at)?;
    let mut refused = 0;
    if transport != Transport::Inproc {
        pusher.wait_for(zmq::SocketEvent::CONNECT_RETRIED, 1, BOUND)?;
        refused = pusher.seen(zmq::SocketEvent::CONNECT_RETRIED)?;
    }
    let ready = await_peers(&mut pusher, &present_at, 1, BOUND)?;
    for n in 0..BATCH {
        pusher.socket.send(format!("task {n}").as_str(), 0)?;
    }
    let [expected, queued] = predicted_absent(transport, immediate);
    // Each waits for what is due to it; a task too many for the present one would come
    // before its new one, and the last silence catches any other.
    let present_got = up_to(&present, expected.len())?;

    let late = lab.socket(zmq::PULL)?;
    lab::bind_at(&late, &absent_at)?;
    let ready_again = await_peers(&mut pusher, &present_at, 2, BOUND)?;
    for n in BATCH..BATCH + 2 {
        pusher.socket.send(format!("task {n}").as_str(), 0)?;
    }
    let mut late_got = up_to(&late, queued.len() + 1)?;
    let mut present_after = up_to(&present, 1)?;
    let pullers = [late, present];
    if let Ok(ready) = lab::readable_within(&pullers, lab::SILENCE) {
        for index in ready {
            let extra = lab::drain(&pullers[index], lab::SILENCE)?;
            let got = if index == 0 {
                &mut late_got
            } else {
                &mut present_after
            };
            got.extend(extra.iter().map(|m| number(m)));
        }
    }
    Ok(OneAbsent {
        immediate,
        ready,
        refused,
        present_got,
        ready_again,
        present_after,
        late_got,
    })
}
// ANCHOR_END: one_absent

/// The numbers of up to `count` tasks `puller` receives, each waited for up to
/// [`BOUND`].
fn up_to(puller: &zmq::Socket, count: usize) -> Result<Vec<usize>> {
    let mut numbers = Vec::new();
    while numbers.len() < count {
        match lab::recv_within(puller, BOUND)? {
            Some(task) => numbers.push(number(&task)),
            None => break,
        }
    }
    Ok(numbers)
}

/// Judges a connecting PUSH with one of two pullers absent, `ZMQ_IMMEDIATE` `wanted`.
pub fn judge_one_absent(
    transport: Transport,
    wanted: bool,
    absent: &OneAbsent,
) -> Finding {
    let mut finding = Finding::new();
    let setting = if wanted {
        tr!("rr2-on")
    } else {
        tr!("rr2-off")
    };
    let what = tr!("pl4-the-push-immediate", setting = &setting);
    proven_ready(&mut finding, &what, transport, &absent.ready, 1);
    proven_ready(
        &mut finding,
        &tr!("pl4-once-absent-came", what = &what),
        transport,
        &absent.ready_again,
        2,
    );
    finding.set_up(
        absent.immediate == wanted,
        tr!(
            "pl4-immediate-read-back",
            what = &what,
            read = absent.immediate.to_string(),
            set = wanted.to_string()
        ),
    );
    let networked = transport != Transport::Inproc;
    finding.set_up(
        (absent.refused > 0) == networked,
        tr!(
            "pl4-connects-refused",
            what = &what,
            refused = absent.refused
        ),
    );
    let [present, queued] = predicted_absent(transport, wanted);
    let new = [BATCH, BATCH + 1];
    // The late puller gets what was queued for it, then one of the two new tasks; the
    // present one the other.
    let late_ok = absent.late_got.len() == queued.len() + 1
        && absent.late_got[..queued.len()] == queued[..]
        && absent.late_got.last().is_some_and(|n| new.contains(n));
    let after_ok = absent.present_after.len() == 1
        && new.contains(&absent.present_after[0])
        && absent.late_got.last() != absent.present_after.first();
    let present_text = if absent.present_got == present {
        if present.len() == BATCH {
            tr!("pl4-present-all", batch = BATCH)
        } else {
            tr!(
                "pl4-present-every-other",
                got = present.len(),
                batch = BATCH
            )
        }
    } else {
        tr!(
            "pl4-present-got",
            tasks = listed(&absent.present_got),
            got = absent.present_got.len(),
            batch = BATCH
        )
    };
    let late_text = if late_ok && queued.is_empty() {
        tr!("pl4-late-only-one")
    } else if late_ok {
        tr!("pl4-late-first")
    } else {
        tr!("pl4-late-got", tasks = listed(&absent.late_got))
    };
    finding.observe(
        absent.present_got == present && late_ok && after_ok,
        tr!(
            "pl4-one-absent",
            setting = &setting,
            present = present_text,
            late = late_text
        ),
    );
    finding
}

/// Judges a connecting PUSH with `ZMQ_IMMEDIATE` on and no puller at all: as a binding PUSH
/// (tcp, ipc: no queue, EAGAIN at once and at its timeout, nothing for a puller that comes
/// later), or, over inproc, as any connecting one (a queue of its mark).
pub fn judge_immediate_alone(transport: Transport, alone: &NoPuller) -> Finding {
    let mut finding = Finding::new();
    let what = &tr!("pl4-connecting-immediate-on");
    proven_ready(&mut finding, what, transport, &alone.ready, 0);
    finding.set_up(
        alone.immediate,
        tr!(
            "pl4-immediate-on-read-back",
            what = what,
            read = alone.immediate.to_string()
        ),
    );
    finding.set_up(
        alone.sndhwm == HWM,
        tr!("pl4-sndhwm", what = what, read = alone.sndhwm, set = HWM),
    );
    let queue = if transport == Transport::Inproc {
        HWM as usize
    } else {
        0
    };
    let (wait, on_time) = waited(alone);
    finding.observe(
        alone.accepted == queue
            && alone.refused_with == Some(zmq::Error::EAGAIN)
            && on_time
            && alone.later_received == queue,
        tr!(
            "pl4-immediate-alone",
            hwm = HWM,
            queued = alone.accepted,
            tried = TRIED,
            refusal = refusal(alone),
            wait = wait,
            later = alone.later_received
        ),
    );
    finding
}

/// Beyond the claim: a connecting PUSH, `ZMQ_IMMEDIATE` off and on, with one of two pullers
/// absent, and with none.
pub fn immediate_finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |transport| {
        Ok((
            one_puller_absent(transport, false)?,
            one_puller_absent(transport, true)?,
            push_without_puller(transport, PushSide::ConnectsImmediate, HWM, TRIED)?,
        ))
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, (off, on, alone))| {
                let mut finding = judge_one_absent(transport, false, &off);
                finding.absorb(judge_one_absent(transport, true, &on));
                finding.absorb(judge_immediate_alone(transport, &alone));
                (transport, finding)
            })
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

/// The other way round: a PUSH that deals only to workers that are there. With
/// `ZMQ_IMMEDIATE` a connecting PUSH makes a queue for a worker only once its connection
/// is complete, so a worker that is down is not dealt every n-th task to hold; with no
/// worker up at all, it has no queue and refuses (EAGAIN) as a binding PUSH does.
pub fn pusher_to_live_workers(
    context: &zmq::Context,
    workers: &[&str],
) -> zmq::Result<zmq::Socket> {
    let pusher = context.socket(zmq::PUSH)?;
    pusher.set_immediate(true)?; // before connect: it applies to connections made after
    pusher.set_sndtimeo(0)?;
    for worker in workers {
        pusher.connect(worker)?;
    }
    Ok(pusher)
}
// ANCHOR_END: own
