//! Model: Requests to a hello-world server are text, so a request that is not UTF-8 is an error to pass on rather than a request to answer.
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
    let request = server.recv_string(0)?;
    if request.is_err() {
        // Not a text request: not something a hello-world server answers.
        return Err(zmq::Error::EPROTO);
    }
    server.send("world", 0)?;
    Ok(())
}
// ANCHOR_END: stub
