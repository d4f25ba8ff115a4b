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

/// Takes a second with nothing moving for the end of the work, and returns: a worker
/// that thinks longer than that has its reply left behind.
pub fn stops_after_a_quiet_second(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut forwarded = 0;
    while forwarded < replies {
        if frontend.poll(zmq::POLLIN, 0)? == 0 && backend.poll(zmq::POLLIN, 0)? == 0 {
            let mut items = [
                frontend.as_poll_item(zmq::POLLIN),
                backend.as_poll_item(zmq::POLLIN),
            ];
            if zmq::poll(&mut items, 1000)? == 0 {
                return Ok(());
            }
        }
        forwarded += forward(frontend, backend, |frames| frames)?;
    }
    Ok(())
}

/// Moves a message before it looks at the count: asked for no reply, it waits for ever
/// for a message that never comes.
pub fn assumes_a_reply(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut forwarded = 0;
    loop {
        forwarded += forward(frontend, backend, |frames| frames)?;
        if forwarded >= replies {
            return Ok(());
        }
    }
}

/// Keeps the three frames of the envelope it expects (identity, empty, body): a request
/// of several frames loses the rest.
pub fn keeps_three_frames(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut forwarded = 0;
    while forwarded < replies {
        forwarded += forward(frontend, backend, |mut frames| {
            frames.truncate(3);
            frames
        })?;
    }
    Ok(())
}

/// Returns once the first reply has gone back, whatever `replies` says.
pub fn stops_after_the_first_reply(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    _replies: usize,
) -> zmq::Result<()> {
    while forward(frontend, backend, |frames| frames)? == 0 {}
    Ok(())
}

/// Never blocks: passes a request on with DONTWAIT, and drops one no worker can take yet.
pub fn drops_what_no_worker_takes(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut moved = 0;
    while moved < replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            let request = frontend.recv_multipart(0)?;
            match backend.send_multipart(request, zmq::DONTWAIT) {
                Ok(()) | Err(zmq::Error::EAGAIN) => {}
                Err(other) => return Err(other),
            }
        }
        if items[1].is_readable() {
            frontend.send_multipart(backend.recv_multipart(0)?, 0)?;
            moved += 1;
        }
    }
    Ok(())
}

/// Takes `replies` requests, then moves `replies` replies: a client that asks again once
/// it has its reply is never heard.
pub fn requests_then_replies(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    for _ in 0..replies {
        backend.send_multipart(frontend.recv_multipart(0)?, 0)?;
    }
    for _ in 0..replies {
        frontend.send_multipart(backend.recv_multipart(0)?, 0)?;
    }
    Ok(())
}

/// Counts every message moved, requests and replies, and stops at two a reply: with more
/// requests in flight than replies asked for, it stops before the replies are back.
pub fn two_moved_a_reply(
    frontend: &zmq::Socket,
    backend: &zmq::Socket,
    replies: usize,
) -> zmq::Result<()> {
    let mut moved = 0;
    while moved < 2 * replies {
        let mut items = [
            frontend.as_poll_item(zmq::POLLIN),
            backend.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, -1)?;
        if items[0].is_readable() {
            backend.send_multipart(frontend.recv_multipart(0)?, 0)?;
            moved += 1;
        }
        if items[1].is_readable() {
            frontend.send_multipart(backend.recv_multipart(0)?, 0)?;
            moved += 1;
        }
    }
    Ok(())
}
