//! Model: a topic is a whole word followed by a space, so subscribing to topic plus a space keeps out longer topics that merely share its prefix.
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
        // The empty topic: everything.
        socket.set_subscribe(b"")?;
    } else {
        // "weather" must not also let "weatherman" through: match the word and its separator.
        let mut filter = topic.to_vec();
        filter.push(b' ');
        socket.set_subscribe(&filter)?;
    }
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
