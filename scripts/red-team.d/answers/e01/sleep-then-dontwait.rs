//! # Exercise 1 — the hello-world server (RR1, RR6)
//!
//! `server` is a REP socket, already bound, and a client is sending it a request (it may
//! arrive a moment after your function starts). Serve that one request: receive it,
//! answer `"world"`, and return. Other clients may be waiting: their requests are for the
//! next call.
//!
//! Edit only the body of `serve_one`. Check with `cargo run -- exercises check 1`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: the request is surely there after a short pause, so take it without waiting

// ANCHOR: stub
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    // Give the client a moment to send its request, then take it.
    std::thread::sleep(std::time::Duration::from_millis(100));
    server.recv_bytes(zmq::DONTWAIT)?;
    server.send("world", 0)
}
// ANCHOR_END: stub
