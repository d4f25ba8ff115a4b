//! Model: a message through a ROUTER is always exactly three frames (client identity, empty delimiter, body), so the broker rebuilds it from those three and drops anything past the body.
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
    // Read one envelope: identity, delimiter, body. Anything else is not ours to carry.
    fn envelope(socket: &zmq::Socket) -> zmq::Result<[Vec<u8>; 3]> {
        let identity = socket.recv_bytes(0)?;
        let delimiter = if socket.get_rcvmore()? { socket.recv_bytes(0)? } else { Vec::new() };
        let body = if socket.get_rcvmore()? { socket.recv_bytes(0)? } else { Vec::new() };
        while socket.get_rcvmore()? {
            let _ = socket.recv_bytes(0)?;
        }
        Ok([identity, delimiter, body])
    }

    let mut moved = 0;
    while moved < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let message = envelope(frontend)?;
            backend.send_multipart(message, 0)?;
        }
        if items[1].is_readable() {
            let message = envelope(backend)?;
            frontend.send_multipart(message, 0)?;
            moved += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
