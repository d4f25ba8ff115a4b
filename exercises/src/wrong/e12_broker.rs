//! Wrong answers to exercise 12 that the check must reject.

/// Forwards only the last frame (the text): the ROUTER no longer knows whom a reply is for.
pub fn last_frame_only(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut forwarded = 0;
    while forwarded < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let request = frontend.recv_multipart(0)?;
            backend.send(request.last().cloned().unwrap_or_default(), 0)?;
        }
        if items[1].is_readable() {
            let reply = backend.recv_multipart(0)?;
            frontend.send(reply.last().cloned().unwrap_or_default(), 0)?;
            forwarded += 1;
        }
    }
    Ok(())
}
