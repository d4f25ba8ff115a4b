//! Model: a hello-world request is text, so a request whose bytes are not UTF-8 is a bad request and gets an error reply instead of "world".
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
    // REP must answer whatever comes (RR6), but only a text request is one we understand:
    // tell the client when it sent something else.
    let reply = match server.recv_string(0)? {
        Ok(_hello) => "world",
        Err(_not_text) => "error: request is not text",
    };
    server.send(reply, 0)
}
// ANCHOR_END: stub
