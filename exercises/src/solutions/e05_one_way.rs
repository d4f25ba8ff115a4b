//! Solution to exercise 5.

// ANCHOR: solution
pub fn can_send(kind: zmq::SocketType) -> bool {
    // SUB and PULL only receive (G2).
    !matches!(kind, zmq::SUB | zmq::PULL)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    // PUB and PUSH only send (G2).
    !matches!(kind, zmq::PUB | zmq::PUSH)
}
// ANCHOR_END: solution
