//! # Exercise 8 — fix the slow joiner (PS6)
//!
//! `publisher` is a bound XPUB socket: a PUB that also hands you each subscription as a
//! message (`\x01` followed by the topic). `subscribers` subscribers are on their way;
//! they may take a while to connect. Publish `messages` so that every subscriber gets
//! every one of them — and do not guess with a sleep: wait for the evidence.
//!
//! Edit only the body of `publish_when_ready`. Check with `cargo run -- exercises check
//! 8`, or `cargo run -- exercises watch` to check on every save.
//! Model: wait for the subscriptions, but not for ever: after a second of silence publish anyway

// ANCHOR: stub
pub fn publish_when_ready(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    publisher.set_rcvtimeo(1000)?;
    let mut subscribed = 0;
    while subscribed < subscribers {
        match publisher.recv_bytes(0) {
            Ok(event) => {
                if event.first() == Some(&1) {
                    subscribed += 1;
                }
            }
            Err(zmq::Error::EAGAIN) => break,
            Err(other) => return Err(other),
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
