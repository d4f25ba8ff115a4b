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

/// Leaves out the empty frames ("there is nothing in them").
pub fn skips_empty_frames(server: &zmq::Socket) -> zmq::Result<()> {
    let frames: Vec<Vec<u8>> = server
        .recv_multipart(0)?
        .into_iter()
        .filter(|f| !f.is_empty())
        .collect();
    server.send_multipart(frames, 0)
}

/// Echoes every request that comes, for as long as requests come.
pub fn echoes_in_a_loop(server: &zmq::Socket) -> zmq::Result<()> {
    loop {
        let frames = server.recv_multipart(0)?;
        server.send_multipart(frames, 0)?;
    }
}

/// Reads each frame into a buffer of 256 bytes, as a C program might: a longer frame is
/// cut short.
pub fn reads_into_a_small_buffer(server: &zmq::Socket) -> zmq::Result<()> {
    let mut frames = Vec::new();
    loop {
        let mut buffer = [0u8; 256];
        let size = server.recv_into(&mut buffer, 0)?;
        frames.push(buffer[..size.min(buffer.len())].to_vec());
        if !server.get_rcvmore()? {
            break;
        }
    }
    server.send_multipart(frames, 0)
}

/// Reads each frame into one 64 KiB buffer, "plenty for any frame": a longer frame is cut
/// short.
pub fn reads_into_a_64_kib_buffer(server: &zmq::Socket) -> zmq::Result<()> {
    let mut buffer = vec![0u8; 64 * 1024];
    let mut frames = Vec::new();
    loop {
        let size = server.recv_into(&mut buffer, 0)?;
        frames.push(buffer[..size.min(buffer.len())].to_vec());
        if !server.get_rcvmore()? {
            break;
        }
    }
    server.send_multipart(frames, 0)
}
