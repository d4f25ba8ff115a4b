//! Model: A broker must never block, so requests go to the DEALER with DONTWAIT and one it cannot take yet (no worker connected, or all full) is dropped.
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
    // A broker must never block on one side while the other has work: poll both, and
    // pass a request on only if the backend can take it now. A request no worker can
    // take is refused, as a busy router refuses, and the loop goes on.
    let mut moved = 0;
    while moved < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let request = frontend.recv_multipart(0)?;
            match backend.send_multipart(request, zmq::DONTWAIT) {
                Ok(()) | Err(zmq::Error::EAGAIN) => {}
                Err(other) => return Err(other),
            }
        }
        if items[1].is_readable() {
            let reply = backend.recv_multipart(0)?;
            frontend.send_multipart(reply, 0)?;
            moved += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
