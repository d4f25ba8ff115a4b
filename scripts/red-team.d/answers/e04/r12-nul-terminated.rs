//! Model: A frame is a C string, so its content ends at the first NUL byte.
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
    let frames = server.recv_multipart(0)?;
    let reply: Vec<Vec<u8>> = frames
        .into_iter()
        .map(|f| f.split(|b| *b == 0).next().unwrap_or(&[]).to_vec())
        .collect();
    server.send_multipart(reply, 0)?;
    Ok(())
}
// ANCHOR_END: stub
