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

/// Subscribes to the topic it once saw in the checker's output.
pub fn subscribes_to_what_it_saw(
    context: &zmq::Context,
    endpoint: &str,
    _topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let socket = context.socket(zmq::SUB)?;
    socket.set_subscribe(b"news")?;
    socket.connect(endpoint)?;
    Ok(socket)
}

/// Turns the topic into text first: bytes that are not UTF-8 change on the way.
pub fn topic_through_text(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let socket = context.socket(zmq::SUB)?;
    socket.set_subscribe(String::from_utf8_lossy(topic).as_bytes())?;
    socket.connect(endpoint)?;
    Ok(socket)
}

/// Takes an empty topic for "no filter" and does not subscribe at all: receives nothing,
/// where the empty topic lets every message through.
pub fn skips_an_empty_topic(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let socket = context.socket(zmq::SUB)?;
    if !topic.is_empty() {
        socket.set_subscribe(topic)?;
    }
    socket.connect(endpoint)?;
    Ok(socket)
}

/// Takes the topic for a C string and refuses one with a NUL byte in it: a topic is bytes,
/// any of them.
pub fn topic_as_a_c_string(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    let filter = std::ffi::CString::new(topic).map_err(|_| zmq::Error::EINVAL)?;
    let socket = context.socket(zmq::SUB)?;
    socket.set_subscribe(filter.as_bytes())?;
    socket.connect(endpoint)?;
    Ok(socket)
}
