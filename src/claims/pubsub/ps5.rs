//! PS5 — a subscriber that leaves does not disturb the broadcast; back, it gets only new
//! messages.

use crate::tr;
use anyhow::Result;

use super::{await_told, numbered, prove_told, publisher, recv_until, subscriber, Told};
use crate::claims::{on_each, Beyond, Claim, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PS5",
    star: false,
    summary: "A subscriber that leaves does not disturb the broadcast; back, it gets only new messages",
    zh: "如果中途有 Subscriber 端退出,并不影响他继续的广播,当 Subscriber 再连接上来的时候,收到的就是后来发送的新的信息了",
    en: "if a subscriber quits midway the broadcast goes on; when it connects again it receives only what is sent afterwards",
    glance: Glance {
        zh: "退出再连回来，只收新消息",
        en: "Back again, it gets only new messages",
        advice: "Give a subscriber that comes back the latest value when its subscription arrives (an XPUB sees it).",
    },
    verdict: Verdict::Holds,
    conditions: "On tcp, ipc and inproc: the broadcast goes on for the others, and the subscriber that comes back gets only what is published after its subscription has reached the publisher (PS6).",
    experiment: finding,
    beyond: Some(Beyond {
        about: "a silent link between publisher and subscriber",
        experiment: network_finding,
    }),
};

/// How many messages are published while the subscriber is away, and after its return.
pub const WHILE_AWAY: usize = 5;
pub const AFTER_RETURN: usize = 5;

/// What the two subscribers of PS5 received, and what the run proves of its set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveAndReturn {
    pub transport: Transport,
    pub staying: Vec<Vec<u8>>,
    pub returning: Vec<Vec<u8>>,
    /// The publisher's endpoint.
    pub endpoint: String,
    /// What the publisher was told before it published: both subscriptions.
    pub told_before: Told,
    /// What the leaving subscriber received before it left.
    pub leaving_got: Option<Vec<u8>>,
    /// The connections the publisher saw end once the leaving subscriber closed, before
    /// it published on: its monitor's disconnections (inproc, which has no such event:
    /// the closes that returned).
    pub left: usize,
    /// What the publisher was told once the subscriber came back: its subscription.
    pub told_back: Told,
    /// The connections the publisher accepted in the whole run: its monitor's
    /// handshakes (inproc: the connects that returned).
    pub connections: usize,
}

// ANCHOR: leave_and_return
/// Two subscribers; one leaves (its socket closes, as when its program quits), the
/// publisher goes on publishing, and the subscriber comes back (a new socket, as when the
/// program is started again).
pub fn leave_and_return(transport: Transport) -> Result<LeaveAndReturn> {
    let lab = Lab::new()?;
    let mut publisher = lab.watch(publisher(&lab)?)?;
    let endpoint = lab.bind(&publisher.socket, transport)?;
    let staying = subscriber(&lab, &endpoint, &[b""])?;
    let leaving = subscriber(&lab, &endpoint, &[b""])?;
    let told_before = await_told(&publisher.socket, 2)?;

    publisher.socket.send("before", 0)?;
    let leaving_got = lab::recv_within(&leaving, BOUND)?;
    drop(leaving);
    // Gone for the publisher too before it goes on: its connection has ended.
    let left = match transport {
        Transport::Inproc => 1, // no events: the close returned
        _ => {
            let disconnected = zmq::SocketEvent::DISCONNECTED;
            let _ = publisher.wait_for(disconnected, 1, BOUND); // counted just below
            publisher.seen(disconnected)?
        }
    };
    for message in numbered("while away", WHILE_AWAY) {
        publisher.socket.send(message, 0)?;
    }
    let returning = subscriber(&lab, &endpoint, &[b""])?;
    let told_back = await_told(&publisher.socket, 1)?;
    for message in numbered("after return", AFTER_RETURN) {
        publisher.socket.send(message, 0)?;
    }
    publisher.socket.send("end", 0)?;
    Ok(LeaveAndReturn {
        transport,
        staying: recv_until(&staying, b"end")?,
        returning: recv_until(&returning, b"end")?,
        endpoint,
        told_before,
        leaving_got,
        left,
        told_back,
        connections: match transport {
            Transport::Inproc => 3, // the three connects above
            _ => publisher.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?,
        },
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

/// Judges PS5 on one transport: the staying subscriber got everything, as published; the
/// returning one got exactly what was published after its return; and the set-up: both
/// subscribed before publishing, the leaving one received before it left and its
/// connection ended before the publisher went on, the returning one subscribed again.
pub fn judge(outcome: &LeaveAndReturn) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(outcome.transport, &outcome.endpoint);
    prove_told(
        &mut finding,
        &tr!("ps-before-publishing"),
        &outcome.told_before,
        &[b"", b""],
    );
    let leaving_got = match &outcome.leaving_got {
        Some(message) => lab::show(message),
        None => tr!("rr2-nothing"),
    };
    finding.set_up(
        outcome.leaving_got.as_deref() == Some(b"before"),
        tr!("ps5-leaving-got", got = leaving_got),
    );
    finding.set_up(outcome.left == 1, tr!("ps5-left", left = outcome.left));
    prove_told(
        &mut finding,
        &tr!("ps5-once-back"),
        &outcome.told_back,
        &[b""],
    );
    finding.set_up(
        outcome.connections == 3,
        tr!("ps5-connections", connections = outcome.connections),
    );

    let all = everything();
    finding.observe(
        outcome.staying == all,
        if outcome.staying == all {
            tr!(
                "ps5-staying-in-order",
                got = outcome.staying.len(),
                sent = all.len()
            )
        } else {
            tr!("ps5-staying", got = outcome.staying.len(), sent = all.len())
        },
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
        tr!(
            "ps5-returning",
            away = away,
            while_away = WHILE_AWAY,
            after = after,
            after_return = AFTER_RETURN
        ),
    );
    finding
}

/// Beyond the claim (PS5's and PS7's): a subscriber cut off from its publisher by a silent
/// link that heals, without and with heartbeats (`claims::network`, the book's "When the
/// network fails").
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
    let measured = on_each(&Transport::ALL, leave_and_return)?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, outcome)| (transport, judge(&outcome)))
            .collect(),
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
