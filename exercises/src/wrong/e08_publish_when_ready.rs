//! Wrong answers to exercise 8 that the check must reject.

use std::thread;
use std::time::{Duration, Instant};

fn publish(publisher: &zmq::Socket, messages: &[&str]) -> zmq::Result<()> {
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}

/// The usual advice: sleep a little, then publish. Late subscribers are slower than the
/// guess.
pub fn sleeps(
    publisher: &zmq::Socket,
    _subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    thread::sleep(Duration::from_millis(20));
    publish(publisher, messages)
}

/// Sleeps long enough for any subscriber the check has: always late, and slow for
/// nothing.
pub fn sleeps_long(
    publisher: &zmq::Socket,
    _subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    thread::sleep(Duration::from_millis(1200));
    publish(publisher, messages)
}

/// Sleeps long enough, then reads whatever subscriptions have come: evidence read, but
/// only after a guess, and slow for nothing.
pub fn sleeps_then_reads(
    publisher: &zmq::Socket,
    _subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    thread::sleep(Duration::from_millis(1200));
    while publisher.recv_bytes(zmq::DONTWAIT).is_ok() {}
    publish(publisher, messages)
}

/// Waits for the first subscriber only.
pub fn waits_for_one(
    publisher: &zmq::Socket,
    _subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    publisher.recv_bytes(0)?;
    publish(publisher, messages)
}

/// Publishes the messages again and again for a while, hoping every subscriber catches
/// them.
pub fn republishes_for_a_while(
    publisher: &zmq::Socket,
    _subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(1300) {
        publish(publisher, messages)?;
        thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// Waits for the subscriptions, but gives up after a second of quiet and publishes anyway:
/// a subscriber that takes longer misses everything.
pub fn gives_up_after_a_second(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    publisher.set_rcvtimeo(1000)?;
    let mut subscribed = 0;
    while subscribed < subscribers {
        match publisher.recv_bytes(0) {
            Ok(event) if event.first() == Some(&1) => subscribed += 1,
            Ok(_) => {}
            Err(zmq::Error::EAGAIN) => break,
            Err(other) => return Err(other),
        }
    }
    publish(publisher, messages)
}

/// Reads a subscription before it counts: with no subscriber to wait for, it waits for
/// ever.
pub fn assumes_a_subscriber(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    let mut subscribed = 0;
    loop {
        if publisher.recv_bytes(0)?.first() == Some(&1) {
            subscribed += 1;
        }
        if subscribed >= subscribers {
            break;
        }
    }
    publish(publisher, messages)
}

/// Counts every message the XPUB hands over as a subscriber arriving: a subscriber that
/// leaves (`\x00` and its topic) counts too.
pub fn counts_every_event(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    for _ in 0..subscribers {
        publisher.recv_bytes(0)?;
    }
    publish(publisher, messages)
}

/// Counts the subscribers by the distinct topics they subscribed to, "so that a
/// subscription sent again is not a second subscriber": two subscribers of one topic count
/// as one, and the wait never ends.
pub fn counts_distinct_topics(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    let mut topics = std::collections::HashSet::new();
    while topics.len() < subscribers {
        let event = publisher.recv_bytes(0)?;
        if let Some((&1, topic)) = event.split_first() {
            topics.insert(topic.to_vec());
        }
    }
    publish(publisher, messages)
}

/// Waits for the subscriptions, then sends the messages as the frames of one multipart
/// message, "all or none": each subscriber gets one message of many frames, not each of
/// the messages.
pub fn publishes_one_multipart_message(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    let mut subscribed = 0;
    while subscribed < subscribers {
        if publisher.recv_bytes(0)?.first() == Some(&1) {
            subscribed += 1;
        }
    }
    if !messages.is_empty() {
        publisher.send_multipart(messages.iter().map(|m| m.as_bytes()), 0)?;
    }
    Ok(())
}
