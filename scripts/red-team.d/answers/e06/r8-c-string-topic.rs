//! Model: a topic is a C string, so a topic with a NUL byte in it is invalid and is refused with EINVAL.
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
use std::ffi::CString;

pub fn subscriber(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
) -> zmq::Result<zmq::Socket> {
    // libzmq is a C library: the filter is a C string.
    let filter = CString::new(topic).map_err(|_| zmq::Error::EINVAL)?;
    let socket = context.socket(zmq::SUB)?;
    socket.set_subscribe(filter.as_bytes())?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
