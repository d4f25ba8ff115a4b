//! # Exercise 4 — bytes are bytes (RR7)
//!
//! `server` is a REP socket with a request waiting. The request may have several frames, and
//! any bytes at all: empty frames, NUL bytes, bytes that are not UTF-8. Send back exactly the
//! same frames, byte for byte.
//!
//! Edit only the body of `echo_frames`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn echo_frames(server: &zmq::Socket) -> zmq::Result<()> {
    // TODO: receive every frame of the request and send them all back unchanged.
    todo!()
}
// ANCHOR_END: stub
