//! Model: Forward frame by frame (cheaper than whole messages) and count each frame sent to the frontend as a reply moved.
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
    while moved < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            loop {
                let frame = frontend.recv_bytes(0)?;
                let more = frontend.get_rcvmore()?;
                backend.send(frame, if more { zmq::SNDMORE } else { 0 })?;
                if !more {
                    break;
                }
            }
        }
        if items[1].is_readable() {
            loop {
                let frame = backend.recv_bytes(0)?;
                let more = backend.get_rcvmore()?;
                frontend.send(frame, if more { zmq::SNDMORE } else { 0 })?;
                moved += 1;
                if !more || moved >= replies {
                    break;
                }
            }
        }
    }
    Ok(())
}
// ANCHOR_END: stub
