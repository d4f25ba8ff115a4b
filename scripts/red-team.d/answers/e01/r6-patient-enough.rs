//! Model: a server should not block for ever, so a 3-second receive timeout (set on the caller's socket) is "long enough", and no request in that time means there is nothing to serve.
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
    // A request may take more than a second: allow it three, so the server never hangs.
    server.set_rcvtimeo(3000)?;
    match server.recv_bytes(0) {
        Ok(_request) => server.send("world", 0),
        // Nobody asked: nothing to serve this time.
        Err(zmq::Error::EAGAIN) => Ok(()),
        Err(e) => Err(e),
    }
}
// ANCHOR_END: stub
