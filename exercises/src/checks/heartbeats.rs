//! The check of exercise 14, a subscriber that notices a dead publisher: its link runs
//! through the lab's [`Relay`], which the check cuts as a dead host does, with no end of
//! stream and no reset, and then lets through again (the publisher is back); and a
//! healthy link, quiet for a while or stalled for a moment, must stay up.

use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, ms, not_your_fault, one_frame, only_where_given,
    recv_until, recv_within, setup, side_by_side, too_late, Check, Message, Scene,
    PATIENCE,
};
use super::link::{Relay, Watched};
use super::pubsub::{messages_around, subscriptions, xpub};
use super::values::{show, show_all, show_message, show_messages, Values};

type Watchful = fn(&zmq::Context, &str, &[u8], Duration) -> zmq::Result<zmq::Socket>;

/// How much later than `notice_within` the subscriber may notice a dead link: libzmq's
/// I/O thread runs its timer, and the monitor says so, a little late on a busy machine.
const NOTICE_SLACK: Duration = Duration::from_millis(100);

/// How many times `notice_within` a healthy link stays quiet, and must stay up.
const QUIET: u32 = 3;

/// The longest stall of a healthy link the subscriber must ride out, as a fraction of
/// `notice_within` (the task says a third).
const LONGEST_STALL: (u32, u32) = (1, 3);

