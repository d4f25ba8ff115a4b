//! Model: An empty last frame after others is the end-of-message marker that libzmq adds to multipart messages, so it is dropped from the echo (send_multipart adds it back).
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
    let mut frames = server.recv_multipart(0)?;
    // The terminating empty frame is framing, not content.
    if frames.len() > 1 && frames.last().map_or(false, |f| f.is_empty()) {
        frames.pop();
    }
    server.send_multipart(frames, 0)?;
    Ok(())
}
// ANCHOR_END: stub
