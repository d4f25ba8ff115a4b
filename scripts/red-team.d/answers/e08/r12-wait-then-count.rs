//! Model: Always wait for the first subscription before checking the count, since a publisher needs at least one listener to be ready.
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
    let mut seen = 0;
    loop {
        let note = publisher.recv_bytes(0)?;
        if note.first() == Some(&1) {
            seen += 1;
        }
        if seen >= subscribers {
            break;
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
