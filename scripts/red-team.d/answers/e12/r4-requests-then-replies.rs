//! Model: As each reply answers one request, forwarding `replies` requests and then `replies` replies moves the whole exchange (a client that asks again after its reply is never heard).
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
    // Every reply answers one request. So take `replies` requests from the clients and
    // hand them all to the workers (many in flight at once: no request waits for another's
    // reply), then carry the `replies` replies back. Whole messages, every frame.
    for _ in 0..replies {
        let request = frontend.recv_multipart(0)?;
        backend.send_multipart(request, 0)?;
    }
    for _ in 0..replies {
        let reply = backend.recv_multipart(0)?;
        frontend.send_multipart(reply, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
