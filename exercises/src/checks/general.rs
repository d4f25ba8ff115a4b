//! The check of exercise 5: which socket types send, and which receive.

use super::harness::{Check, Scene};
use super::values::Values;

pub fn one_way(
    can_send: fn(zmq::SocketType) -> bool,
    can_receive: fn(zmq::SocketType) -> bool,
) -> Check {
    let mut values = Values::for_exercise(5);
    let scene = Scene::new();
    let mut kinds = [zmq::REQ, zmq::REP, zmq::PUB, zmq::SUB, zmq::PUSH, zmq::PULL];
    values.shuffle(&mut kinds);
    for kind in kinds {
        // ENOTSUP is libzmq's "this socket type cannot": anything else (EAGAIN, EFSM)
        // means it can.
        let sends =
            scene.socket(kind)?.send("x", zmq::DONTWAIT) != Err(zmq::Error::ENOTSUP);
        let receives = scene.socket(kind)?.recv_bytes(zmq::DONTWAIT).err()
            != Some(zmq::Error::ENOTSUP);
        let says = can_send(kind);
        if says != sends {
            return Err(format!(
                "can_send({kind:?}) says {says}, but libzmq says {sends}"
            ));
        }
        let says = can_receive(kind);
        if says != receives {
            return Err(format!(
                "can_receive({kind:?}) says {says}, but libzmq says {receives}"
            ));
        }
    }
    Ok(())
}
