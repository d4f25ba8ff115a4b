//! Model: ask libzmq like the check does: a send or recv on a fresh socket works unless it fails with something other than EAGAIN, which counts the EFSM of a REP that sends first and a REQ that receives first as not working.
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
    // Ask libzmq: try it on a fresh socket with no peer. EAGAIN only means nobody is there
    // yet (sending itself is allowed); any other error means libzmq refuses it.
    let context = zmq::Context::new();
    let Ok(socket) = context.socket(kind) else {
        return false;
    };
    let _ = socket.set_linger(0);
    matches!(socket.send("probe", zmq::DONTWAIT), Ok(()) | Err(zmq::Error::EAGAIN))
}

pub fn can_receive(kind: zmq::SocketType) -> bool {
    // The same question for recv.
    let context = zmq::Context::new();
    let Ok(socket) = context.socket(kind) else {
        return false;
    };
    let _ = socket.set_linger(0);
    matches!(socket.recv_bytes(zmq::DONTWAIT), Ok(_) | Err(zmq::Error::EAGAIN))
}
// ANCHOR_END: stub
