//! Model: one 64 KiB buffer reused with recv_into is plenty for any frame, so a longer frame comes back cut to its first 64 KiB.
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
    // One buffer for every frame, rather than an allocation per frame.
    let mut buffer = vec![0u8; 64 * 1024];
    let mut frames: Vec<Vec<u8>> = Vec::new();
    loop {
        // recv_into returns the frame's real size, which may exceed the buffer.
        let size = server.recv_into(&mut buffer, 0)?;
        frames.push(buffer[..size.min(buffer.len())].to_vec());
        if !server.get_rcvmore()? {
            break;
        }
    }
    // Raw bytes out, frame for frame: no text conversion anywhere.
    server.send_multipart(frames, 0)
}
// ANCHOR_END: stub
