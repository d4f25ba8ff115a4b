//! The general claims (G1, G2).

use zmq_workbook::claims::general;
use zmq_workbook::lab::Transport;

use crate::harness::watchdog;

/// G1 — three patterns, each a matched pair of socket types; a mismatched pair exchanges
/// nothing (the handshake refuses it), while the matched pairs, the controls, talk.
#[test]
fn g1_matched_pairs_talk_mismatched_pairs_do_not() {
    watchdog(|| {
        for transport in Transport::NETWORKED {
            // ANCHOR: g1_test
            for (sender, receiver, matched) in general::PAIRS {
                let talked = general::pair_talks(transport, sender, receiver)?;
                assert_eq!(talked, matched, "{sender:?} → {receiver:?} on {transport}");
            }
            // ANCHOR_END: g1_test
        }
        Ok(())
    })
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
