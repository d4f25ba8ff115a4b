//! Model: Reading frames while RCVMORE is set collects the message, and an empty frame means there is nothing left to read.
//! # Exercise 4 — bytes are bytes (RR7)
//!
//! `server` is a REP socket, and requests are on their way: some may be waiting already,
//! or the first may take a while to come (wait for it however long it takes). A request
//! may have several frames, long or empty, and any bytes at all: NUL bytes, bytes that are
//! not UTF-8. Send back exactly the same frames, byte for byte, at once, and return: the
//! next request is for the next call.
//!
//! Edit only the body of `echo_frames`. Check with `cargo run -- exercises check 4`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn echo_frames(server: &zmq::Socket) -> zmq::Result<()> {
    let mut frames = vec![server.recv_bytes(0)?];
    // Read on while the frame just read says more follow.
    while server.get_rcvmore()? {
        let frame = server.recv_bytes(0)?;
        if frame.is_empty() {
            break; // nothing left
        }
        frames.push(frame);
    }
    server.send_multipart(frames, 0)?;
    Ok(())
}
// ANCHOR_END: stub
