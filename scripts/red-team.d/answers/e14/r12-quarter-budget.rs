//! Model: Split the budget into equal quarters for interval and timeout so detection is comfortably within notice_within.
//! # Exercise 14 — a subscriber that notices a dead publisher (PS7)
//!
//! Return a SUB socket subscribed to `topic` (which may be empty: everything, still a
//! subscription) and connected to the publisher at `endpoint` that notices, within
//! `notice_within`, when the link to its publisher dies silently:
//! the publisher's host is gone or a cable is cut, and no end of stream, no reset ever
//! comes. A SUB only sends its subscriptions; without a word of its own on the link it
//! would wait on a dead connection for ever, and never connect again when the publisher
//! comes back (PS7). Once it notices, its monitor says DISCONNECTED and it connects anew.
//!
//! A healthy link must survive, though: one that carries nothing for a while is not dead,
//! nor one that stalls for a moment (up to a third of `notice_within`: a busy machine, a
//! congested network). And when the publisher is back, the subscriber receives again.
//!
//! Edit only the body of `watchful_subscriber`. Check with `cargo run -- exercises check
//! 14`, or `cargo run -- exercises watch` to check on every save.

use std::time::Duration;

// ANCHOR: stub
pub fn watchful_subscriber(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let budget = notice_within.as_millis() as i32;
    let socket = context.socket(zmq::SUB)?;
    socket.set_heartbeat_ivl(budget / 4)?;
    socket.set_heartbeat_timeout(budget / 4)?;
    socket.set_subscribe(topic)?;
    socket.connect(endpoint)?;
    Ok(socket)
}
// ANCHOR_END: stub
