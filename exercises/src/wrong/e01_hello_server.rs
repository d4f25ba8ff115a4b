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
