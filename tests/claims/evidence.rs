//! The evidence a live run prints is rendered from what it measured: run an experiment
//! with a deliberately altered input, and its evidence changes with it.

use zmq_workbook::claims::pubsub::ps2;
use zmq_workbook::claims::reqrep::rr2;
use zmq_workbook::claims::{on_transports, Finding, Observation};
use zmq_workbook::lab::Transport;

use crate::harness::watchdog;

/// RR2 with four servers instead of three: the order of the servers the evidence lists is
/// the order this run measured.
#[test]
fn evidence_follows_the_number_of_servers() {
    watchdog(|| {
        let three = rr2::finding_with(3, 9)?.evidence();
        let four = rr2::finding_with(4, 9)?.evidence();
        assert!(three.contains(
            "1 REQ on 3 REPs: 9 requests answered by servers 0, 1, 2, 0, 1, 2, 0, 1, 2"
        ));
        assert!(four.contains(
            "1 REQ on 4 REPs: 9 requests answered by servers 0, 1, 2, 3, 0, 1, 2, 3, 0"
        ));
        Ok(())
    })
}

/// PS2 with the filter "12" instead of the article's "123": "12" itself now passes.
#[test]
fn evidence_follows_the_filter() {
    watchdog(|| {
        let finding = ps2::finding_with(b"12")?;
        assert!(finding.agrees(), "{finding}");
        assert!(finding.evidence().starts_with(
            "filter \"12\": of 123, 1234, 123abc, 0123, 12, abc123, \"\", 124 passed 123, 1234, 123abc, 12, 124 (tcp, ipc, inproc)"
        ));
        Ok(())
    })
}

#[test]
fn observations_on_several_transports_merge_only_when_they_read_alike() {
    let seen = |text: &str, agrees| Observation {
        text: text.into(),
        agrees,
    };
    let merged = on_transports(vec![
        (Transport::Tcp, vec![seen("a", true), seen("b", true)]),
        (Transport::Ipc, vec![seen("a", true), seen("b", false)]),
        (Transport::Inproc, vec![seen("c", true)]),
    ]);
    assert_eq!(
        merged,
        [
            seen("a (tcp, ipc)", true),
            seen("b (tcp)", true),
            seen("b (ipc)", false),
            seen("c (inproc)", true)
        ]
    );
}

#[test]
fn a_finding_with_no_observation_does_not_agree() {
    assert!(!Finding::new().agrees());
    let mut finding = Finding::new();
    finding.observe(true, "one");
    assert!(finding.agrees());
    finding.observe(false, "two");
    assert!(!finding.agrees());
    assert_eq!(finding.evidence(), "one; two");
    assert!(!finding.check_count("things", 2, 3));
    assert_eq!(finding.disagreements().count(), 2);
}
