//! The article's claims on a second implementation: zmq.rs (the pure-Rust `zeromq`
//! crate), alone and against libzmq, over tcp and ipc.

pub mod claims;
pub mod end;
pub mod matrix;
