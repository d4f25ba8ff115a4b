//! Model: count the reply frames sent to the frontend rather than the reply messages, so the broker stops after about a third of the replies.
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
    // Forward frame by frame, keeping the "more" flag, and count what reaches the clients.
    let mut sent = 0;
    while sent < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            loop {
                let frame = frontend.recv_msg(0)?;
                let more = frontend.get_rcvmore()?;
                backend.send(frame, if more { zmq::SNDMORE } else { 0 })?;
                if !more {
                    break;
                }
            }
        }
        if items[1].is_readable() {
            loop {
                let frame = backend.recv_msg(0)?;
                let more = backend.get_rcvmore()?;
                frontend.send(frame, if more { zmq::SNDMORE } else { 0 })?;
                sent += 1;
                if !more {
                    break;
                }
            }
        }
    }
    Ok(())
}
// ANCHOR_END: stub
