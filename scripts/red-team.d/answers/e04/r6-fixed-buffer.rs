//! Model: frames are read into a fixed 64 KiB buffer like a C recv(), and the length recv_into returns is clamped to the buffer, so longer frames are silently truncated.
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
    // One buffer, reused for every frame: no allocation per frame.
    let mut buffer = vec![0u8; 64 * 1024];
    let mut frames: Vec<Vec<u8>> = Vec::new();
    loop {
        let n = server.recv_into(&mut buffer, 0)?;
        let n = n.min(buffer.len());
        frames.push(buffer[..n].to_vec());
        if !server.get_rcvmore()? {
            break;
        }
    }
    server.send_multipart(frames, 0)
}
// ANCHOR_END: stub
