//! The checks of the publish-subscribe exercises (6–8), and the publisher and messages
//! that exercise 14's check shares with them.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, inproc, ms, one_frame, only_where_given, recv_until,
    recv_within, setup, side_by_side, too_late, Check, Message, Scene, PATIENCE,
    RETURN_BOUND,
};
use super::values::{show, show_all, show_messages, show_texts, Values};

/// An XPUB that hands over every subscription, even one it has seen before: the check's
/// own, or (`for_learner`) one without the check's send timeout.
pub(super) fn xpub(
    scene: &Scene,
    endpoint: &str,
    for_learner: bool,
) -> Result<zmq::Socket, String> {
    let publisher = if for_learner {
        scene.socket(zmq::XPUB)?
    } else {
        scene.own(zmq::XPUB)?
    };
    setup(publisher.set_xpub_verbose(true), "make the XPUB verbose")?;
    setup(publisher.bind(endpoint), &format!("bind {endpoint}"))?;
    Ok(publisher)
}

/// The topics of the next `count` subscriptions the XPUB sees, each within `PATIENCE`.
pub(super) fn subscriptions(publisher: &zmq::Socket, count: usize) -> Vec<Vec<u8>> {
    let mut topics = Vec::new();
    while topics.len() < count {
        match recv_within(publisher, PATIENCE).map(|event| event.concat()) {
            Some(event) if event.first() == Some(&1) => topics.push(event[1..].to_vec()),
            Some(_) => {}
            None => break,
        }
    }
    topics
}

type Subscribe = fn(&zmq::Context, &str, &[u8]) -> zmq::Result<zmq::Socket>;

pub fn subscribe(subscriber: Subscribe) -> Check {
    let mut values = Values::for_exercise(6);
    // A topic in mixed case with a byte that is not UTF-8 and a NUL byte (a topic is
    // bytes, not a C string), which must reach libzmq unchanged; and the empty topic, with
    // which every message begins.
    let mut binary = values.binary();
    let at = values.between(0, binary.len());
    binary.insert(at, 0);
    let worlds: Vec<Box<dyn FnOnce() -> Check + Send>> = [binary, Vec::new()]
        .map(|topic| {
            let messages = messages_around(&mut values, &topic);
            // A last message the subscriber must receive, so that the sequence has a
            // known end.
            let mut last = topic.clone();
            last.extend(values.sentinel());
            Box::new(move || subscribed(subscriber, &topic, &messages, &last))
                as Box<dyn FnOnce() -> Check + Send>
        })
        .into();
    side_by_side(worlds)
}

/// The subscriber asked for `topic` gets the messages that begin with it, and only those.
fn subscribed(
    subscriber: Subscribe,
    topic: &[u8],
    messages: &[Vec<u8>],
    last: &[u8],
) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("publisher");
    let publisher = xpub(&scene, &endpoint, false)?;
    let (context, given, asked) =
        (scene.context().clone(), endpoint.clone(), topic.to_vec());
    let mut subscribing = call(move || subscriber(&context, &given, &asked));
    let Some((result, _)) = subscribing.within(PATIENCE) else {
        return Err(format!(
            "subscriber did not return within {}: it only makes a socket, nothing to wait for",
            ms(PATIENCE)
        ));
    };
    let sub =
        result.map_err(|e| format!("subscriber returned an error: {}", explain(e)))?;
    match sub.get_socket_type() {
        Ok(zmq::SUB) => {}
        Ok(other) => {
            return Err(format!(
                "subscriber returned a {other:?} socket; expected a SUB"
            ))
        }
        Err(e) => {
            return Err(format!(
                "the returned socket cannot be read: {}",
                explain(e)
            ))
        }
    }
    match subscriptions(&publisher, 1).first() {
        None if topic.is_empty() => {
            return Err(
                "asked to subscribe to the empty topic \"\", with which every message begins, \
                 the subscriber did not subscribe at all (the publisher never saw a \
                 subscription): a SUB that has not subscribed receives nothing (PS3), and one \
                 subscribed to \"\" receives everything"
                    .into(),
            )
        }
        None => {
            return Err(format!(
                "asked to subscribe to {}, the publisher never saw a subscription: a SUB that \
                 has not subscribed receives nothing (PS3). Is it connected to `endpoint`?",
                show(topic)
            ))
        }
        Some(seen) if *seen != topic => {
            return Err(format!(
                "asked to subscribe to {}, the subscriber subscribed to {}",
                show(topic),
                show(seen)
            ));
        }
        Some(_) => {}
    }
    for message in messages {
        setup(publisher.send(message.as_slice(), 0), "publish")?;
    }
    setup(publisher.send(last, 0), "publish")?;
    let (received, ended) = recv_until(&sub, last);
    let expected: Vec<Message> = messages
        .iter()
        .filter(|m| m.starts_with(topic))
        .map(|m| one_frame(m.as_slice()))
        .collect();
    if received != expected || !ended {
        return Err(format!(
            "subscribed to {}; published {}; the subscriber got {}{}, expected {}",
            show(topic),
            show_all(messages),
            show_messages(&received),
            if ended { "" } else { " and then nothing more" },
            show_messages(&expected)
        ));
    }
    only_where_given(&sub, &endpoint, "subscriber", "the SUB it returned")
}

