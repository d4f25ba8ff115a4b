//! G1 — three patterns, each a matched pair of socket types.

use zmq_workbook::claims::general::g1::{self, PairOutcome, PAIRS};
use zmq_workbook::lab::Transport;

on_each_transport! {
    /// G1 — three patterns, each a matched pair of socket types. The matched pairs (the
    /// controls) talk; over tcp and ipc every mismatched pair is disconnected at the
    /// handshake and exchanges nothing; over inproc, which has no handshake, two of them
    /// talk anyway.
    fn g1_matched_pairs_talk_mismatched_pairs_do_not(transport) {
        // ANCHOR: g1_test
        let outcomes = g1::all_pairs(transport)?;
        assert_eq!(outcomes.len(), PAIRS.len());
        for (outcome, (sender, receiver, matched)) in outcomes.iter().zip(PAIRS) {
            let pair = format!("{sender:?} → {receiver:?} on {transport}: {outcome:?}");
            let talks = g1::expected_to_talk(transport, sender, receiver, matched);
            assert_eq!(outcome.delivered, talks, "{pair}");
            let handshake = g1::expected_handshake(transport, matched);
            assert_eq!(outcome.handshake, handshake, "{pair}");
        }
        // ANCHOR_END: g1_test
        Ok(())
    }
}

/// The judge reads a world where a mismatched pair talks over tcp as a disagreement, and
/// says which pair did what.
#[test]
fn g1_evidence_names_a_mismatched_pair_that_talks() {
    let as_expected: Vec<PairOutcome> = PAIRS
        .iter()
        .map(|&(_, _, matched)| PairOutcome {
            handshake: g1::expected_handshake(Transport::Tcp, matched),
            delivered: matched,
        })
        .collect();
    assert!(g1::judge(Transport::Tcp, &as_expected).agrees());

    let mut other_world = as_expected.clone();
    other_world[3] = PairOutcome {
        handshake: Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED),
        delivered: true,
    };
    let finding = g1::judge(Transport::Tcp, &other_world);
    assert!(!finding.agrees());
    let wrong: Vec<_> = finding.disagreements().map(|o| o.text.as_str()).collect();
    assert_eq!(wrong, ["REQ→PULL: handshake, delivered"]);
    assert!(
        !g1::judge(Transport::Tcp, &as_expected[..6]).agrees(),
        "a pair missing"
    );

    // The evidence, exactly: pairs that fared alike share a line.
    let finding = g1::judge(Transport::Tcp, &as_expected);
    assert_eq!(
        finding.evidence(),
        "REQ→REP, PUB→SUB, PUSH→PULL: handshake, delivered; REQ→PULL, PUSH→REP, PUB→PULL, \
         PUSH→SUB: disconnected at the handshake, nothing delivered"
    );
    // A handshake that went through where it should have failed, though nothing was
    // delivered, is a disagreement of its own.
    let mut accepted = as_expected.clone();
    accepted[4].handshake = Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED);
    let finding = g1::judge(Transport::Tcp, &accepted);
    let wrong: Vec<_> = finding.disagreements().map(|o| o.text.as_str()).collect();
    assert_eq!(wrong, ["PUSH→REP: handshake, nothing delivered"]);
}

/// G1 — the "in your own program" lines: a matched pair exchanges a message.
#[test]
fn g1_in_your_own_program_a_matched_pair_talks() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.free_endpoint(Transport::Tcp)?;
        assert_eq!(g1::a_matched_pair(lab.context(), &endpoint)?, b"hello");
        Ok(())
    })
}

/// The silence window: a pair listens for [`SILENCE`] after the controls delivered, from
/// its own start if it started later (its thread waited for the processor), and never
/// beyond [`BOUND`].
#[test]
fn g1_every_pair_listens_for_the_whole_silence_window() {
    use std::time::{Duration, Instant};
    use zmq_workbook::lab::{BOUND, SILENCE};
    let window = g1::Window::default();
    let now = Instant::now();
    let early = now - SILENCE;
    assert!(
        !window.closed(early, now),
        "closed before the controls delivered"
    );
    assert!(window.closed(now - BOUND, now), "still trying after BOUND");

    let before = Instant::now();
    window.open();
    let after = Instant::now();
    let tick = Duration::from_millis(1);
    assert!(!window.closed(early, before + SILENCE - tick));
    assert!(window.closed(early, after + SILENCE + tick));
    let late = after + 10 * SILENCE;
    assert!(
        !window.closed(late, late + SILENCE - tick),
        "a late pair cut short"
    );
    assert!(window.closed(late, late + SILENCE + tick));
}
