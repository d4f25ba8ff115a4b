//! The general claims (G1, G2).

use zmq_workbook::claims::general;
use zmq_workbook::lab::Transport;

use crate::harness::watchdog;

on_each_transport! {
    /// G1 — three patterns, each a matched pair of socket types. The matched pairs (the
    /// controls) talk; over tcp and ipc every mismatched pair is disconnected at the handshake and
    /// exchanges nothing; over inproc, which has no handshake, two of them talk anyway.
    fn g1_matched_pairs_talk_mismatched_pairs_do_not(transport) {
        // ANCHOR: g1_test
        for (outcome, (sender, receiver, matched)) in general::all_pairs(transport)?.iter().zip(general::PAIRS) {
            let expected = general::expected_to_talk(transport, sender, receiver, matched);
            assert_eq!(outcome.delivered, expected, "{sender:?} → {receiver:?} on {transport}: {outcome:?}");
            if transport != Transport::Inproc {
                let refused = outcome.handshake == Some(zmq::SocketEvent::DISCONNECTED);
                assert_eq!(refused, !matched, "{sender:?} → {receiver:?} on {transport}: {outcome:?}");
            }
        }
        // ANCHOR_END: g1_test
        Ok(())
    }
}

/// G2 — "有去无回": the wrong direction on a one-way socket fails with ENOTSUP.
#[test]
fn g2_one_way_sockets_refuse_the_other_direction() {
    watchdog(|| {
        // ANCHOR: g2_test
        for kind in [zmq::SUB, zmq::PUB, zmq::PULL, zmq::PUSH] {
            assert_eq!(
                general::wrong_direction(kind)?,
                Some(zmq::Error::ENOTSUP),
                "{kind:?}"
            );
        }
        // ANCHOR_END: g2_test
        Ok(())
    })
}
