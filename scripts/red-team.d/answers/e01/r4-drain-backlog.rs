//! Model: clients that are already queued should not have to wait for another call, so after the request it waits for, serve_one also answers every request that is waiting at that moment.
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
    // The one request we wait for, however long it takes.
    server.recv_bytes(0)?;
    server.send("world", 0)?;
    // Clients that are already waiting get their answer now too: no need to wait for
    // the next call when their request is right there (poll with 0 never blocks).
    while server.poll(zmq::POLLIN, 0)? > 0 {
        server.recv_bytes(0)?;
        server.send("world", 0)?;
    }
    Ok(())
}
// ANCHOR_END: stub
