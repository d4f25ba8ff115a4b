//! Model: A request is text, so reading it as a string and refusing bytes that are not UTF-8 is fine.
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
    // The request should be "hello": read it as text.
    let request = server.recv_string(0)?.map_err(|_| zmq::Error::EPROTO)?;
    let _ = request;
    server.send("world", 0)?;
    Ok(())
}
// ANCHOR_END: stub
