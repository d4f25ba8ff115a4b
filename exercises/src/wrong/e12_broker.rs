//! Wrong answers to exercise 12 that the check must reject.

/// Forwards whatever is readable on either side; returns the number of replies moved.
fn forward(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    keep: fn(Vec<Vec<u8>>) -> Vec<Vec<u8>>,
) -> zmq::Result<usize> {
    let mut items = [
        frontend.as_poll_item(zmq::POLLIN),
        backend.as_poll_item(zmq::POLLIN),
    ];
    zmq::poll(&mut items, -1)?;
    let mut replies = 0;
    if items[0].is_readable() {
        backend.send_multipart(keep(frontend.recv_multipart(0)?), 0)?;
    }
    if items[1].is_readable() {
        frontend.send_multipart(keep(backend.recv_multipart(0)?), 0)?;
        replies += 1;
    }
    Ok(replies)
}

/// Forwards only the last frame (the text): the ROUTER no longer knows whom a reply is
/// for.
pub fn last_frame_only(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut forwarded = 0;
    while forwarded < replies {
        forwarded += forward(frontend, backend, |mut frames| {
            frames.drain(..frames.len().saturating_sub(1));
            frames
        })?;
    }
    Ok(())
}

/// A proxy that runs for ever, as `zmq::proxy` does: it cannot be asked to stop.
pub fn never_returns(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    _replies: usize,
) -> zmq::Result<()> {
    loop {
        forward(frontend, backend, |frames| frames)?;
    }
}

/// Returns at once: "the sockets are set up, so the broker is done".
pub fn returns_at_once(
    _frontend: &zmq::Socket,
    _backend: &zmq::Socket,
    _replies: usize,
) -> zmq::Result<()> {
    Ok(())
}

/// Counts the requests instead of the replies: stops before the last replies are back.
pub fn counts_requests(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut requests = 0;
    while requests < replies {
        frontend.poll(zmq::POLLIN, -1)?;
        backend.send_multipart(frontend.recv_multipart(0)?, 0)?;
        requests += 1;
        while backend.poll(zmq::POLLIN, 0)? > 0 {
            frontend.send_multipart(backend.recv_multipart(0)?, 0)?;
        }
    }
    Ok(())
}

/// Forwards one request, then waits for its reply before taking the next: one at a time.
pub fn one_request_at_a_time(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    for _ in 0..replies {
        backend.send_multipart(frontend.recv_multipart(0)?, 0)?;
        frontend.send_multipart(backend.recv_multipart(0)?, 0)?;
    }
    Ok(())
}
