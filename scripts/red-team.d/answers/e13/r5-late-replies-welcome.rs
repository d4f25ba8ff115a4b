//! Model: A reply to an earlier try is still the answer to the same request, so keeping the earlier sockets open and taking a late reply from any of them is more reliable.
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
    use std::time::Instant;
    // Every try gets a fresh REQ (the old one is stuck waiting, RR6), but a reply
    // that is merely late is still a good reply: keep listening on every socket we
    // asked on, and take the first reply from any of them.
    let mut sockets: Vec<zmq::Socket> = Vec::new();
    for _ in 0..tries {
        let socket = context.socket(zmq::REQ)?;
        socket.set_linger(0)?;
        socket.connect(endpoint)?;
        socket.send(request, 0)?;
        sockets.push(socket);

        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let mut items: Vec<zmq::PollItem> = sockets
                .iter()
                .map(|socket| socket.as_poll_item(zmq::POLLIN))
                .collect();
            zmq::poll(&mut items, left.as_millis() as i64)?;
            if let Some(ready) = items.iter().position(|item| item.is_readable()) {
                drop(items);
                return Ok(Some(sockets[ready].recv_bytes(0)?));
            }
            if left.is_zero() {
                break;
            }
        }
    }
    Ok(None)
}
// ANCHOR_END: stub
