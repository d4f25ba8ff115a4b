//! Model: REQ/REP is one-way in each role: REQ is the one that sends, REP the one that receives, as with PUSH/PULL.
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
    // The requester and the pusher and the publisher start things.
    matches!(kind, zmq::REQ | zmq::PUB | zmq::PUSH)
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    // The replier, the subscriber and the puller take things in.
    matches!(kind, zmq::REP | zmq::SUB | zmq::PULL)
}
// ANCHOR_END: stub
