//! Wrong answers to exercise 6 that the check must reject.

/// Forgot to subscribe: receives nothing.
pub fn forgot_to_subscribe(
    context: &zmq::Context,
    endpoint: &str,
    _topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let socket = context.socket(zmq::SUB)?;
    socket.connect(endpoint)?;
    Ok(socket)
}

/// Subscribes to everything instead of `topic`.
pub fn subscribes_to_all(
    context: &zmq::Context,
    endpoint: &str,
    _topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let socket = context.socket(zmq::SUB)?;
    socket.set_subscribe(b"")?;
    socket.connect(endpoint)?;
    Ok(socket)
}
