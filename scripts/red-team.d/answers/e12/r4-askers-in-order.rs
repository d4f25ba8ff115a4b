//! Model: Replies come back through the DEALER in the order the requests went out, so the broker keeps the client identities in a FIFO instead of passing them through (a quick worker's reply goes to a slow worker's client).
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
    // The workers need not see who asked: keep the askers in order, and give each reply
    // to the oldest asker still waiting (the DEALER hands out the requests in order, and
    // the answers come back in order).
    let mut askers = std::collections::VecDeque::new();
    let mut moved = 0;
    while moved < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let mut request = frontend.recv_multipart(0)?;
            askers.push_back(request.remove(0)); // the ROUTER's first frame: the client
            backend.send_multipart(request, 0)?; // the envelope's empty frame and the body
        }
        if items[1].is_readable() {
            let reply = backend.recv_multipart(0)?;
            let asker = askers.pop_front().unwrap_or_default();
            frontend.send_multipart(std::iter::once(asker).chain(reply), 0)?;
            moved += 1;
        }
    }
    Ok(())
}
// ANCHOR_END: stub
