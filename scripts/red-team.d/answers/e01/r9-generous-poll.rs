//! Model: Waiting 'however long it takes' is safely covered by a poll of a generous 20 seconds; after that no client is coming and returning is fine.
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
    // Wait generously for a client; if none comes in 20 s there is nothing to serve.
    if server.poll(zmq::POLLIN, 20_000)? == 0 {
        return Ok(());
    }
    let _request = server.recv_bytes(0)?;
    server.send("world", 0)?;
    Ok(())
}
// ANCHOR_END: stub
