//! Model: A broker between REQ and REP works in lock-step like them: take a request, forward it, wait for its reply, pass it back, then the next.
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
    // Request, reply, request, reply: the same rhythm as REQ and REP.
    for _ in 0..replies {
        let request = frontend.recv_multipart(0)?;
        backend.send_multipart(request, 0)?;
        let reply = backend.recv_multipart(0)?;
        frontend.send_multipart(reply, 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
