//! Solution to exercise 14.

use std::time::Duration;

// ANCHOR: solution
pub fn watchful_subscriber(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let subscriber = context.socket(zmq::SUB)?;
    // Heartbeats before connecting: a connection keeps the options it was made with.
    // A silent link is noticed between TIMEOUT and TIMEOUT + IVL after it fell silent. A
    // short interval leaves the most to the timeout, which a pause of the link (or of a
    // busy machine) must not outlast; a fifth is left over for such pauses.
    let within = notice_within.as_millis() as i32;
    subscriber.set_heartbeat_ivl(within / 5)?;
    subscriber.set_heartbeat_timeout(within * 3 / 5)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}
// ANCHOR_END: solution
