//! Model: A subscriber only needs the latest message, so conflate keeps it from falling behind without losing anything that matters.
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
    // Keep only the freshest message so a slow reader never lags.
    socket.set_conflate(true)?;
    socket.set_subscribe(topic)?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
