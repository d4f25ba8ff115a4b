//! Model: PUSH/PULL are named from the other side (you push work into a PUSH socket, a PULL socket pulls work to its peers), so PUSH receives and PULL sends.
//! # Exercise 5 — which way does it go? (G1, G2)
//!
//! Each pattern is a pair of socket types, and two of the patterns are one-way. For each
//! socket type below, say whether `send` works on it (`can_send`) and whether `recv`
//! works on it (`can_receive`). The check asks libzmq itself.
//!
//! Edit only the bodies. Check with `cargo run -- exercises check 5`, or `cargo run --
//! exercises watch` to check on every save.

// ANCHOR: stub
/// For REQ, REP, PUB, SUB, PUSH and PULL.
pub fn can_send(kind: zmq::SocketType) -> bool {
    // REQ and REP both ways; PUB publishes; PULL hands the pulled work to its peers.
    matches!(kind, zmq::REQ | zmq::REP | zmq::PUB | zmq::PULL)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    // REQ and REP both ways; SUB subscribes; work is pushed into a PUSH socket.
    matches!(kind, zmq::REQ | zmq::REP | zmq::SUB | zmq::PUSH)
}
// ANCHOR_END: stub
