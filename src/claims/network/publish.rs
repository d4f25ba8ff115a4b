//! PUB → SUB across a link that is cut and comes back (PS5, PS7). The heartbeats, when there
//! are any, are set on both ends of the failing link: the subscriber must learn that its
//! publisher is gone (PS7), and the publisher that a subscriber is (PS5).
//!
//! The TTL of the subscriber's PINGs would not do for the publisher: in libzmq 4.3.4 the
//! publisher starts a TTL timer only when a PING arrives, the first one an interval after the
//! handshake, and drops it whenever any other frame arrives. A link that dies before the first
//! PING, or just after a subscription, is never timed out that way (see `push`).

use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context as _, Result};

use super::{number, socket, when_both, Heartbeats, WINDOW};
use crate::claims::pubsub;
use crate::lab::relay::Relay;
use crate::lab::{self, Lab, Transport, BOUND};

/// How many messages are published during the cut, and again after it.
pub const PUBLISHED: usize = 5;

/// What two subscribers received when the link to one of them was cut for a while.
#[derive(Debug, Clone)]
pub struct SubscriberCutOff {
    /// From the cut to the far subscriber's DISCONNECTED, within [`WINDOW`].
    pub subscriber_noticed: Option<Duration>,
    /// From the cut to the publisher's DISCONNECTED for the far subscriber, within [`WINDOW`].
    pub publisher_noticed: Option<Duration>,
    /// How long the link was cut: until both noticed, or the whole window.
    pub cut_lasted: Duration,
    /// From the restore to the far subscriber's subscription reaching the publisher again, if
    /// it had to make a new connection.
    pub resubscribed: Option<Duration>,
    /// The numbers the far subscriber received: `0..PUBLISHED` were published during the cut,
    /// the rest after it.
    pub far: Vec<usize>,
    /// The numbers the subscriber connected directly received.
    pub near: Vec<usize>,
}

// ANCHOR: subscriber_cut_off
/// A publisher (an XPUB, to see subscriptions arrive) with two subscribers, the far one across
/// a relay. The link is cut; five messages are published; the link stays cut until both ends
/// noticed (with heartbeats) or [`WINDOW`] passed (without); then it comes back, and five more
/// are published once the far subscriber is subscribed again.
pub fn subscriber_cut_off(heartbeats: Option<Heartbeats>) -> Result<SubscriberCutOff> {
    let lab = Lab::new()?;
    let publisher = pubsub::publisher(&lab)?;
    if let Some(heartbeats) = heartbeats {
        heartbeats.apply(&publisher)?;
    }
    let mut publisher = lab.watch(publisher)?;
    let endpoint = lab.bind(&publisher.socket, Transport::Tcp)?;
    let relay = Relay::start(&endpoint)?;
    let mut far = lab.watch(socket(&lab, zmq::SUB, heartbeats)?)?;
    far.socket.set_subscribe(b"")?;
    far.socket.connect(&relay.endpoint())?;
    let near = pubsub::subscriber(&lab, &endpoint, &[b""])?;
    pubsub::await_subscriptions(&publisher.socket, 2)?;
    publisher.socket.send("before", 0)?;
    for subscriber in [&far.socket, &near] {
        let first = lab::recv_within(subscriber, BOUND)?;
        anyhow::ensure!(
            first.as_deref() == Some(&b"before"[..]),
            "the control got {first:?}"
        );
    }

    relay.cut()?;
    let cut = Instant::now();
    for n in 0..PUBLISHED {
        publisher.socket.send(n.to_string().as_str(), 0)?;
    }
    let (subscriber_noticed, publisher_noticed) = when_both(
        (&mut far, 1),
        (&mut publisher, 1),
        zmq::SocketEvent::DISCONNECTED,
        cut,
        cut + WINDOW,
    )?;
    relay.restore();
    let restored = Instant::now();
    let cut_lasted = restored - cut;

    // The far subscriber's program waits in recv, as a subscriber does: its subscription is
    // sent again from within a libzmq call (see pubsub::busy_subscriber_comes_back).
    // The thread gives the socket back, to be closed with the rest at the end.
    let far_thread = thread::spawn(move || (pubsub::recv_until(&far.socket, b"end"), far));
    let mut resubscribed = None;
    if subscriber_noticed.is_some() || publisher_noticed.is_some() {
        pubsub::await_subscriptions(&publisher.socket, 1)?;
        resubscribed = Some(restored.elapsed());
    }
    for n in PUBLISHED..2 * PUBLISHED {
        publisher.socket.send(n.to_string().as_str(), 0)?;
    }
    publisher.socket.send("end", 0)?;
    let (far, _far_socket) = far_thread
        .join()
        .map_err(|_| anyhow!("the far subscriber panicked"))?;
    let far = far.context("the far subscriber")?;
    let near = pubsub::recv_until(&near, b"end")?;
    Ok(SubscriberCutOff {
        subscriber_noticed,
        publisher_noticed,
        cut_lasted,
        resubscribed,
        far: far.iter().map(|m| number(m)).collect(),
        near: near.iter().map(|m| number(m)).collect(),
    })
}
// ANCHOR_END: subscriber_cut_off
