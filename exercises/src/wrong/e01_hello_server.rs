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

/// Waits half a second for a request and, if none came, returns as if it had served one:
/// a request that takes longer is never served.
pub fn gives_up_after_half_a_second(server: &zmq::Socket) -> zmq::Result<()> {
    server.set_rcvtimeo(500)?;
    match server.recv_bytes(0) {
        Ok(_) => server.send("world", 0),
        Err(zmq::Error::EAGAIN) => Ok(()),
        Err(other) => Err(other),
    }
}

/// Answers the request, then every other request already waiting: those were for the next
/// calls.
pub fn serves_the_waiting_too(server: &zmq::Socket) -> zmq::Result<()> {
    server.recv_bytes(0)?;
    server.send("world", 0)?;
    while server.recv_bytes(zmq::DONTWAIT).is_ok() {
        server.send("world", 0)?;
    }
    Ok(())
}

/// Gives the client a moment, then takes the request with DONTWAIT: a request that comes
/// later than the moment is not there.
pub fn sleeps_then_does_not_wait(server: &zmq::Socket) -> zmq::Result<()> {
    std::thread::sleep(std::time::Duration::from_millis(100));
    server.recv_bytes(zmq::DONTWAIT)?;
    server.send("world", 0)
}

/// Binds a port of its own as well, as the zguide's server does: the socket it is given is
/// already bound where the clients are.
pub fn binds_a_port_too(server: &zmq::Socket) -> zmq::Result<()> {
    server.bind("tcp://127.0.0.1:*")?;
    server.recv_bytes(0)?;
    server.send("world", 0)
}

/// Looks with DONTWAIT and naps between looks, "so as not to spin a core": a request that
/// comes during a nap waits for its end.
pub fn naps_between_looks(server: &zmq::Socket) -> zmq::Result<()> {
    loop {
        match server.recv_bytes(zmq::DONTWAIT) {
            Ok(_) => return server.send("world", 0),
            Err(zmq::Error::EAGAIN) => {
                std::thread::sleep(std::time::Duration::from_millis(300))
            }
            Err(other) => return Err(other),
        }
    }
}

/// Waits three seconds for a request, "long enough", and returns as if served when none
/// came: a request that takes longer is never served, however long the bound.
pub fn gives_up_after_three_seconds(server: &zmq::Socket) -> zmq::Result<()> {
    let mut items = [server.as_poll_item(zmq::POLLIN)];
    if zmq::poll(&mut items, 3_000)? == 0 {
        return Ok(());
    }
    server.recv_bytes(0)?;
    server.send("world", 0)
}

/// Waits twenty seconds for a request, "generous enough", and returns as if served when
/// none came: longer than a check holds a request back, and still a bound.
pub fn gives_up_after_twenty_seconds(server: &zmq::Socket) -> zmq::Result<()> {
    if server.poll(zmq::POLLIN, 20_000)? == 0 {
        return Ok(());
    }
    server.recv_bytes(0)?;
    server.send("world", 0)
}
