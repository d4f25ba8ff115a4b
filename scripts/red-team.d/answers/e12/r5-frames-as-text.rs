//! Model: Messages between clients and workers are text, so reading each frame as a String (lossily, to be safe) and sending it on keeps them intact.
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
    // Read every frame, keep a readable copy for tracing, and forward the frames.
    fn relay(from: &zmq::Socket, to: &zmq::Socket) -> zmq::Result<()> {
        let frames: Vec<String> = from
            .recv_multipart(0)?
            .iter()
            .map(|frame| String::from_utf8_lossy(frame).into_owned())
            .collect();
        if std::env::var_os("BROKER_TRACE").is_some() {
            eprintln!("broker: {frames:?}");
        }
        to.send_multipart(frames.iter().map(|frame| frame.as_bytes()), 0)
    }

    let mut moved = 0;
    while moved < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            relay(frontend, backend)?;
        }
        if items[1].is_readable() {
            relay(backend, frontend)?;
            moved += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
