//! Wrong answers to exercise 1 that the check must reject.

/// Answers before it has been asked: REP refuses with EFSM.
pub fn replies_first(server: &zmq::Socket) -> zmq::Result<()> {
    server.send("world", 0)?;
    server.recv_bytes(0).map(drop)
}

/// Echoes the request instead of answering "world".
pub fn echoes(server: &zmq::Socket) -> zmq::Result<()> {
    let request = server.recv_bytes(0)?;
    server.send(request, 0)
}

/// Serves requests until a receive fails: with a receive timeout set by someone else it
/// seems to work; in a real server it never returns.
pub fn serves_in_a_loop(server: &zmq::Socket) -> zmq::Result<()> {
    while server.recv_bytes(0).is_ok() {
        server.send("world", 0)?;
    }
    Ok(())
}

/// Takes the request with DONTWAIT: fine if it is already there, EAGAIN if it comes a
/// moment later.
pub fn does_not_wait(server: &zmq::Socket) -> zmq::Result<()> {
    server.recv_bytes(zmq::DONTWAIT)?;
    server.send("world", 0)
}
