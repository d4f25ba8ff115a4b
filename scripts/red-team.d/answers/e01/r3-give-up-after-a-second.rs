//! Model: A server should not block its caller for ever, so waiting about a second for a client and returning without serving is fine.
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
    // Wait for a client, but do not hang the caller for ever: a second is plenty.
    if server.poll(zmq::POLLIN, 1000)? == 0 {
        return Ok(());
    }
    let _request = server.recv_bytes(0)?;
    server.send("world", 0)?;
    Ok(())
}
// ANCHOR_END: stub
