//! Model: A topic is a whole word, so a non-empty topic is subscribed with a space after it (so "abc" does not let "abcd" through), which also drops a message that is exactly the topic or continues without a space.
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
        // "topic payload": match the whole topic word, not a longer topic that starts with it.
        let mut filter = topic.to_vec();
        filter.push(b' ');
        socket.set_subscribe(&filter)?;
    }
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
