//! PL1 ★ — every pushed message is received by exactly one PULL end.

use crate::tr;
use anyhow::Result;

use super::{collect_from, connected_pipeline, proven_ready, tally};
use crate::claims::{on_each, Claim, Finding, Glance, Verdict};
use crate::lab::{Lab, Ready, Transport};

pub static CLAIM: Claim = Claim {
    id: "PL1",
    star: true,
    summary: "Every pushed message is received by exactly one PULL end",
    zh: "push的任何一个消息,始终只会有一个pull端收到消息",
    en: "any message pushed is only ever received by one PULL end",
    glance: Glance {
        zh: "每条消息只有一个 PULL 端收到",
        en: "Each message reaches exactly one puller",
        advice: "Send each task once: every connected puller gets its share, and no task goes to two.",
    },
    verdict: Verdict::Holds,
    conditions: "",
    experiment: finding,
    beyond: None,
};

/// How many pullers share the messages…
pub const PULLERS: usize = 3;
/// …and how many numbered messages are pushed to them.
pub const MESSAGES: usize = 3000;

/// The numbers each puller received, and the proof that every puller was connected
/// before the first was pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dealt {
    pub ready: Ready,
    pub received: Vec<Vec<usize>>,
}

// ANCHOR: exactly_once
/// Pushes `messages` numbered messages to `pullers` pullers; returns the numbers each
/// received.
pub fn received_by_each_puller(
    transport: Transport,
    pullers: usize,
    messages: usize,
) -> Result<Dealt> {
    let lab = Lab::new()?;
    let pipeline = connected_pipeline(&lab, transport, pullers)?;
    for i in 0..messages {
        let task = format!("task {i}");
        pipeline.pusher.socket.send(task.as_str(), 0)?;
    }
    Ok(Dealt {
        received: collect_from(&pipeline.pullers, messages)?,
        ready: pipeline.ready,
    })
}
// ANCHOR_END: exactly_once

/// Judges what `pullers` pullers received of `messages` numbered messages on `transport`.
pub fn judge(
    transport: Transport,
    pullers: usize,
    messages: usize,
    dealt: &Dealt,
) -> Finding {
    let mut finding = Finding::new();
    proven_ready(
        &mut finding,
        &tr!("pl-the-push"),
        transport,
        &dealt.ready,
        pullers,
    );
    let received = &dealt.received;
    if !finding.check_count(&tr!("pl1-receipts"), received.len(), pullers) {
        return finding;
    }
    let (once, lost, twice) = tally(received, messages);
    finding.observe(
        (once, lost, twice) == (messages, 0, 0),
        tr!(
            "pl1-tally",
            messages = messages,
            pullers = pullers,
            once = once,
            lost = lost,
            twice = twice
        ),
    );
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, |t| {
        received_by_each_puller(t, PULLERS, MESSAGES)
    })?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, dealt)| {
                (transport, judge(transport, PULLERS, MESSAGES, &dealt))
            })
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: the ventilator sends each task once; every worker connected to
/// its address pulls its share, and no task goes to two workers.
pub fn ventilate(ventilator: &zmq::Socket, tasks: &[&str]) -> zmq::Result<()> {
    for task in tasks {
        ventilator.send(*task, 0)?; // to exactly one worker
    }
    Ok(())
}
// ANCHOR_END: own
