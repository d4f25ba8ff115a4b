//! Model: an empty first frame is the REP envelope's delimiter, which libzmq puts back on the reply by itself, so it is dropped before echoing (a request whose first frame is empty loses it).
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
    // An empty first frame is the envelope delimiter: REP adds its own back on the reply.
    if frames.len() > 1 && frames[0].is_empty() {
        frames.remove(0);
    }
    server.send_multipart(frames, 0)
}
// ANCHOR_END: stub