/// After a stall, how long the check goes on watching for a connection dropped by it: a
/// heartbeat that timed out during the stall has done so by its end.
const AFTER_STALL: Duration = Duration::from_millis(200);

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
        Plan::on(values, topic, notice_within)
    }

    fn on(values: &mut Values, topic: Vec<u8>, notice_within: Duration) -> Plan {
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
    // Budgets under a second for the quiet link and the cut one, and over a second for
    // the stalled one: the stall, of a fifth to a third of the budget, is then longer
    // than any heartbeat timeout taken from the budget's part below the second.
    let short = values.millis(300, 500);
    let long = values.millis(1_000, 1_250);
    // The quiet link's subscriber is asked for the empty topic: everything, which it
    // must still subscribe to (PS3).
    let quiet = Plan::on(&mut values, Vec::new(), short);
    let stalled = Plan::new(&mut values, long);
    let (most, of) = LONGEST_STALL;
    // Up to nine tenths of the longest the task allows: a timeout just over a third of the
    // budget rides it out with room for a busy machine.
    let stall = long * values.between(20, 90 * most as usize / of as usize) as u32 / 100;
    // The cut link's budget is under 400 ms: times rounded to whole tenths of a second
    // would turn the heartbeats off (an interval of 0).
    let tight = values.millis(250, 390);
    let cut = Plan::new(&mut values, tight);
    side_by_side(vec![
        Box::new(move || confirmed(|| notices_a_cut(subscriber, &cut))),
        Box::new(move || confirmed(|| stays_up_while_quiet(subscriber, &quiet))),
        Box::new(move || confirmed(|| rides_out_a_stall(subscriber, &stalled, stall))),
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
    link.still_carries(plan, &format!("after {} of quiet", ms(quiet)))?;
    link.settings_meet(plan)
}

/// A healthy link that stalls for a moment (nothing crosses it, both ways, then all of it
/// does) is not dropped, and still carries messages afterwards.
fn rides_out_a_stall(subscriber: Watchful, plan: &Plan, stall: Duration) -> Check {
    let scene = Scene::new();
    let mut link = Link::connect(subscriber, &scene, plan)?;
    link.relay
        .cut()
        .map_err(|e| not_your_fault("stall the link", e))?;
    let stalled_at = Instant::now();
    // The world of the exercise: the link stalls, and comes back.
    std::thread::sleep(stall);
    link.relay.restore();
    if link.subscriber.lost_within(AFTER_STALL)? > 0 {
        let when = format!(
            "when the link stalled for {} (a third of notice_within is {}), {} after the \
             stall began",
            ms(stall),
            ms(plan.notice_within * LONGEST_STALL.0 / LONGEST_STALL.1),
            ms(stalled_at.elapsed())
        );
        return Err(link.dropped_while_healthy(&when, plan));
    }
    link.still_carries(plan, &format!("after a stall of {}", ms(stall)))?;
    link.settings_meet(plan)?;
    link.settings_ride_out(plan, stall)
}

/// A link cut without a word is noticed within `notice_within`; when it comes back (the
/// publisher is there again), the subscriber connects anew and receives again.
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
        Some(after) if after <= bound => {}
        Some(after) => {
            return Err(too_late(format!(
                "the link to the publisher went silent (cut without a word, as a dead host or \
                 a pulled cable does) and the subscriber noticed after {}; asked to notice \
                 within {}. A silent link is noticed between TIMEOUT and TIMEOUT + IVL after \
                 it fell silent, and {settings}",
                ms(after),
                ms(plan.notice_within)
            )))
        }
        None => {
            return Err(too_late(format!(
                "the link to the publisher went silent (cut without a word, as a dead host or \
                 a pulled cable does) and {} later the subscriber had not noticed: its monitor \
                 never said DISCONNECTED; asked to notice within {}. {}",
                ms(watched),
                ms(plan.notice_within),
                settings.why_never(watched)
            )))
        }
    }
    link.settings_meet(plan)?;
    // The publisher is back: the link carries again, and a subscriber that noticed
    // connects anew, subscribes again, and receives.
    link.relay.restore();
    if !link.subscribed_again(plan) {
        return Err(format!(
            "the subscriber noticed the cut, but when the publisher was back it did not \
             subscribe again within {}: once it notices, it connects anew (PS7)",
            ms(PATIENCE)
        ));
    }
    link.still_carries(plan, "when the publisher was back")
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
        let given_endpoint = relay.endpoint();
        let (context, given, topic, within) = (
            scene.context().clone(),
            given_endpoint.clone(),
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
        only_where_given(
            &socket,
            &given_endpoint,
            "watchful_subscriber",
            "the SUB it returned",
        )?;
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
        let expected: Vec<Message> = plan
            .messages
            .iter()
            .filter(|m| m.starts_with(&plan.topic))
            .map(|m| one_frame(m.as_slice()))
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
            show_messages(&received),
            if ended { "" } else { " and then nothing more" },
            show_messages(&expected)
        ))
    }

    /// Whether the publisher sees the subscription again within `PATIENCE`, while the
    /// subscriber is in use as a program would use it: a SUB resubscribes when its socket
    /// next runs (PS7), and the check's receive, which finds nothing yet, runs it.
    fn subscribed_again(&self, plan: &Plan) -> bool {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let _ = recv_within(&self.subscriber.socket, Duration::from_millis(10));
            if let Some(event) = recv_within(&self.publisher, Duration::from_millis(10)) {
                let event = event.concat();
                if event.first() == Some(&1) && event[1..] == plan.topic[..] {
                    return true;
                }
            }
        }
        false
    }

    /// A message published now reaches the subscriber: the link carries, `when` it was
    /// put to the test.
    fn still_carries(&self, plan: &Plan, when: &str) -> Check {
        setup(
            self.publisher.send(plan.after.as_slice(), 0),
            "publish after the test",
        )?;
        match recv_within(&self.subscriber.socket, PATIENCE) {
            Some(message) if message == one_frame(plan.after.as_slice()) => Ok(()),
            other => Err(format!(
                "{when} the publisher published {}; the subscriber got {}",
                show(&plan.after),
                other.map_or_else(|| "nothing".into(), |m| show_message(&m))
            )),
        }
    }

    /// The heartbeats, as read back from the socket, notice any silent link within the
    /// budget: TIMEOUT + IVL fits in `notice_within`.
    fn settings_meet(&self, plan: &Plan) -> Check {
        let settings = Settings::of(&self.subscriber.socket);
        if settings.interval <= 0 || settings.timeout <= 0 {
            return Ok(());
        }
        if settings.longest() > plan.notice_within {
            return Err(format!(
                "the subscriber noticed in time here, but {settings}: a link that falls \
                 silent just after a PING is noticed only TIMEOUT + IVL later, past \
                 notice_within ({}). Choose them so that TIMEOUT + IVL fits in it",
                ms(plan.notice_within)
            ));
        }
        Ok(())
    }

    /// The heartbeats, as read back from the socket, ride out any stall the task allows,
    /// whenever it begins: this run's stall began at one moment between two PINGs, and one
    /// that begins as a PING goes out lasts longer, as the peer sees it, than TIMEOUT
    /// waits for an answer. So the subscriber's TIMEOUT in effect, and a TTL it asks the
    /// publisher for, must outlast the longest stall.
    fn settings_ride_out(&self, plan: &Plan, stall: Duration) -> Check {
        let settings = Settings::of(&self.subscriber.socket);
        let (most, of) = LONGEST_STALL;
        let longest = plan.notice_within * most / of;
        let rode_out = format!(
            "the link rode out this stall of {} here, but a stall may last up to a third of \
             notice_within ({})",
            ms(stall),
            ms(longest)
        );
        if settings.interval > 0 && settings.timeout > 0 {
            let timeout = Duration::from_millis(settings.timeout as u64);
            if timeout <= longest {
                let which = if settings.timeout_set == -1 {
                    format!(
                        "your subscriber sets no heartbeat TIMEOUT, so libzmq takes its \
                         interval ({} ms) for it{}",
                        settings.interval,
                        if settings.ttl > 0 {
                            " (a TTL is the publisher's timeout, not the subscriber's)"
                        } else {
                            ""
                        }
                    )
                } else {
                    format!(
                        "your subscriber's heartbeat TIMEOUT is {} ms",
                        settings.timeout
                    )
                };
                return Err(format!(
                    "{rode_out}, and {which}: one that begins as a PING goes out outlasts the \
                     wait for its answer and drops a healthy link. Set a TIMEOUT longer than a \
                     third of notice_within"
                ));
            }
        }
        if settings.interval > 0 && settings.ttl > 0 {
            // The publisher times out from the last PING it heard, and the next one may
            // be an interval away when the stall begins.
            let ttl_needed = longest + Duration::from_millis(settings.interval as u64);
            if Duration::from_millis(settings.ttl as u64) <= ttl_needed {
                return Err(format!(
                    "{rode_out}, and your subscriber asks the publisher for a TTL of {} ms \
                     (libzmq keeps whole tenths of a second): the publisher drops the \
                     connection when it hears no PING for that long, and across such a stall \
                     it hears none for up to the interval ({} ms) and the stall, {}. Leave the \
                     TTL out, or keep it above that",
                    settings.ttl,
                    settings.interval,
                    ms(ttl_needed)
                ));
            }
        }
        Ok(())
    }

    /// A healthy link was dropped: heartbeats too eager, or a machine that stalled for
    /// longer than their timeout (so the check runs the scenario again first).
    fn dropped_while_healthy(&self, when: &str, plan: &Plan) -> String {
        let settings = Settings::of(&self.subscriber.socket);
        too_late(format!(
            "the link to the publisher was healthy, and the subscriber's connection was \
             dropped {when} (its monitor said DISCONNECTED), asked to notice a dead link \
             within {}. A quiet link is not a dead one, nor one that stalls for a moment. {}",
            ms(plan.notice_within),
            settings.why_dropped(plan.notice_within)
        ))
    }
}

