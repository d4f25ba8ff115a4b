//! # Exercise 1 — the hello-world server (RR1, RR6)
//!
//! `server` is a REP socket, already bound, and a client is sending it a request (it may
//! arrive a moment after your function starts). Serve that one request: receive it,
//! answer `"world"`, and return. Other clients may be waiting: their requests are for the
//! next call.
//!
//! Edit only the body of `serve_one`. Check with `cargo run -- exercises check 1`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: after the first request, also answer any request already waiting, to be efficient

// ANCHOR: stub
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    server.recv_bytes(0)?;
    server.send("world", 0)?;
    // Serve whoever else is already queued, so they do not wait for the next call.
    while server.recv_bytes(zmq::DONTWAIT).is_ok() {
        server.send("world", 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
