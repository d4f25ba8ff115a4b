//! Wrong answers to exercise 4 that the check must reject.

/// Goes through text: bytes that are not UTF-8 come back changed.
pub fn through_text(server: &zmq::Socket) -> zmq::Result<()> {
    let frames: Vec<String> = server
        .recv_multipart(0)?
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    server.send_multipart(frames.iter().map(String::as_bytes), 0)
}

/// Echoes only the first frame.
pub fn first_frame_only(server: &zmq::Socket) -> zmq::Result<()> {
    let frames = server.recv_multipart(0)?;
    server.send(frames[0].clone(), 0)
}
