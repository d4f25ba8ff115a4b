//! Model: A broker first waits for traffic and only then checks whether it has moved enough replies.
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
    let mut moved = 0;
    loop {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let frames = frontend.recv_multipart(0)?;
            backend.send_multipart(frames, 0)?;
        }
        if items[1].is_readable() {
            let frames = backend.recv_multipart(0)?;
            frontend.send_multipart(frames, 0)?;
            moved += 1;
        }
        if moved >= replies {
            return Ok(());
        }
    }
}
// ANCHOR_END: stub
