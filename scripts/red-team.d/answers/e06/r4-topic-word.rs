//! Model: a topic is a word, so subscribing to it with its separator ("topic ") keeps "ab" from also receiving "abc…", and the empty topic stays empty.
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
    // Byte for byte, case and all. A subscription matches a prefix, so a bare "ab" would
    // also let through the topic "abc": subscribe to the topic with the space that ends it
    // ("topic payload", as publishers write). The empty topic is everything, as it is.
    let mut filter = topic.to_vec();
    if !filter.is_empty() {
        filter.push(b' ');
    }
    socket.set_subscribe(&filter)?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
