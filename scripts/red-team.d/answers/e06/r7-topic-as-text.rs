//! Model: topics are text, so a topic whose bytes are not UTF-8 is read as the empty topic (subscribe to everything) rather than subscribed byte for byte.
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
    // A topic is a name; read it as text (an unreadable name falls back to the empty
    // topic, which every message begins with).
    let name = std::str::from_utf8(topic).unwrap_or("");
    socket.set_subscribe(name.as_bytes())?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
