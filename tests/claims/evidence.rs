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

/// A count is checked both ways: too few results and too many (a duplicate) both
/// disagree, and say so; the right count adds nothing.
#[test]
fn a_count_too_high_disagrees_as_a_count_too_low_does() {
    for (got, text) in [
        (2, "2 things where 3 were due"),
        (4, "4 things where 3 were due"),
    ] {
        let mut finding = Finding::new();
        finding.observe(true, "one");
        assert!(!finding.check_count("things", got, 3), "{got}");
        assert!(!finding.agrees(), "{got}");
        let wrong: Vec<_> = finding.disagreements().map(|o| o.text.as_str()).collect();
        assert_eq!(wrong, [text]);
    }
    let mut finding = Finding::new();
    finding.observe(true, "one");
    assert!(finding.check_count("things", 3, 3));
    assert_eq!(finding.evidence(), "one");
}

/// A set-up that is not proven keeps a run from agreeing, and is shown; a proven one is
/// not shown. Merged across transports, it says on which.
#[test]
fn an_unproven_set_up_is_shown_and_refused() {
    let mut finding = Finding::new();
    finding.observe(true, "seen");
    finding.set_up(true, "proven");
    assert!(finding.agrees());
    assert_eq!(finding.evidence(), "seen");
    finding.used_transport(Transport::Tcp, "ipc:///tmp/lab/0.ipc");
    assert!(!finding.agrees());
    assert_eq!(
        finding.evidence(),
        "seen; set-up not proven: asked for tcp, the socket's endpoint is ipc:///tmp/lab/0.ipc"
    );
    let mut merged = Finding::new();
    merged.observe_on(vec![(Transport::Ipc, finding)]);
    assert!(!merged.agrees());
    assert!(merged
        .evidence()
        .contains("set-up not proven: ipc: asked for tcp"));
}

/// A duration is proven measured only when it is the span of the clock readings around
/// the call: one taken from a setting, or from other readings, is not.
#[test]
fn a_duration_is_measured_when_it_spans_the_clock_readings() {
    use std::time::{Duration, Instant};
    use zmq_workbook::claims::Clocked;
    // A call that takes at least 2 ms.
    let (started, clock) = Clocked::call(|| {
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(2) {}
        started
    });
    assert!(clock.began <= started && clock.span() >= Duration::from_millis(2));
    let mut finding = Finding::new();
    finding.observe(true, "seen");
    finding.measured("the call", clock.span(), &clock);
    assert!(finding.agrees(), "{finding}");
    // A duration from elsewhere, shorter than the call took.
    finding.measured("the call", Duration::from_millis(1), &clock);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("set-up not proven: the call took 1.0 ms, where the clock"),
        "{finding}"
    );
}

/// The figures' "min/median/max", whatever the order of the runs; "none" for no run.
#[test]
fn spread_reads_min_median_max() {
    use zmq_workbook::claims::spread;
    assert_eq!(spread(&[30, 10, 20]), "10/20/30");
    assert_eq!(spread(&[7]), "7/7/7");
    assert_eq!(spread::<u32>(&[]), "none");
}

/// The table's label and detail say what the book's verdict says, for every claim.
#[test]
fn every_verdict_reads_alike_in_the_table_and_the_book() {
    use zmq_workbook::claims::{registry, Verdict};
    for claim in registry() {
        let verdict = claim.verdict;
        let (label, detail) = (verdict.label(), verdict.detail());
        let table = match (verdict, detail) {
            (Verdict::Holds, None) => label.to_string(),
            (Verdict::HoldsOnlyWhen(_), Some(when)) => {
                format!("{} {when}", label.trim_end_matches('…'))
            }
            (Verdict::DoesNotHold(_), Some(instead)) => format!("{label}: {instead}"),
            _ => panic!(
                "{}: the label {label:?} with the detail {detail:?}",
                claim.id
            ),
        };
        assert_eq!(table, verdict.to_string(), "{}", claim.id);
    }
}

/// A claim is found by its ID, in either case; an unknown ID finds nothing.
#[test]
fn claims_are_found_by_id() {
    use zmq_workbook::claims::find;
    assert_eq!(find("rr4").map(|claim| claim.id), Some("RR4"));
    assert_eq!(find("PL5").map(|claim| claim.id), Some("PL5"));
    assert!(find("RR8").is_none());
}
