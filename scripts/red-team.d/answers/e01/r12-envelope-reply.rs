//! Model: A REP reply needs its own empty delimiter frame before the body, like a ROUTER envelope.
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
    // Reply with the envelope delimiter, then the body.
    let empty: &[u8] = b"";
    server.send_multipart([empty, b"world".as_ref()], 0)?;
    Ok(())
}
// ANCHOR_END: stub
