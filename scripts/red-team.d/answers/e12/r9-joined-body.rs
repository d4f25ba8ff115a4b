//! Model: A message is address, delimiter and one body, so the frames after the envelope can be joined into one body frame — a multi-frame request or reply reaches the other side with its frames merged.
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
    // A request is the client's address, the empty delimiter and the body; keep the
    // address and the delimiter, and pass the body on as one frame.
    let mut moved = 0;
    while moved < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let mut message = frontend.recv_multipart(0)?;
            let body: Vec<u8> = message.drain(2..).flatten().collect();
            message.push(body);
            backend.send_multipart(message, 0)?;
        }
        if items[1].is_readable() {
            let mut message = backend.recv_multipart(0)?;
            let body: Vec<u8> = message.drain(2..).flatten().collect();
            message.push(body);
            frontend.send_multipart(message, 0)?;
            moved += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
