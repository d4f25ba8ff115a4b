//! Model: recv_into with a roomy buffer reads a frame without allocating, and frames are never longer than 1 KiB.
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
    let mut frames: Vec<Vec<u8>> = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        let n = server.recv_into(&mut buffer, 0)?;
        frames.push(buffer[..n.min(buffer.len())].to_vec());
        if !server.get_rcvmore()? {
            break;
        }
    }
    server.send_multipart(frames, 0)?;
    Ok(())
}
// ANCHOR_END: stub
