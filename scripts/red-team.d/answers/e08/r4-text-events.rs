//! Model: The XPUB's subscription events are text, so one whose topic is not valid UTF-8 is skipped as noise and that subscriber is never counted.
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
    // The XPUB's events are short strings: "\u{1}topic" when a subscriber subscribes,
    // "\u{0}topic" when it leaves. Anything else that comes out of it is not an event.
    publisher.set_xpub_verbose(true)?; // a topic another subscriber already has counts too
    let mut arrived = 0;
    while arrived < subscribers {
        if let Ok(event) = publisher.recv_string(0)? {
            if event.starts_with('\u{1}') {
                arrived += 1;
            }
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