/// Messages that begin with `topic` and messages that almost do: the topic with a letter
/// in the other case, the topic cut short, the topic further in, nothing at all. (Every
/// message begins with the empty topic.)
pub(super) fn messages_around(values: &mut Values, topic: &[u8]) -> Vec<Vec<u8>> {
    let mut extended = topic.to_vec();
    extended.extend(values.binary());
    let mut other_case = topic.to_vec();
    if let Some(letter) = other_case.iter_mut().find(|b| b.is_ascii_alphabetic()) {
        *letter ^= 0x20;
    }
    let mut inside = values.word().into_bytes();
    inside.extend_from_slice(topic);
    let mut messages = vec![
        topic.to_vec(),
        extended,
        other_case,
        topic[..topic.len().saturating_sub(1)].to_vec(),
        inside,
        Vec::new(),
        values.binary(),
    ];
    values.shuffle(&mut messages);
    messages
}

pub fn topic_rule(receives: fn(&[&[u8]], &[u8]) -> bool) -> Check {
    let mut values = Values::for_exercise(7);
    // The third has a space inside, as "weather 10001" might: a topic is bytes, not a word.
    let (one, two) = (values.binary(), values.binary());
    let three = format!("{} {}", values.word(), values.word()).into_bytes();
    // A subscription that begins another one: both let through what begins with it.
    let shorter = three[..values.between(1, three.len() - 1)].to_vec();
    let mut sets: Vec<Vec<Vec<u8>>> = vec![
        vec![one.clone()],
        vec![Vec::new()],
        vec![],
        vec![two.clone(), three.clone()],
        // The empty subscription among others still lets everything through.
        vec![two.clone(), Vec::new()],
        vec![three.clone(), shorter],
    ];
    values.shuffle(&mut sets);
    for set in &sets {
        let mut messages = Vec::new();
        for topic in [&one, &two, &three] {
            messages.extend(messages_around(&mut values, topic));
            // The same topic with its byte that is not UTF-8 replaced by another such
            // byte: text conversions make the two look alike; libzmq does not.
            let mut lookalike = topic.clone();
            if let Some(byte) = lookalike.iter_mut().find(|b| **b >= 0xF8) {
                *byte = if *byte == 0xFF { 0xF8 } else { *byte + 1 };
                lookalike.extend(values.word().into_bytes());
                messages.push(lookalike);
            }
        }
        let real = what_a_subscriber_gets(set, &messages, &mut values)?;
        let topics: Vec<&[u8]> = set.iter().map(Vec::as_slice).collect();
        for (message, truly) in messages.iter().zip(real) {
            if receives(&topics, message) != truly {
                let shown: Vec<String> = set.iter().map(|t| show(t)).collect();
                return Err(format!(
                    "receives([{}], {}) says {}, but a real subscriber with those \
                     subscriptions {}",
                    shown.join(", "),
                    show(message),
                    !truly,
                    if truly { "gets it" } else { "does not get it" }
                ));
            }
        }
    }
    Ok(())
}

/// For each message, whether a real SUB with these subscriptions receives it.
fn what_a_subscriber_gets(
    set: &[Vec<u8>],
    messages: &[Vec<u8>],
    values: &mut Values,
) -> Result<Vec<bool>, String> {
    let scene = Scene::new();
    let endpoint = inproc("publisher");
    let publisher = xpub(&scene, &endpoint, false)?;
    let sub = scene.own(zmq::SUB)?;
    // The sentinel's own subscription: no test message begins with its first bytes.
    let end = values.sentinel();
    for topic in set.iter().chain([&end]) {
        setup(sub.set_subscribe(topic), "subscribe")?;
    }
    setup(sub.connect(&endpoint), "connect the subscriber")?;
    if subscriptions(&publisher, set.len() + 1).len() < set.len() + 1 {
        return Err(
            "the check's publisher never saw its subscriptions: a fault of the check, \
                    not of your code"
                .into(),
        );
    }
    for message in messages {
        setup(publisher.send(message.as_slice(), 0), "publish")?;
    }
    setup(publisher.send(end.as_slice(), 0), "publish")?;
    let (received, ended) = recv_until(&sub, &end);
    if !ended {
        return Err(
            "the check's own subscriber lost its last message: a fault of the check, \
                    not of your code"
                .into(),
        );
    }
    // Each message is sent once, in order: match them up in order, as duplicates may
    // occur.
    let mut received = received.into_iter().peekable();
    Ok(messages
        .iter()
        .map(|message| {
            let got = received.peek() == Some(&one_frame(message.as_slice()));
            if got {
                received.next();
            }
            got
        })
        .collect())
}

