//! The general claims: three patterns (G1), two of them one-way (G2).

pub mod g1;
pub mod g2;

use super::Claim;

pub static CLAIMS: [&Claim; 2] = [&g1::CLAIM, &g2::CLAIM];

/// A socket type's name as the book writes it.
pub fn name(kind: zmq::SocketType) -> &'static str {
    match kind {
        zmq::PAIR => "PAIR",
        zmq::PUB => "PUB",
        zmq::SUB => "SUB",
        zmq::REQ => "REQ",
        zmq::REP => "REP",
        zmq::DEALER => "DEALER",
        zmq::ROUTER => "ROUTER",
        zmq::PULL => "PULL",
        zmq::PUSH => "PUSH",
        zmq::XPUB => "XPUB",
        zmq::XSUB => "XSUB",
        zmq::STREAM => "STREAM",
    }
}
