//! Model: Only PUB/SUB is one-way ('no queue, no way back'); PUSH/PULL has a buffer and a connection both ways, so both ends can send and receive.
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
    // Broadcast is one-way; a pipeline keeps a two-way connection with a buffer.
    !matches!(kind, zmq::SUB)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    !matches!(kind, zmq::PUB)
}
// ANCHOR_END: stub