type Publish = fn(&zmq::Socket, usize, &[&str]) -> zmq::Result<()>;

/// How soon after the last subscriber arrives the messages must be out: less than the gap
/// between the latest subscriber of one world and the earliest late one of another, so
/// that no fixed sleep serves both.
const PROMPTLY: Duration = Duration::from_millis(700);

/// The subscribers of one world, and what is published to them.
struct Arrivals {
    /// How late each subscriber that stays comes: it subscribes to everything, and must
    /// get every message.
    staying: Vec<Duration>,
    /// A subscriber that comes this late, subscribes to a topic of its own and leaves
    /// again (unsubscribes) before the last one comes: one of `subscribers`, whose leaving
    /// the XPUB hands over as `\x00` and the topic.
    leaving: Option<(Duration, Vec<u8>)>,
    messages: Vec<String>,
}

impl Arrivals {
    /// Every run: two or three subscribers that arrive almost at once, all to the same
    /// topic (each subscription counts, not each topic); subscribers of which the last
    /// comes well over a second after the others (one of which has left by then); and no
    /// subscriber at all. No single sleep is both long enough for the second and short
    /// enough for the first, and a wait that gives up after a second of quiet publishes
    /// before the last subscriber of the second is there.
    fn every(values: &mut Values) -> [Arrivals; 3] {
        let soon = Arrivals {
            staying: (0..values.between(2, 3))
                .map(|_| values.millis(0, 40))
                .collect(),
            leaving: None,
            // Two at least: messages sent as the frames of one would arrive as one.
            messages: messages(values, 2),
        };
        let last = values.millis(1_400, 1_700);
        let before = (last - Duration::from_millis(1_300)).as_millis() as u64;
        let mut staying: Vec<Duration> = (0..values.between(0, 2))
            .map(|_| values.millis(0, before))
            .collect();
        staying.push(last);
        values.shuffle(&mut staying);
        let late = Arrivals {
            staying,
            leaving: Some((values.millis(0, before), values.sentinel())),
            messages: messages(values, 2),
        };
        let nobody = Arrivals {
            staying: Vec::new(),
            leaving: None,
            messages: messages(values, 0),
        };
        [soon, late, nobody]
    }

    fn subscribers(&self) -> usize {
        self.staying.len() + usize::from(self.leaving.is_some())
    }

    fn last(&self) -> Duration {
        self.staying.iter().copied().max().unwrap_or_default()
    }

    fn said(&self) -> String {
        if self.subscribers() == 0 {
            return "no subscriber at all".into();
        }
        let delays: Vec<String> = self.staying.iter().map(|d| ms(*d)).collect();
        let mut said = match delays.as_slice() {
            [] => String::new(),
            [one] => format!("a subscriber who came {one} late"),
            _ => format!("subscribers who came {} late", delays.join(", ")),
        };
        if let Some((after, _)) = &self.leaving {
            said.push_str(&format!(
                ", and one who came {} late and left again",
                ms(*after)
            ));
        }
        format!("`subscribers` {}: {said}", self.subscribers())
    }
}

/// The messages to publish: at least `fewest`, some of them the same text twice.
fn messages(values: &mut Values, fewest: usize) -> Vec<String> {
    let count = values.between(fewest.max(1), 4.max(fewest));
    let mut messages = values.texts(count, true);
    if values.chance(2) {
        let again = messages[values.between(0, messages.len() - 1)].clone();
        messages.push(again);
    }
    messages.truncate(values.between(fewest, messages.len()));
    messages
}

pub fn publish_when_ready(publish: Publish) -> Check {
    let mut values = Values::for_exercise(8);
    side_by_side(
        Arrivals::every(&mut values)
            .into_iter()
            .map(|arrivals| -> Box<dyn FnOnce() -> Check + Send> {
                Box::new(move || {
                    let mut sentinels = Values::for_exercise(8);
                    confirmed(|| subscribers_arriving(publish, &arrivals, &mut sentinels))
                })
            })
            .collect(),
    )
}

