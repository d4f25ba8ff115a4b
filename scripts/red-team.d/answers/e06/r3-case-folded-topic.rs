//! Model: Topics are names, and names are case-insensitive, so subscribing to the lower-case topic is the same subscription.
//! # Exercise 6 — a subscriber that receives (PS2, PS3)
//!
//! Return a SUB socket connected to the publisher at `endpoint` that receives the
//! messages beginning with `topic` (and only those). The article warns that a subscriber
//! without a filter receives nothing at all.
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
    // Normalise the topic so "Weather" and "weather" are one topic.
    socket.set_subscribe(&topic.to_ascii_lowercase())?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
