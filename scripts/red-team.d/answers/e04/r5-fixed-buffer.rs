//! Model: A frame fits in a 64 KiB buffer (like a UDP datagram), so receiving each frame into a fixed buffer keeps every byte, while longer frames are silently cut.
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
    let mut buffer = vec![0u8; 65_536];
    let mut frames: Vec<Vec<u8>> = Vec::new();
    loop {
        let size = server.recv_into(&mut buffer, 0)?;
        frames.push(buffer[..size.min(buffer.len())].to_vec());
        if !server.get_rcvmore()? {
            break;
        }
    }
    let last = frames.len() - 1;
    for (i, frame) in frames.iter().enumerate() {
        let flags = if i < last { zmq::SNDMORE } else { 0 };
        server.send(&frame[..], flags)?;
    }
    Ok(())
}
// ANCHOR_END: stub