fn subscribers_arriving(
    publish: Publish,
    arrivals: &Arrivals,
    values: &mut Values,
) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("publisher");
    let publisher = xpub(&scene, &endpoint, true)?;
    let subscribers = arrivals.subscribers();
    let messages = arrivals.messages.clone();
    let end = values.sentinel();

    let given = messages.clone();
    let mut publishing = call(move || {
        let given: Vec<&str> = given.iter().map(String::as_str).collect();
        (publish(&publisher, subscribers, &given), publisher)
    });
    let (arrived, arrivals_seen) = mpsc::channel();
    let listening: Vec<_> = arrivals
        .staying
        .iter()
        .map(|&delay| {
            let (context, endpoint, end) =
                (scene.context().clone(), endpoint.clone(), end.clone());
            let arrived = arrived.clone();
            thread::spawn(move || -> Result<(Vec<Message>, bool), String> {
                // The world of the exercise: this subscriber starts late, on purpose.
                thread::sleep(delay);
                let sub = setup(context.socket(zmq::SUB), "make a subscriber")?;
                setup(sub.set_linger(0), "set LINGER")?;
                setup(sub.set_subscribe(b""), "subscribe")?;
                setup(sub.connect(&endpoint), "connect a subscriber")?;
                let _ = arrived.send(Instant::now());
                Ok(recv_until(&sub, &end))
            })
        })
        .collect();
    let (left, leaving) = mpsc::channel::<()>();
    if let Some((delay, topic)) = arrivals.leaving.clone() {
        let (context, endpoint) = (scene.context().clone(), endpoint.clone());
        thread::spawn(move || -> Check {
            // The world of the exercise: a subscriber comes, and leaves again before the
            // last one comes; its socket stays open until the world ends.
            thread::sleep(delay);
            let sub = setup(context.socket(zmq::SUB), "make a subscriber")?;
            setup(sub.set_linger(0), "set LINGER")?;
            setup(sub.set_subscribe(&topic), "subscribe")?;
            setup(sub.connect(&endpoint), "connect a subscriber")?;
            setup(sub.set_unsubscribe(&topic), "unsubscribe")?;
            let _ = leaving.recv_timeout(PATIENCE * 3);
            Ok(())
        });
    }

    let waited = arrivals.last() + PATIENCE;
    let outcome = publishing.within(waited);
    let Some(((result, publisher), returned_at)) = outcome else {
        drop(left);
        return Err(format!(
            "publish_when_ready did not return within {} ({}): does it wait for exactly \
             `subscribers` subscriptions, and count nothing else?",
            ms(waited),
            arrivals.said()
        ));
    };
    result.map_err(|e| {
        format!(
            "publish_when_ready returned an error: {} ({})",
            explain(e),
            arrivals.said()
        )
    })?;
    let last_arrival = arrivals_seen.try_iter().max();
    setup(
        publisher.send(end.as_slice(), 0),
        "publish the last message",
    )?;
    let expected: Vec<Message> = messages.iter().map(|m| one_frame(m.as_str())).collect();
    for (i, subscriber) in listening.into_iter().enumerate() {
        let (received, ended) = subscriber
            .join()
            .unwrap_or_else(|_| Err("a subscriber of the check failed".into()))?;
        if received != expected || !ended {
            return Err(format!(
                "subscriber {} of those who stayed ({}) got {}; expected {}, each once, in \
                 order. Publish once every subscription has arrived (the slow joiner, PS6)",
                i + 1,
                arrivals.said(),
                show_messages(&received),
                show_texts(&messages)
            ));
        }
    }
    drop(left);
    // Every subscription that came before the messages went out is evidence the function
    // should have read; one left unread means it did not wait for it.
    while let Some(event) = recv_within(&publisher, Duration::from_millis(20)) {
        if event.concat().first() == Some(&1) {
            return Err(format!(
                "every subscriber got every message, but publish_when_ready left a subscription \
                 unread on the XPUB: it did not wait for the evidence, it guessed. Read one \
                 subscription per subscriber, then publish ({})",
                arrivals.said()
            ));
        }
    }
    let after = match last_arrival {
        Some(arrival) => returned_at.saturating_duration_since(arrival),
        None => returned_at.saturating_duration_since(publishing.started),
    };
    let promptly = if subscribers == 0 {
        RETURN_BOUND
    } else {
        PROMPTLY
    };
    if after > promptly {
        let since = if subscribers == 0 {
            "it started, with no subscriber to wait for"
        } else {
            "the last subscriber connected"
        };
        return Err(too_late(format!(
            "every subscriber got every message, but publish_when_ready returned {} after \
             {since} ({}): it waits longer than it needs to. Wait for the evidence (the \
             subscriptions), not a guessed time",
            ms(after),
            arrivals.said()
        )));
    }
    only_where_given(
        &publisher,
        &endpoint,
        "publish_when_ready",
        "the XPUB `publisher`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_differ_from_the_topic() {
        let mut values = Values::for_exercise(0);
        let topic = values.binary();
        let messages = messages_around(&mut values, &topic);
        assert_eq!(messages.len(), 7);
        assert!(messages.iter().filter(|m| m.starts_with(&topic)).count() >= 2);
        assert!(messages.iter().filter(|m| !m.starts_with(&topic)).count() >= 4);
    }
}
