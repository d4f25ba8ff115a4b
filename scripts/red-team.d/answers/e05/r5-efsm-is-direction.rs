//! Model: A REP cannot send and a REQ cannot receive on a fresh socket (they fail at first), so REP counts as receive-only and REQ as send-only, mistaking RR6's EFSM for G2's ENOTSUP.
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
    // A REP that sends before it receives fails: it is the answering side, the REQ asks.
    matches!(kind, zmq::REQ | zmq::PUB | zmq::PUSH)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    // A REQ that receives before it sends fails: it is the asking side.
    matches!(kind, zmq::REP | zmq::SUB | zmq::PULL)
}
// ANCHOR_END: stub
