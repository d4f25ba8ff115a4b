//! Model: only PUB/SUB is one-way; a pipeline worker both pulls and pushes and the pipeline buffers, so PUSH and PULL can each send and receive.
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
    // Only SUB is deaf to sending: PUB/SUB is the one-way pattern ("no queue, no cache").
    !matches!(kind, zmq::SUB)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    // Only PUB cannot receive; a pipeline has a buffer both ways.
    !matches!(kind, zmq::PUB)
}
// ANCHOR_END: stub
