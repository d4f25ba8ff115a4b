//! # Exercise 4 — bytes are bytes (RR7)
//!
//! `server` is a REP socket, and a request is on its way (it may arrive a moment after
//! your function starts). The request may have several frames, and any bytes at all:
//! empty frames, NUL bytes, bytes that are not UTF-8. Send back exactly the same frames,
//! byte for byte, and return: the next request is for the next call.
//!
//! Edit only the body of `echo_frames`. Check with `cargo run -- exercises check 4`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: empty frames are only delimiters with no content, so leave them out of the echo

// ANCHOR: stub
pub fn echo_frames(server: &zmq::Socket) -> zmq::Result<()> {
    let frames = server.recv_multipart(0)?;
    let frames: Vec<Vec<u8>> = frames.into_iter().filter(|frame| !frame.is_empty()).collect();
    if frames.is_empty() {
        return server.send("", 0);
    }
    server.send_multipart(frames, 0)
}
// ANCHOR_END: stub
