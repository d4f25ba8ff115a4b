//! # Exercise 13 — a client that asks again (RR6, RR4)
//!
//! Ask `request` of the server at `endpoint` and return its reply, as the zguide's "Lazy
//! Pirate" client does. A reply may never come: the server died, or the link lost it. A
//! plain REQ socket still waiting for its reply may not ask again (RR6); a fresh one may,
//! and connects to whatever server is there by then (RR4). So: wait up to `timeout` for
//! the reply; if none comes, close that socket and ask again on a fresh one. After `tries`
//! tries without a reply (`tries` may be 0), give up and return `Ok(None)`.
//!
//! Each try waits `timeout`, no less; a reply that comes is returned at once. The server
//! may start late, or not be running at all: the context must still be able to close
//! afterwards.
//!
//! Edit only the body of `ask_reliably`. Check with `cargo run -- exercises check 13`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: a late reply to an earlier try is still a reply, so the old sockets are kept open (and their requests pending) until the function returns

use std::time::Duration;

pub fn ask_reliably(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    let mut sockets: Vec<zmq::Socket> = Vec::new();
    for _ in 0..tries {
        let client = context.socket(zmq::REQ)?;
        client.set_linger(0)?;
        client.connect(endpoint)?;
        client.send(request, 0)?;
        sockets.push(client);
        let mut items: Vec<zmq::PollItem> =
            sockets.iter().map(|s| s.as_poll_item(zmq::POLLIN)).collect();
        zmq::poll(&mut items, timeout.as_millis() as i64)?;
        let ready = items.iter().position(|item| item.is_readable());
        drop(items);
        if let Some(i) = ready {
            return Ok(Some(sockets[i].recv_bytes(0)?));
        }
    }
    Ok(None)
}
