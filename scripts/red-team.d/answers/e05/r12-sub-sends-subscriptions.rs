//! Model: A SUB sends its subscriptions upstream to the PUB, so send works on SUB.
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
    // Subscriptions travel from SUB to PUB, so SUB sends too.
    matches!(kind, zmq::REQ | zmq::REP | zmq::PUB | zmq::SUB | zmq::PUSH)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    matches!(kind, zmq::REQ | zmq::REP | zmq::SUB | zmq::PULL)
}
// ANCHOR_END: stub
