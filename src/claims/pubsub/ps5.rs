//! PS5 — a subscriber that leaves does not disturb the broadcast; back, it gets only new
//! messages.

use anyhow::{ensure, Result};

use super::{await_subscriptions, numbered, publisher, recv_until, subscriber};
use crate::claims::{on_each, Claim, Finding, Verdict};
use crate::lab::{self, Lab, Transport};

pub static CLAIM: Claim = Claim {
    id: "PS5",
    star: false,
    summary: "A subscriber that leaves does not disturb the broadcast; back, it gets only new messages",
    zh: "如果中途有 Subscriber 端退出,并不影响他继续的广播,当 Subscriber 再连接上来的时候,收到的就是后来发送的新的信息了",
    en: "if a subscriber quits midway the broadcast goes on; when it connects again it receives only what is sent afterwards",
    verdict: Verdict::HoldsOnlyWhen(
        "its leaving closes its connection: a subscriber cut off by a silent link (a dead host, a cut cable) has not left for the publisher, and when the link comes back it gets what was published meanwhile, unless heartbeats dropped the connection",
    ),
    experiment: finding,
};

/// How many messages are published while the subscriber is away, and after its return.
pub const WHILE_AWAY: usize = 5;
pub const AFTER_RETURN: usize = 5;

/// What the two subscribers of PS5 received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveAndReturn {
    pub staying: Vec<Vec<u8>>,
    pub returning: Vec<Vec<u8>>,
}

// ANCHOR: leave_and_return
/// Two subscribers; one leaves (its socket closes, as when its program quits), the
/// publisher goes on publishing, and the subscriber comes back (a new socket, as when the
/// program is started again).
pub fn leave_and_return(transport: Transport) -> Result<LeaveAndReturn> {
    let lab = Lab::new()?;
    let publisher = publisher(&lab)?;
    let endpoint = lab.bind(&publisher, transport)?;
    let staying = subscriber(&lab, &endpoint, &[b""])?;
    let leaving = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 2)?;

    publisher.send("before", 0)?;
    let before = leaving.recv_bytes(0)?;
    ensure!(
        before == b"before",
        "the leaving one got {}",
        lab::show(&before)
    );
    drop(leaving);
    for message in numbered("while away", WHILE_AWAY) {
        publisher.send(message, 0)?;
    }
    let returning = subscriber(&lab, &endpoint, &[b""])?;
    await_subscriptions(&publisher, 1)?;
    for message in numbered("after return", AFTER_RETURN) {
        publisher.send(message, 0)?;
    }
    publisher.send("end", 0)?;
    Ok(LeaveAndReturn {
        staying: recv_until(&staying, b"end")?,
        returning: recv_until(&returning, b"end")?,
    })
}
// ANCHOR_END: leave_and_return

/// Everything PS5 publishes, in order.
pub fn everything() -> Vec<Vec<u8>> {
    let mut all = vec![b"before".to_vec()];
    all.extend(numbered("while away", WHILE_AWAY));
    all.extend(numbered("after return", AFTER_RETURN));
    all
}

/// Judges PS5 on one transport.
pub fn judge(outcome: &LeaveAndReturn) -> Finding {
    let mut finding = Finding::new();
    let all = everything();
    finding.observe(
        outcome.staying == all,
        format!(
            "the staying subscriber got {} of {}{}",
            outcome.staying.len(),
            all.len(),
            if outcome.staying == all {
                ", in order"
            } else {
                ""
            }
        ),
    );
    let of = |prefix: &[u8]| {
        outcome
            .returning
            .iter()
            .filter(|m| m.starts_with(prefix))
            .count()
    };
    let (away, after) = (of(b"while away"), of(b"after return"));
    finding.observe(
        outcome.returning == numbered("after return", AFTER_RETURN),
        format!(
            "the one that left and came back got {away} of the {WHILE_AWAY} sent while it was away and {after} of the {AFTER_RETURN} sent after its return"
        ),
    );
    finding
}

/// A subscriber cut off by a silent link that heals, without and with heartbeats
/// (`claims::network`, the book's "When the network fails").
pub fn network_finding() -> Result<Finding> {
    use crate::claims::network::{judges, publish, Heartbeats};
    let measured = std::thread::scope(|scope| {
        let runs = [None, Some(Heartbeats::LAB)]
            .map(|h| scope.spawn(move || publish::subscriber_cut_off(h)))
            .into_iter()
            .collect();
        crate::claims::joined(runs)
    })?;
    let mut tcp = Finding::new();
    for (cut, with) in measured.iter().zip([false, true]) {
        tcp.absorb(judges::subscriber_cut_off(with, cut));
    }
    let mut finding = Finding::new();
    finding.observe_on(vec![(Transport::Tcp, tcp)]);
    Ok(finding)
}

fn finding() -> Result<Finding> {
    let network = std::thread::spawn(network_finding);
    let measured = on_each(&Transport::ALL, leave_and_return)?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, outcome)| (transport, judge(&outcome)))
            .collect(),
    );
    finding.absorb(
        network
            .join()
            .map_err(|_| anyhow::anyhow!("an experiment panicked"))??,
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a subscriber that comes back gets only what is published
/// afterwards. If it needs the latest value at once, hand it over when its subscription
/// arrives: an XPUB (with ZMQ_XPUB_VERBOSE) receives each subscription as a message
/// `\x01<topic>`.
pub fn welcome(publisher: &zmq::Socket, latest: &[u8]) -> zmq::Result<bool> {
    let subscription = publisher.recv_bytes(0)?;
    if subscription.first() != Some(&1) {
        return Ok(false); // an unsubscription
    }
    // The newcomer is subscribed now: this reaches it (and every other subscriber again).
    publisher.send(latest, 0)?;
    Ok(true)
}
// ANCHOR_END: own
