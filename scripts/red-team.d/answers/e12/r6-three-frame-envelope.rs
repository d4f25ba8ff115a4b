//! Model: A message through a ROUTER/DEALER broker is always the three frames identity, empty delimiter, body, so receiving and sending exactly three frames moves a whole message.
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
    if replies == 0 {
        return Ok(());
    }
    let mut moved = 0;
    loop {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            // The envelope: who asked, the empty delimiter, then the request itself.
            let client = frontend.recv_bytes(0)?;
            let delimiter = frontend.recv_bytes(0)?;
            let request = frontend.recv_bytes(0)?;
            backend.send_multipart([client, delimiter, request], 0)?;
        }
        if items[1].is_readable() {
            let client = backend.recv_bytes(0)?;
            let delimiter = backend.recv_bytes(0)?;
            let reply = backend.recv_bytes(0)?;
            frontend.send_multipart([client, delimiter, reply], 0)?;
            moved += 1;
            if moved == replies {
                return Ok(());
            }
        }
    }
}
// ANCHOR_END: stub
