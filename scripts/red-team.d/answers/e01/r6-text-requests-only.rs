//! Model: a hello-world request is text, so a request that is not UTF-8 can be skipped without a reply (the REP is then stuck in its reply turn for the next call).
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
    // A hello-world request is text: decode it, and answer the ones that are text.
    match server.recv_string(0)? {
        Ok(_request) => server.send("world", 0),
        // Not text: not a hello-world request, nothing to answer.
        Err(_bytes) => Ok(()),
    }
}
// ANCHOR_END: stub
