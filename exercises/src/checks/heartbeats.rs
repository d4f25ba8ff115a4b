//! The check of exercise 14, a subscriber that notices a dead publisher: its link runs
//! through the lab's [`Relay`], which the check cuts as a dead host does, with no end of
//! stream and no reset; and a healthy link, quiet for a while, must stay up.

use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, ms, not_your_fault, recv_one_within, recv_until, setup,
    side_by_side, too_late, Check, Scene, PATIENCE,
};
use super::link::{Relay, Watched};
use super::pubsub::{messages_around, subscriptions, xpub};
use super::values::{show, show_all, Values};

type Watchful = fn(&zmq::Context, &str, &[u8], Duration) -> zmq::Result<zmq::Socket>;

/// How much later than `notice_within` the subscriber may notice a dead link: libzmq's
/// I/O thread runs its timer, and the monitor says so, a little late on a busy machine.
const NOTICE_SLACK: Duration = Duration::from_millis(100);

/// How many times `notice_within` a healthy link stays quiet, and must stay up.
const QUIET: u32 = 3;

/// What one scenario of exercise 14 hands to `watchful_subscriber`, and publishes.
struct Plan {
    topic: Vec<u8>,
    notice_within: Duration,
    /// The control: messages on the topic and beside it.
    messages: Vec<Vec<u8>>,
    /// On the topic, the control's end.
    last: Vec<u8>,
    /// On the topic, published after the link was quiet.
    after: Vec<u8>,
}

impl Plan {
    fn new(values: &mut Values, notice_within: Duration) -> Plan {
        let topic = values.binary();
        let messages = messages_around(values, &topic);
        let mut last = topic.clone();
        last.extend(values.sentinel());
        let mut after = topic.clone();
        after.extend(values.binary());
        Plan {
            topic,
            notice_within,
            messages,
            last,
            after,
        }
    }
}

pub fn watchful_subscriber(subscriber: Watchful) -> Check {
    let mut values = Values::for_exercise(14);
    let notice_within = values.millis(300, 500);
    let quiet = Plan::new(&mut values, notice_within);
    let cut = Plan::new(&mut values, notice_within);
    side_by_side(vec![
        Box::new(move || confirmed(|| stays_up_while_quiet(subscriber, &quiet))),
        Box::new(move || confirmed(|| notices_a_cut(subscriber, &cut))),
    ])
}

/// A healthy link that carries nothing for a while is not dropped, and still carries
/// messages afterwards.
fn stays_up_while_quiet(subscriber: Watchful, plan: &Plan) -> Check {
    let scene = Scene::new();
    let mut link = Link::connect(subscriber, &scene, plan)?;
    let quiet = plan.notice_within * QUIET;
    let quiet_from = Instant::now();
    // Nothing is published: what crosses the link is the heartbeats' alone.
    if link.subscriber.lost_within(quiet)? > 0 {
        let when = format!("after {} without messages", ms(quiet_from.elapsed()));
        return Err(link.dropped_while_healthy(&when, plan));
    }
    setup(
        link.publisher.send(plan.after.as_slice(), 0),
        "publish after the quiet",
    )?;
    match recv_one_within(&link.subscriber.socket, PATIENCE) {
        Some(message) if message == plan.after => Ok(()),
        other => Err(format!(
            "after {} of quiet the publisher published {}; the subscriber got {}",
            ms(quiet),
            show(&plan.after),
            other.map_or_else(|| "nothing".into(), |m| show(&m))
        )),
    }
}

