//! PS7 beyond the claim: a subscriber behind a silent link.

use zmq_workbook::claims::network::{judges, publish};

use super::*;
use crate::harness::watchdog;

/// PS7 — "订阅者会保持连接": across a silent link the subscriber holds on, but it never learns
/// that its publisher is gone: nothing is reported within the window. With heartbeats
/// (the positive control) it notices within the window, connects again by itself, and is
/// subscribed again soon after the link returns.
#[test]
fn ps7_a_subscriber_behind_a_silent_link_never_learns_its_publisher_is_gone_without_heartbeats(
) {
    watchdog(|| {
        // ANCHOR: ps7_silent_link_test
        let (without, with) = without_and_with(publish::subscriber_cut_off)?;
        assert_eq!(without.subscriber_noticed, None, "{without:?}");
        assert_eq!(
            without.resubscribed, None,
            "the same connection carried on: {without:?}"
        );
        assert!(with.subscriber_noticed.is_some(), "{with:?}");
        assert!(with.resubscribed.is_some(), "{with:?}");
        for outcome in [&without, &with] {
            let after: Vec<usize> = (5..10).collect();
            assert!(
                outcome.far.ends_with(&after),
                "it receives again: {outcome:?}"
            );
        }
        // ANCHOR_END: ps7_silent_link_test
        agrees(judges::subscriber_cut_off(false, &without));
        agrees(judges::subscriber_cut_off(true, &with));
        Ok(())
    })
}
