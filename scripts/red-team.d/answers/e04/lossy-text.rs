//! # Exercise 4 — bytes are bytes (RR7)
//!
//! `server` is a REP socket, and a request is on its way (it may arrive a moment after
//! your function starts). The request may have several frames, and any bytes at all:
//! empty frames, NUL bytes, bytes that are not UTF-8. Send back exactly the same frames,
//! byte for byte, and return: the next request is for the next call.
//!
//! Edit only the body of `echo_frames`. Check with `cargo run -- exercises check 4`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: frames are text: read them as strings and send the strings back

// ANCHOR: stub
pub fn echo_frames(server: &zmq::Socket) -> zmq::Result<()> {
    let frames = server.recv_multipart(0)?;
    let texts: Vec<Vec<u8>> = frames
        .iter()
        .map(|frame| String::from_utf8_lossy(frame).into_owned().into_bytes())
        .collect();
    server.send_multipart(texts, 0)
}
// ANCHOR_END: stub
