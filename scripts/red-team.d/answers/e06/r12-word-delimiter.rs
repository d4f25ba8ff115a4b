//! Model: A topic is a whole word followed by a space (as in the weather example), so subscribing to the topic and a space avoids matching longer topics.
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
    if topic.is_empty() {
        socket.set_subscribe(b"")?;
    } else {
        // "news" must not match "newspaper": the topic is a word.
        let mut filter = topic.to_vec();
        filter.push(b' ');
        socket.set_subscribe(&filter)?;
    }
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
