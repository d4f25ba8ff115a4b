//! Model: Serving one request then also answering any other requests already waiting (without blocking) is harmless extra help.
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
    server.recv_bytes(0)?;
    server.send("world", 0)?;
    // Be helpful: answer whatever else is already queued, without waiting for more.
    loop {
        match server.recv_bytes(zmq::DONTWAIT) {
            Ok(_) => server.send("world", 0)?,
            Err(zmq::Error::EAGAIN) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
// ANCHOR_END: stub
