//! Model: a multipart message is ended by a final frame sent without SNDMORE, so every frame goes out with SNDMORE and an empty frame closes the message (one frame too many).
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
    let mut frames = Vec::new();
    loop {
        frames.push(server.recv_bytes(0)?);
        if !server.get_rcvmore()? {
            break;
        }
    }
    // Every frame is "more", and the message is closed by a final frame without SNDMORE.
    for frame in &frames {
        server.send(&frame[..], zmq::SNDMORE)?;
    }
    server.send(&b""[..], 0)
}
// ANCHOR_END: stub
