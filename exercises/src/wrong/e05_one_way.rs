//! Wrong answers to exercise 5 that the check must reject.

/// Thinks every socket goes both ways.
pub fn both_ways(_kind: zmq::SocketType) -> bool {
    true
}

/// Thinks a SUB can send (it only sends its subscriptions, never messages).
pub fn sub_sends(kind: zmq::SocketType) -> bool {
    kind != zmq::PULL
}
