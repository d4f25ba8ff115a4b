//! Model: The empty filter is the switch that turns a SUB on (without it, it receives nothing), and the topic then narrows what comes in.
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
    // The article: a SUB without a filter receives nothing, so set the filter first...
    socket.set_subscribe(b"")?;
    // ...then the topic we want.
    socket.set_subscribe(topic)?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
