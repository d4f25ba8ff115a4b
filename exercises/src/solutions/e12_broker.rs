//! Solution to exercise 12.

// ANCHOR: solution
pub fn broker(
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
            // [client identity, empty delimiter, request]: all of it goes on (RR3).
            let request = frontend.recv_multipart(0)?;
            backend.send_multipart(request, 0)?;
        }
        if items[1].is_readable() {
            let reply = backend.recv_multipart(0)?;
            frontend.send_multipart(reply, 0)?;
            forwarded += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: solution
