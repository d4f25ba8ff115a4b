//! Model: a reply to an earlier try is as good as one to the latest, so keep the old REQ sockets open and poll them all (a late reply to a socket that should be closed is accepted).
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
    // Every socket that asked may still be answered: listen on all of them.
    let mut asked: Vec<zmq::Socket> = Vec::new();
    for _ in 0..tries {
        let socket = context.socket(zmq::REQ)?;
        socket.set_linger(0)?;
        socket.connect(endpoint)?;
        socket.send(request, 0)?;
        asked.push(socket);

        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let mut items: Vec<zmq::PollItem> =
                asked.iter().map(|s| s.as_poll_item(zmq::POLLIN)).collect();
            if zmq::poll(&mut items, left.as_millis() as i64)? == 0 {
                break;
            }
            let ready: Vec<usize> = (0..items.len()).filter(|&i| items[i].is_readable()).collect();
            drop(items);
            if let Some(&i) = ready.first() {
                return Ok(Some(asked[i].recv_bytes(0)?));
            }
        }
    }
    Ok(None)
}
// ANCHOR_END: stub
