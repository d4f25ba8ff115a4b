//! Model: a server copied from the zguide's hwserver, which "does some work" (sleeps a second) before it replies, is still answering "at once".
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
    // Wait for the next request, however long it takes.
    let _request = server.recv_bytes(0)?;
    // Do some 'work', as the guide's hello-world server does.
    std::thread::sleep(std::time::Duration::from_millis(1000));
    // Send the reply back to the client.
    server.send("world", 0)?;
    Ok(())
}
// ANCHOR_END: stub
