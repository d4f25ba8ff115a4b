//! Model: waiting "however long it takes" can be a DONTWAIT look every few hundred milliseconds with a nap in between, since a request that comes during the nap is answered on the next look.
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
    // Look for a request without blocking the thread, and nap between looks so that the
    // loop does not spin a core while no client is there.
    let _request = loop {
        match server.recv_bytes(zmq::DONTWAIT) {
            Ok(request) => break request,
            Err(zmq::Error::EAGAIN) => std::thread::sleep(std::time::Duration::from_millis(300)),
            Err(e) => return Err(e),
        }
    };
    server.send("world", 0)
}
// ANCHOR_END: stub
