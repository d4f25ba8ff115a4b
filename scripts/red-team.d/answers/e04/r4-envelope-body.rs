//! Model: as on a ROUTER, the frames up to the first empty frame are the envelope, which REP puts back on the reply by itself, so only the frames after it are echoed.
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
    // Every frame of the request, as raw bytes.
    let frames = server.recv_multipart(0)?;
    // A request is an envelope, an empty delimiter, then the body. REP keeps the envelope
    // and adds it back to the reply itself: echo the body, byte for byte.
    let body = match frames.iter().position(|frame| frame.is_empty()) {
        Some(delimiter) => frames[delimiter + 1..].to_vec(),
        None => frames,
    };
    server.send_multipart(body, 0)
}
// ANCHOR_END: stub
