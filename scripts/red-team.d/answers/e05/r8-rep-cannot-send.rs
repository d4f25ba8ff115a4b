//! Model: send works only on a socket that may speak first, so REP (which must receive first) cannot send and REQ cannot receive.
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
    // The talkers: a REQ asks first, a PUB publishes, a PUSH pushes.
    matches!(kind, zmq::REQ | zmq::PUB | zmq::PUSH)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    // The listeners: a REP waits for a question, a SUB and a PULL wait for messages.
    matches!(kind, zmq::REP | zmq::SUB | zmq::PULL)
}
// ANCHOR_END: stub
