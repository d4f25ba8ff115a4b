//! Model: Subscriptions are counted by distinct topic, to avoid counting a resent subscription twice, so two subscribers of the same topic count as one and the wait never ends.
//! # Exercise 8 — fix the slow joiner (PS6)
//!
//! `publisher` is a bound XPUB socket: a PUB that also hands you each subscription as a
//! message (`\x01` followed by the topic), and each unsubscription too (`\x00` followed
//! by the topic). `subscribers` subscribers are on their way (there may be none); they may
//! take a while to connect, more than a second, and one may leave again before the last
//! comes (its subscription counts; its leaving does not). Publish `messages` so that every
//! subscriber still there gets every one of them — and do not guess with a sleep: wait for
//! the evidence.
//!
//! Edit only the body of `publish_when_ready`. Check with `cargo run -- exercises check
//! 8`, or `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn publish_when_ready(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    // A subscriber is known by what it subscribed to: a subscriber that reconnects sends
    // its subscription again, and must not be taken for a second subscriber. So collect
    // the distinct topics that arrived, one per subscriber.
    let mut topics = std::collections::HashSet::new();
    while topics.len() < subscribers {
        let event = publisher.recv_bytes(0)?;
        if let Some((&1, topic)) = event.split_first() {
            topics.insert(topic.to_vec());
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
