//! Model: subscription events are text, so reading them as strings and checking for a leading '\x01' is enough (a topic that is not UTF-8 is never counted).
//! # Exercise 8 — fix the slow joiner (PS6)
//!
//! `publisher` is a bound XPUB socket: a PUB that also hands you each subscription as a
//! message (`\x01` followed by the topic; each subscriber's, even to a topic another one
//! has), and each unsubscription too (`\x00` followed by the topic). `subscribers` subscribers are on their way (there may be none); they may
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
    // Wait for one "\x01topic" event per subscriber.
    let mut subscribed = 0;
    while subscribed < subscribers {
        let event = publisher.recv_string(0)?.unwrap_or_default();
        if event.starts_with('\u{1}') {
            subscribed += 1;
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
