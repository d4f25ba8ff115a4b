//! Model: Once awake, a server should also answer every request already queued, so clients waiting now are not kept waiting for the next call.
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
    let _request = server.recv_bytes(0)?;
    server.send("world", 0)?;
    // Clients already waiting should not have to wait for the next call: serve them too.
    while server.poll(zmq::POLLIN, 0)? > 0 {
        let _request = server.recv_bytes(0)?;
        server.send("world", 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
