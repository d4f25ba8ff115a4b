//! Solution to exercise 1.

// ANCHOR: solution
pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()> {
    // A REP socket must receive before it may send (RR6).
    server.recv_bytes(0)?;
    server.send("world", 0)
}
// ANCHOR_END: solution
