//! Model: a fresh socket per try, but the earlier tries' sockets stay open and are polled too, so a late reply to an earlier try is still taken.
//! # Exercise 13 — a client that asks again (RR6, RR4)
//!
//! Ask `request` of the server at `endpoint` and return its reply, as the zguide's "Lazy
//! Pirate" client does. A reply may never come: the server died, or the link lost it. A
//! plain REQ socket still waiting for its reply may not ask again (RR6); a fresh one may,
//! and connects to whatever server is there by then (RR4). So: wait up to `timeout` for
//! the reply; if none comes, close that socket (a reply that comes to it later is lost with
//! it) and ask again on a fresh one. After `tries` tries without a reply (`tries` may be
//! 0), give up and return `Ok(None)`.
//!
//! Each try waits `timeout`, no less; a reply that comes is returned at once. The server
//! may start late, or not be running at all: the context must still be able to close
//! afterwards.
//!
//! Edit only the body of `ask_reliably`. Check with `cargo run -- exercises check 13`, or
//! `cargo run -- exercises watch` to check on every save.

use std::time::Duration;

// ANCHOR: stub
pub fn ask_reliably(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    let millis = timeout.as_millis().min(i64::MAX as u128) as i64;
    // Keep every try's socket: a slow server's answer to an earlier try is still an answer.
    let mut sockets: Vec<zmq::Socket> = Vec::new();
    for _ in 0..tries {
        let socket = context.socket(zmq::REQ)?;
        socket.set_linger(0)?;
        socket.connect(endpoint)?;
        socket.send(request, 0)?;
        sockets.push(socket);

        let start = std::time::Instant::now();
        loop {
            let left = millis - start.elapsed().as_millis() as i64;
            if left <= 0 {
                break;
            }
            let mut items: Vec<zmq::PollItem> =
                sockets.iter().map(|s| s.as_poll_item(zmq::POLLIN)).collect();
            zmq::poll(&mut items, left)?;
            if let Some(i) = items.iter().position(|item| item.is_readable()) {
                drop(items);
                return Ok(Some(sockets[i].recv_bytes(0)?));
            }
        }
    }
    Ok(None)
}
// ANCHOR_END: stub
