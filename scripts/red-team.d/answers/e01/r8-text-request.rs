//! Model: a request is text, so one that is not UTF-8 is a bad request to refuse with an error rather than answer.
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
    // The request is a greeting; a request that is not text is not a greeting.
    match server.recv_string(0)? {
        Ok(_hello) => server.send("world", 0),
        Err(_not_text) => Err(zmq::Error::EPROTO),
    }
}
// ANCHOR_END: stub
