//! # Exercise 8 — fix the slow joiner (PS6)
//!
//! `publisher` is a bound XPUB socket: a PUB that also hands you each subscription as a
//! message (`\x01` followed by the topic). `subscribers` subscribers are on their way;
//! they may take a while to connect. Publish `messages` so that every subscriber gets
//! every one of them — and do not guess with a sleep: wait for the evidence.
//!
//! Edit only the body of `publish_when_ready`. Check with `cargo run -- exercises check
//! 8`, or `cargo run -- exercises watch` to check on every save.
//! Model: there is always at least one subscriber: receive, count, stop when the count is reached

// ANCHOR: stub
pub fn publish_when_ready(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    let mut subscribed = 0;
    loop {
        let event = publisher.recv_bytes(0)?;
        if event.first() == Some(&1) {
            subscribed += 1;
        }
        if subscribed >= subscribers {
            break;
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
