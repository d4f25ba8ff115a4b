//! PUB → SUB across a link that is cut and comes back (PS5, PS7). The heartbeats, when
//! there are any, are set on both ends of the failing link: the subscriber must learn
//! that its publisher is gone (PS7), and the publisher that a subscriber is (PS5).
//!
//! The TTL of the subscriber's PINGs would not do for the publisher: in libzmq 4.3.4 the
//! publisher starts a TTL timer only when a PING arrives, the first one an interval after
//! the handshake, and drops it whenever any other frame arrives. A link that dies before
//! the first PING, or just after a subscription, is never timed out that way (see
//! `push`).

use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, ensure, Context as _, Result};

use super::{
    in_time, number, settle, socket, undisturbed, watch_until, when_both_lost, Heartbeats,
};
use crate::claims::pubsub;
use crate::lab::relay::Relay;
use crate::lab::{self, Lab, Transport, Watched, BOUND};

/// How many messages are published during the cut, and again after it.
pub const PUBLISHED: usize = 5;

/// What two subscribers received when the link to one of them was cut for a while.
#[derive(Debug, Clone)]
pub struct SubscriberCutOff {
    /// From the cut to the far subscriber's DISCONNECTED (see [`watch_until`]).
    pub subscriber_noticed: Option<Duration>,
    /// From the cut to the publisher's DISCONNECTED for the far subscriber.
    pub publisher_noticed: Option<Duration>,
    /// How long the link was cut: until both noticed, or the whole window.
    pub cut_lasted: Duration,
    /// From the restore to the far subscriber's subscription reaching the publisher
    /// again, if it had to make a new connection.
    pub resubscribed: Option<Duration>,
    /// The numbers the far subscriber received: `0..PUBLISHED` were published during the
    /// cut, the rest after it.
    pub far: Vec<usize>,
    /// The numbers the subscriber connected directly received.
    pub near: Vec<usize>,
    /// Runs a stall disturbed and that were repeated (see [`super::Disturbed`]).
    pub repeated: usize,
}

/// A publisher (an XPUB, to see subscriptions arrive) with two subscribers, the far one
/// across a relay, after the subscriptions have arrived.
struct Broadcast {
    publisher: Watched,
    /// Away while it receives on a thread of its own.
    far: Option<Watched>,
    near: zmq::Socket,
    relay: Relay,
    heartbeats: Option<Heartbeats>,
}

impl Broadcast {
    fn new(lab: &Lab, heartbeats: Option<Heartbeats>) -> Result<Broadcast> {
        let publisher = pubsub::publisher(lab)?;
        if let Some(heartbeats) = heartbeats {
            heartbeats.apply(&publisher)?;
        }
        let publisher = lab.watch(publisher)?;
        let endpoint = lab.bind(&publisher.socket, Transport::Tcp)?;
        let relay = Relay::start(&endpoint)?;
        let far = lab.watch(socket(lab, zmq::SUB, heartbeats)?)?;
        far.socket.set_subscribe(b"")?;
        far.socket.connect(&relay.endpoint())?;
        let near = pubsub::subscriber(lab, &endpoint, &[b""])?;
        pubsub::await_subscriptions(&publisher.socket, 2)?;
        Ok(Broadcast {
            publisher,
            far: Some(far),
            near,
            relay,
            heartbeats,
        })
    }

    /// The run's outcome, unless a connection was lost that no failed link explains.
    fn settle<T>(&mut self, outcome: Result<T>) -> Result<T> {
        let once = usize::from(self.heartbeats.is_some());
        let mut watched = vec![("publisher", &mut self.publisher, once)];
        if let Some(far) = self.far.as_mut() {
            watched.push(("far subscriber", far, once));
        }
        settle(outcome, &mut watched)
    }
}

// ANCHOR: subscriber_cut_off
/// The link to the far subscriber is cut; five messages are published; the link stays cut
/// until both ends noticed (with heartbeats) or the window passed (without); then it
/// comes back, and five more are published once the far subscriber is subscribed again.
pub fn subscriber_cut_off(heartbeats: Option<Heartbeats>) -> Result<SubscriberCutOff> {
    let (outcome, repeated) = undisturbed(|| {
        let lab = Lab::new()?;
        let mut broadcast = Broadcast::new(&lab, heartbeats)?;
        let outcome = cut_off(&mut broadcast);
        broadcast.settle(outcome)
    })?;
    Ok(SubscriberCutOff {
        repeated,
        ..outcome
    })
}

fn cut_off(broadcast: &mut Broadcast) -> Result<SubscriberCutOff> {
    let Broadcast {
        publisher,
        far,
        near,
        relay,
        heartbeats,
    } = broadcast;
    let mut far_subscriber = far.take().context("no far subscriber")?;
    publisher.socket.send("before", 0)?;
    for subscriber in [&far_subscriber.socket, &*near] {
        let first = lab::recv_within(subscriber, BOUND)?;
        ensure!(
            first.as_deref() == Some(&b"before"[..]),
            "the control got {first:?}"
        );
    }

    relay.cut()?;
    let cut = Instant::now();
    for n in 0..PUBLISHED {
        publisher.socket.send(n.to_string().as_str(), 0)?;
    }
    let watched = when_both_lost(
        (&mut far_subscriber, watch_until(cut, *heartbeats)),
        (publisher, watch_until(cut, *heartbeats)),
        cut,
    );
    *far = Some(far_subscriber);
    let (subscriber_noticed, publisher_noticed) = watched?;
    in_time("far subscriber", subscriber_noticed)?;
    in_time("publisher", publisher_noticed)?;
    relay.restore();
    let restored = Instant::now();
    let cut_lasted = restored - cut;

    // The far subscriber's program waits in recv, as a subscriber does: its subscription
    // is sent again from within a libzmq call (see pubsub::busy_subscriber_comes_back).
    // The thread gives the socket back, for the monitor's last word.
    let far_subscriber = far.take().context("no far subscriber")?;
    let receiving = thread::spawn(move || {
        let received = pubsub::recv_until(&far_subscriber.socket, b"end");
        (received, far_subscriber)
    });
    let mut resubscribed = None;
    if subscriber_noticed.is_some() || publisher_noticed.is_some() {
        let subscription = pubsub::await_subscriptions(&publisher.socket, 1);
        resubscribed = subscription.map(|_| restored.elapsed()).ok();
    }
    for n in PUBLISHED..2 * PUBLISHED {
        publisher.socket.send(n.to_string().as_str(), 0)?;
    }
    publisher.socket.send("end", 0)?;
    let (far_received, far_subscriber) = receiving
        .join()
        .map_err(|_| anyhow!("the far subscriber panicked"))?;
    *far = Some(far_subscriber);
    let far_received = far_received.context("the far subscriber")?;
    let near_received =
        pubsub::recv_until(near, b"end").context("the near subscriber")?;
    Ok(SubscriberCutOff {
        subscriber_noticed,
        publisher_noticed,
        cut_lasted,
        resubscribed,
        far: far_received.iter().map(|m| number(m)).collect(),
        near: near_received.iter().map(|m| number(m)).collect(),
        repeated: 0,
    })
}
// ANCHOR_END: subscriber_cut_off
