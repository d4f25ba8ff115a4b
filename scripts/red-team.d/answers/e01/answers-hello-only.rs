//! # Exercise 1 — the hello-world server (RR1, RR6)
//!
//! `server` is a REP socket, already bound, and a client is sending it a request (it may
//! arrive a moment after your function starts). Serve that one request: receive it,
//! answer `"world"`, and return. Other clients may be waiting: their requests are for the
//! next call.
//!
//! Edit only the body of `serve_one`. Check with `cargo run -- exercises check 1`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: the protocol is hello -> world; any other request is echoed back

// ANCHOR: stub
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    let request = server.recv_bytes(0)?;
    if request == b"hello" {
        server.send("world", 0)
    } else {
        server.send(request, 0)
    }
}
// ANCHOR_END: stub
