//! Model: an empty frame carries no bytes, so leaving it out changes nothing (as long as the reply keeps at least one frame).
//! # Exercise 4 — bytes are bytes (RR7)
//!
//! `server` is a REP socket, and requests are on their way: some may be waiting already,
//! or the first may take a while to come. A request may have several frames, long or
//! empty, and any bytes at all: NUL bytes, bytes that are not UTF-8. Send back exactly the
//! same frames, byte for byte, at once, and return: the next request is for the next call.
//!
//! Edit only the body of `echo_frames`. Check with `cargo run -- exercises check 4`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn echo_frames(server: &zmq::Socket) -> zmq::Result<()> {
    let frames = server.recv_multipart(0)?;
    // Bytes are bytes: every frame with bytes in it goes back untouched. An empty frame has
    // nothing to give back; but a REP must always answer, so an all-empty request still
    // gets one (empty) frame.
    let mut reply: Vec<Vec<u8>> = frames.into_iter().filter(|frame| !frame.is_empty()).collect();
    if reply.is_empty() {
        reply.push(Vec::new());
    }
    server.send_multipart(reply, 0)
}
// ANCHOR_END: stub
