//! Solution to exercise 6.

// ANCHOR: solution
pub fn subscriber(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let socket = context.socket(zmq::SUB)?;
    // Without a subscription a SUB receives nothing (PS3).
    socket.set_subscribe(topic)?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: solution
