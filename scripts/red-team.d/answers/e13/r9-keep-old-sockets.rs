//! Model: A late reply to an earlier try is as good as any, so the earlier sockets stay open and are polled too — but a reply that comes to a thrown-away try must be lost, and only the try under way may be answered.
//! # Exercise 13 — a client that asks again (RR6, RR4)
//!
//! Ask `request` of the server at `endpoint` and return its reply (any bytes, an empty
//! reply too), as the zguide's "Lazy Pirate" client does. A reply may never come: the server died, or the link lost it. A
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
    // Keep the earlier tries' sockets open: a slow reply to an earlier try is still a
    // reply to the same request, so take whichever comes first.
    let mut sockets: Vec<zmq::Socket> = Vec::new();
    for _ in 0..tries {
        let socket = context.socket(zmq::REQ)?;
        socket.set_linger(0)?;
        socket.connect(endpoint)?;
        socket.send(request, 0)?;
        sockets.push(socket);

        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            let mut items: Vec<zmq::PollItem> =
                sockets.iter().map(|s| s.as_poll_item(zmq::POLLIN)).collect();
            let ready = zmq::poll(&mut items, left.as_millis().max(1) as i64)?;
            if ready == 0 {
                continue;
            }
            let hit = items.iter().position(|i| i.is_readable());
            drop(items);
            if let Some(i) = hit {
                return Ok(Some(sockets[i].recv_bytes(0)?));
            }
        }
    }
    Ok(None)
}
// ANCHOR_END: stub
