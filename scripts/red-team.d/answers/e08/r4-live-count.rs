//! Model: An unsubscription cancels a subscription, so the publisher waits until `subscribers` subscribers are subscribed at the same moment (a subscriber that left is waited for again).
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
    // Subscribers come and go: count the ones that are there now. Each subscription
    // brings one in, each unsubscription takes one out again, and once `subscribers` of
    // them are listening at the same time every one of them gets what is published.
    publisher.set_xpub_verbose(true)?; // a topic another subscriber already has counts too
    let mut listening: usize = 0;
    while listening < subscribers {
        let event = publisher.recv_bytes(0)?;
        match event.first() {
            Some(1) => listening += 1,
            Some(0) => listening = listening.saturating_sub(1),
            _ => {}
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
