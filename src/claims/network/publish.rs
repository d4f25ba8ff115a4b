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

use super::Link;
use super::{
    in_time, number, settle, socket, undisturbed, watch_until, when_both_lost, Heartbeats,
};
use crate::lab::pubsub;
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
    /// What the run proves of its set-up (the publisher is the bound end).
    pub link: Link,
    /// The subscriptions that had reached the publisher before the cut.
    pub subscribed: usize,
    /// Subscriptions that reached the publisher and were never waited for: one would mean
    /// that it published after the cut before the far subscriber was subscribed again.
    pub unread_subscriptions: usize,
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
    /// Whether the run has heartbeats on either end, read back from the sockets.
    heartbeats: Option<Heartbeats>,
    link: Link,
    subscribed: usize,
}

impl Broadcast {
    fn new(lab: &Lab, heartbeats: Option<Heartbeats>) -> Result<Broadcast> {
        let publisher = pubsub::publisher(lab)?;
        if let Some(heartbeats) = heartbeats {
            heartbeats.apply(&publisher)?;
        }
        let mut publisher = lab.watch(publisher)?;
        let endpoint = lab.bind(&publisher.socket, Transport::Tcp)?;
        let relay = Relay::start(&endpoint)?;
        let mut far = lab.watch(socket(lab, zmq::SUB, heartbeats)?)?;
        far.socket.set_subscribe(b"")?;
        far.socket.connect(&relay.endpoint())?;
        let near = pubsub::subscriber(lab, &endpoint, &[b""])?;
        let subscribed = pubsub::await_subscriptions(&publisher.socket, 2)?.len();
        publisher.wait_handshakes(2)?;
        far.wait_handshakes(1)?;
        let link = Link::read(&mut publisher, &mut far, &relay.endpoint())?;
        Ok(Broadcast {
            publisher,
            far: Some(far),
            near,
            relay,
            heartbeats: link.bound.heartbeats.or(link.far.heartbeats),
            link,
            subscribed,
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
        link,
        subscribed,
        ..
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
    let carried = relay.carried(); // what crossed while cut: none, proven below
    for n in 0..PUBLISHED {
        publisher.socket.send(n.to_string().as_str(), 0)?;
    }
    let watched = when_both_lost(
        (&mut far_subscriber, watch_until(cut, link.far.heartbeats)),
        (publisher, watch_until(cut, link.bound.heartbeats)),
        cut,
    );
    link.watched_for(cut.elapsed())?;
    link.far.lost_since(&mut far_subscriber, cut)?;
    *far = Some(far_subscriber);
    let (subscriber_noticed, publisher_noticed) = watched?;
    in_time("far subscriber", subscriber_noticed)?;
    in_time("publisher", publisher_noticed)?;
    link.carried_while_cut = relay.carried() - carried;
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
    // The set-up, proven: each end's loss as its own monitor logged it, and no
    // subscription left unread (one would mean the publisher went on before it came).
    link.bound.lost_since(publisher, cut)?;
    Ok(SubscriberCutOff {
        subscriber_noticed,
        publisher_noticed,
        cut_lasted,
        resubscribed,
        far: far_received.iter().map(|m| number(m)).collect(),
        near: near_received.iter().map(|m| number(m)).collect(),
        link: link.clone(),
        subscribed: *subscribed,
        unread_subscriptions: unread_subscriptions(&publisher.socket)?,
        repeated: 0,
    })
}
// ANCHOR_END: subscriber_cut_off

/// The subscriptions (`\x01…`) waiting to be read on an XPUB, read without waiting: once a
/// subscriber has received what was published after its subscription, the XPUB has taken
/// that subscription in, and holds it for the program to read.
fn unread_subscriptions(publisher: &zmq::Socket) -> Result<usize> {
    let mut unread = 0;
    loop {
        match publisher.recv_bytes(zmq::DONTWAIT) {
            Ok(message) => unread += usize::from(message.first() == Some(&1)),
            Err(zmq::Error::EAGAIN) => return Ok(unread),
            Err(error) => return Err(error.into()),
        }
    }
}
