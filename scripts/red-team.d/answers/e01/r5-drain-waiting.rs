//! Model: Clients already waiting should not be kept waiting, so after the one blocking request the server also answers every request already queued (with DONTWAIT) before returning.
//! # Exercise 1 — the hello-world server (RR1, RR6)
//!
//! `server` is a REP socket, already bound where its clients are, and clients are sending
//! it requests: some may be waiting already, or the first may take a while to come (a
//! moment, or more than a second). Serve one request: wait for it however long it takes,
//! receive it, answer `"world"` at once, and return. The other clients' requests are for
//! the next calls.
//!
//! Edit only the body of `serve_one`. Check with `cargo run -- exercises check 1`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    // Wait for the first request, however long it takes.
    server.recv_bytes(0)?;
    server.send("world", 0)?;
    // Be fair to the clients that are already waiting: answer them too, without blocking.
    loop {
        match server.recv_bytes(zmq::DONTWAIT) {
            Ok(_) => server.send("world", 0)?,
            Err(zmq::Error::EAGAIN) => return Ok(()),
            Err(e) => return Err(e),
        }
    }
}
// ANCHOR_END: stub
