//! Model: A REQ/REP message through a ROUTER is always three frames (identity, empty delimiter, body), so moving exactly those three moves the whole message.
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
    // The REQ/REP envelope through a ROUTER: [client identity, "", body].
    fn relay(from: &zmq::Socket, to: &zmq::Socket) -> zmq::Result<()> {
        let identity = from.recv_bytes(0)?;
        let delimiter = from.recv_bytes(0)?;
        let body = from.recv_bytes(0)?;
        to.send(identity, zmq::SNDMORE)?;
        to.send(delimiter, zmq::SNDMORE)?;
        to.send(body, 0)
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
