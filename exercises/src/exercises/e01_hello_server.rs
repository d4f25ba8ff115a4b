//! # Exercise 1 — the hello-world server (RR1, RR6)
//!
//! `server` is a REP socket, already bound, and a client is sending it a request (it may
//! arrive a moment after your function starts). Serve that one request: receive it,
//! answer `"world"`, and return. Other clients may be waiting: their requests are for the
//! next call.
//!
//! Edit only the body of `serve_one`. Check with `cargo run -- exercises check 1`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    // TODO: receive the request, then send "world" back.
    todo!()
}
// ANCHOR_END: stub
