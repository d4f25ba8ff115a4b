//! Solution to exercise 4.

// ANCHOR: solution
pub fn echo_frames(server: &zmq::Socket) -> zmq::Result<()> {
    // recv_multipart gets every frame as raw bytes; nothing is decoded (RR7).
    let frames = server.recv_multipart(0)?;
    server.send_multipart(frames, 0)
}
// ANCHOR_END: solution