/// A link cut without a word is noticed within `notice_within`.
fn notices_a_cut(subscriber: Watchful, plan: &Plan) -> Check {
    let scene = Scene::new();
    let mut link = Link::connect(subscriber, &scene, plan)?;
    if link.subscriber.lost()? > 0 {
        return Err(link.dropped_while_healthy("before the cut", plan));
    }
    link.relay
        .cut()
        .map_err(|e| not_your_fault("cut the link", e))?;
    let cut = Instant::now();
    let bound = plan.notice_within + NOTICE_SLACK;
    // Past the bound, the check goes on watching a while, to say how late it was.
    let watched = bound + plan.notice_within * 2;
    let noticed = (link.subscriber.lost_within(watched)? > 0).then(|| cut.elapsed());
    let settings = Settings::of(&link.subscriber.socket);
    match noticed {
        Some(after) if after <= bound => Ok(()),
        Some(after) => Err(too_late(format!(
            "the link to the publisher went silent (cut without a word, as a dead host or a \
             pulled cable does) and the subscriber noticed after {}; asked to notice within \
             {}. A silent link is noticed between TIMEOUT and TIMEOUT + IVL after it fell \
             silent, and {settings}",
            ms(after),
            ms(plan.notice_within)
        ))),
        None => Err(too_late(format!(
            "the link to the publisher went silent (cut without a word, as a dead host or a \
             pulled cable does) and {} later the subscriber had not noticed: its monitor \
             never said DISCONNECTED; asked to notice within {}. {}",
            ms(watched),
            ms(plan.notice_within),
            settings.why_never(watched)
        ))),
    }
}

/// The learner's subscriber, connected through a relay to the check's publisher, once its
/// subscription and the control messages have crossed: the link works.
struct Link {
    subscriber: Watched,
    publisher: zmq::Socket,
    relay: Relay,
}

impl Link {
    fn connect(subscriber: Watchful, scene: &Scene, plan: &Plan) -> Result<Link, String> {
        let publisher = xpub(scene, "tcp://127.0.0.1:*", false)?;
        let endpoint = setup(publisher.get_last_endpoint(), "read its endpoint")?
            .map_err(|_| not_your_fault("read its endpoint", "not UTF-8"))?;
        let relay =
            Relay::start(&endpoint).map_err(|e| not_your_fault("start a relay", e))?;
        let (context, given, topic, within) = (
            scene.context().clone(),
            relay.endpoint(),
            plan.topic.clone(),
            plan.notice_within,
        );
        let mut subscribing = call(move || subscriber(&context, &given, &topic, within));
        let Some((result, _)) = subscribing.within(PATIENCE) else {
            return Err(format!(
                "watchful_subscriber did not return within {}: it only makes a socket, \
                 nothing to wait for",
                ms(PATIENCE)
            ));
        };
        let socket = result.map_err(|e| {
            format!("watchful_subscriber returned an error: {}", explain(e))
        })?;
        match socket.get_socket_type() {
            Ok(zmq::SUB) => {}
            Ok(other) => {
                return Err(format!(
                    "watchful_subscriber returned a {other:?} socket; expected a SUB"
                ))
            }
            Err(e) => {
                return Err(format!(
                    "the returned socket cannot be read: {}",
                    explain(e)
                ))
            }
        }
        let subscriber = Watched::new(scene.context(), socket)?;
        let mut link = Link {
            subscriber,
            publisher,
            relay,
        };
        link.control(plan)?;
        Ok(link)
    }

    /// The subscription arrives, and so do the messages on the topic, and only those.
    fn control(&mut self, plan: &Plan) -> Check {
        let Some(seen) = subscriptions(&self.publisher, 1).pop() else {
            return Err(format!(
                "the publisher never saw a subscription within {}: a SUB that has not \
                 subscribed receives nothing (PS3). Is it connected to `endpoint`?",
                ms(PATIENCE)
            ));
        };
        if seen != plan.topic {
            return Err(format!(
                "asked to subscribe to {}, the subscriber subscribed to {}",
                show(&plan.topic),
                show(&seen)
            ));
        }
        for message in plan.messages.iter().chain([&plan.last]) {
            setup(self.publisher.send(message.as_slice(), 0), "publish")?;
        }
        let (received, ended) = recv_until(&self.subscriber.socket, &plan.last);
        let expected: Vec<Vec<u8>> = plan
            .messages
            .iter()
            .filter(|m| m.starts_with(&plan.topic))
            .cloned()
            .collect();
        if received == expected && ended {
            return Ok(());
        }
        if self.subscriber.lost()? > 0 {
            return Err(
                self.dropped_while_healthy("while the control messages crossed", plan)
            );
        }
        Err(format!(
            "subscribed to {}; published {}; the subscriber got {}{}, expected {}",
            show(&plan.topic),
            show_all(&plan.messages),
            show_all(&received),
            if ended { "" } else { " and then nothing more" },
            show_all(&expected)
        ))
    }