/// The heartbeat options of the learner's socket, to explain what it did.
struct Settings {
    interval: i32,
    /// The timeout in effect: libzmq takes the interval when it is unset.
    timeout: i32,
    /// The timeout as set: -1 when it was not.
    timeout_set: i32,
    /// As libzmq keeps it: whole tenths of a second.
    ttl: i32,
}

impl Settings {
    fn of(socket: &zmq::Socket) -> Settings {
        let interval = socket.get_heartbeat_ivl().unwrap_or(0);
        let timeout_set = socket.get_heartbeat_timeout().unwrap_or(-1);
        let timeout = match timeout_set {
            -1 => interval,
            set => set,
        };
        let ttl = socket.get_heartbeat_ttl().unwrap_or(0);
        Settings {
            interval,
            timeout,
            timeout_set,
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
        if interval == 0 && self.timeout_set > 0 {
            format!(
                "The subscriber has a heartbeat TIMEOUT ({} ms) but no interval (IVL): it \
                 never PINGs, and the timeout only runs from a PING, so nothing ever tells it \
                 that its connection carries nothing any more (PS7).{}",
                self.timeout_set,
                if self.ttl > 0 {
                    format!(" Its TTL ({} ms) goes out in PINGs too.", self.ttl)
                } else {
                    String::new()
                }
            )
        } else if interval == 0 && self.ttl == 0 {
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

    fn why_dropped(&self, notice_within: Duration) -> String {
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
                "With heartbeats of IVL {} ms and TIMEOUT {} ms, a stall longer than the \
                 timeout drops the connection: the timeout must outlast a stall of a third of \
                 notice_within ({}), and a busy machine",
                self.interval,
                self.timeout,
                ms(notice_within * LONGEST_STALL.0 / LONGEST_STALL.1)
            )
        }
    }
}
