//! Model: Socket options apply to the socket at any moment, so heartbeats set right after connect also guard the connection already being made (they guard only later reconnections).
//! # Exercise 14 — a subscriber that notices a dead publisher (PS7)
//!
//! Return a SUB socket subscribed to `topic` and connected to the publisher at `endpoint`
//! that notices, within `notice_within`, when the link to its publisher dies silently:
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
    // Connect and subscribe first, then turn the heartbeats on: they are options of the
    // socket, and it PINGs its publisher from then on. A PING every tenth of the budget,
    // and half of it to wait for an answer: noticed within 0.6 of the budget, and a
    // stall of a third survives.
    let budget = notice_within.as_millis() as i32;
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    subscriber.set_heartbeat_ivl((budget / 10).max(1))?;
    subscriber.set_heartbeat_timeout(budget / 2)?;
    Ok(subscriber)
}
// ANCHOR_END: stub