    /// A healthy link was dropped: heartbeats too eager, or a machine that stalled for
    /// longer than their timeout (so the check runs the scenario again first).
    fn dropped_while_healthy(&self, when: &str, plan: &Plan) -> String {
        let settings = Settings::of(&self.subscriber.socket);
        too_late(format!(
            "the link to the publisher was healthy, and the subscriber's connection was \
             dropped {when} (its monitor said DISCONNECTED), asked to notice a dead link \
             within {}. A quiet link is not a dead one. {}",
            ms(plan.notice_within),
            settings.why_dropped()
        ))
    }
}

/// The heartbeat options of the learner's socket, to explain what it did.
struct Settings {
    interval: i32,
    /// The timeout in effect: libzmq takes the interval when it is unset.
    timeout: i32,
    /// As libzmq keeps it: whole tenths of a second.
    ttl: i32,
}

impl Settings {
    fn of(socket: &zmq::Socket) -> Settings {
        let interval = socket.get_heartbeat_ivl().unwrap_or(0);
        let timeout = match socket.get_heartbeat_timeout().unwrap_or(-1) {
            -1 => interval,
            set => set,
        };
        let ttl = socket.get_heartbeat_ttl().unwrap_or(0);
        Settings {
            interval,
            timeout,
            ttl,
        }
    }
}

impl std::fmt::Display for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "your subscriber's heartbeats (IVL {} ms, TIMEOUT {} ms) make that up to {} ms",
            self.interval,
            self.timeout,
            self.longest().as_millis()
        )
    }
}

impl Settings {
    /// The longest a silent link can go unnoticed: TIMEOUT + IVL.
    fn longest(&self) -> Duration {
        let longest = i64::from(self.interval) + i64::from(self.timeout);
        Duration::from_millis(longest.max(0) as u64)
    }

    /// Why a silent link went unnoticed for all the time `watched`.
    fn why_never(&self, watched: Duration) -> String {
        let (interval, timeout) = (self.interval, self.timeout);
        if interval == 0 && self.ttl == 0 {
            "The subscriber has no heartbeats: nothing ever tells it that its connection \
             carries nothing any more (PS7)."
                .into()
        } else if interval == 0 {
            format!(
                "The subscriber has a TTL ({} ms) but no heartbeat interval: a TTL only asks \
                 the peer to time out, and is sent in PINGs, which a socket without an \
                 interval never sends.",
                self.ttl
            )
        } else if timeout == 0 {
            format!(
                "The subscriber PINGs every {interval} ms, but with a TIMEOUT of 0 it never \
                 gives up waiting for an answer."
            )
        } else if self.longest() > watched {
            format!("A silent link is noticed up to TIMEOUT + IVL after it fell silent: {self}.")
        } else {
            format!(
                "The socket has heartbeats now (IVL {interval} ms, TIMEOUT {timeout} ms), but \
                 its connection did not use them: were they set after `connect`? A \
                 connection keeps the options it was made with."
            )
        }
    }

    fn why_dropped(&self) -> String {
        if self.ttl > 0 && self.interval > 0 && self.ttl <= self.interval {
            format!(
                "The subscriber asks the publisher for a TTL of {} ms (libzmq keeps whole \
                 tenths of a second), no longer than its own interval of {} ms: a quiet \
                 subscriber sends nothing between two PINGs, so the publisher drops the \
                 connection. Leave the TTL out, or keep it above the interval.",
                self.ttl, self.interval
            )
        } else {
            format!(
                "With heartbeats of IVL {} ms and TIMEOUT {} ms, a pause longer than the \
                 timeout drops the connection: is the timeout long enough to ride out a \
                 busy machine?",
                self.interval, self.timeout
            )
        }
    }
}
