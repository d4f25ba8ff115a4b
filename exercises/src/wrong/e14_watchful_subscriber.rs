//! Wrong answers to exercise 14 that the check must reject.

use std::time::Duration;

fn millis(duration: Duration) -> i32 {
    duration.as_millis() as i32
}

/// A SUB with heartbeats of `interval` and `timeout` (in ms), subscribed and connected.
fn subscriber(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    interval: i32,
    timeout: i32,
) -> zmq::Result<zmq::Socket> {
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_heartbeat_ivl(interval)?;
    subscriber.set_heartbeat_timeout(timeout)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// No heartbeats: a dead link is never noticed.
pub fn no_heartbeats(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    _notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// A TTL alone: it asks the publisher to time out, but the subscriber sends no PING, so
/// the TTL never even reaches the publisher, and the subscriber never notices.
pub fn ttl_only(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_heartbeat_ttl(millis(notice_within))?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// The interval `notice_within` and the timeout twice that: noticed two to three times
/// too late.
pub fn too_long(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let within = millis(notice_within);
    subscriber(context, endpoint, topic, within, 2 * within)
}

/// Asks the publisher for a TTL of a third of `notice_within` (100 ms, as libzmq rounds it
/// down to tenths of a second), shorter than the interval of half of it: an idle
/// subscriber says nothing between two PINGs, and the publisher drops a healthy link.
pub fn ttl_below_the_interval(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let within = millis(notice_within);
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_heartbeat_ivl(within / 2)?;
    subscriber.set_heartbeat_timeout(within / 2)?;
    subscriber.set_heartbeat_ttl(within / 3)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// Heartbeats right, but no subscription: receives nothing (PS3).
pub fn forgot_to_subscribe(
    context: &zmq::Context,
    endpoint: &str,
    _topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let within = millis(notice_within);
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_heartbeat_ivl(within / 5)?;
    subscriber.set_heartbeat_timeout(within * 3 / 5)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// Heartbeats set after connecting: the connection keeps the options it was made with.
pub fn heartbeats_after_connecting(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let within = millis(notice_within);
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    subscriber.set_heartbeat_ivl(within / 5)?;
    subscriber.set_heartbeat_timeout(within * 3 / 5)?;
    Ok(subscriber)
}

/// Heartbeats fixed for the second of `notice_within` it once saw: too slow for less.
pub fn fixed_for_a_second(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    _notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    subscriber(context, endpoint, topic, 200, 750)
}

/// PINGs often and gives the answer the whole budget: a link that falls silent just after
/// a PING is noticed only TIMEOUT + IVL later, past the budget.
pub fn timeout_is_the_whole_budget(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let within = millis(notice_within);
    subscriber(context, endpoint, topic, within / 10, within)
}

/// "The sooner the better": PINGs and times out at a twentieth of the budget, and drops a
/// healthy link that stalls for a moment.
pub fn hair_trigger(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let tick = (millis(notice_within) / 20).max(1);
    subscriber(context, endpoint, topic, tick, tick)
}

/// Sets the heartbeat timeout and no interval: without an interval the socket never
/// PINGs, and the timeout never runs.
pub fn timeout_without_an_interval(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_heartbeat_timeout(millis(notice_within) / 2)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// Sets a TTL where the timeout belongs: the TTL is the publisher's timeout, and the
/// subscriber's own is then its interval, a fifth of the budget, which a stall of up to a
/// third outlasts.
pub fn ttl_instead_of_timeout(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let within = millis(notice_within);
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_heartbeat_ivl(within / 5)?;
    subscriber.set_heartbeat_ttl(within * 3 / 5)?;
    subscriber.set_subscribe(topic)?;
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// Leaves the empty topic unsubscribed, "no filter needs no subscription": a SUB that
/// never subscribes receives nothing (PS3).
pub fn empty_topic_left_unsubscribed(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let within = millis(notice_within);
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_heartbeat_ivl(within / 5)?;
    subscriber.set_heartbeat_timeout(within * 3 / 5)?;
    if !topic.is_empty() {
        subscriber.set_subscribe(topic)?;
    }
    subscriber.connect(endpoint)?;
    Ok(subscriber)
}

/// Rounds the heartbeat times down to whole tenths of a second, as the TTL is: under
/// 400 ms of budget the interval is 0, and heartbeats are off.
pub fn whole_tenths(
    context: &zmq::Context,
    endpoint: &str,
    topic: &[u8],
    notice_within: Duration,
) -> zmq::Result<zmq::Socket> {
    let tenths = |span: Duration| (span.as_millis() / 100 * 100) as i32;
    subscriber(
        context,
        endpoint,
        topic,
        tenths(notice_within / 4),
        tenths(notice_within / 2),
    )
}
