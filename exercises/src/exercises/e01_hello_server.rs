//! # Exercise 1 — the hello-world server (RR1, RR6)
//!
//! `server` is a REP socket, already bound, and a client has just sent it a request. Serve that
//! one request: receive it, then answer `"world"`.
//!
//! Edit only the body of `serve_one`. Check with `cargo run -- exercises`.

// ANCHOR: stub
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    // TODO: receive the request, then send "world" back.
    todo!()
}
// ANCHOR_END: stub
