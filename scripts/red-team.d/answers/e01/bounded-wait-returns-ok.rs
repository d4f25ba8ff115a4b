//! # Exercise 1 — the hello-world server (RR1, RR6)
//!
//! `server` is a REP socket, already bound, and a client is sending it a request (it may
//! arrive a moment after your function starts). Serve that one request: receive it,
//! answer `"world"`, and return. Other clients may be waiting: their requests are for the
//! next call.
//!
//! Edit only the body of `serve_one`. Check with `cargo run -- exercises check 1`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: a server should not hang: if no request comes within half a second there is nothing to serve, so return Ok

// ANCHOR: stub
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    server.set_rcvtimeo(500)?;
    match server.recv_bytes(0) {
        Ok(_) => server.send("world", 0),
        // Nobody asked: nothing to serve.
        Err(zmq::Error::EAGAIN) => Ok(()),
        Err(other) => Err(other),
    }
}
// ANCHOR_END: stub
