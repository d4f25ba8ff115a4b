//! Model: As in the zguide's weather example, a topic is a word followed by a space, so subscribing to the topic plus a space matches exactly that topic.
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
    // Subscribe to "topic " so that "10001" does not also match "100010".
    let mut filter = topic.to_vec();
    filter.push(b' ');
    socket.set_subscribe(&filter)?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
