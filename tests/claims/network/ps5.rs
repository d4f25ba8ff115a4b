//! PS5 beyond the claim: a subscriber cut off by a silent link.

use zmq_workbook::claims::network::{judges, publish};

use super::*;
use crate::harness::watchdog;

/// PS5 — "退出不影响广播,重新连接后只收到新消息": a subscriber cut off by a silent link does not disturb
/// the others; but when the link returns it gets what was published meanwhile, not only
/// the new messages, since for both ends it never left. Only heartbeats make it leave
/// (and the publisher drop it): then it misses them.
#[test]
fn ps5_a_subscriber_cut_off_by_a_silent_link_gets_the_backlog_unless_heartbeats_dropped_it(
) {
    watchdog(|| {
        // ANCHOR: ps5_silent_link_test
        let (without, with) = without_and_with(publish::subscriber_cut_off)?;
        let everything: Vec<usize> = (0..10).collect();
        for outcome in [&without, &with] {
            assert_eq!(
                outcome.near, everything,
                "the broadcast was disturbed: {outcome:?}"
            );
        }
        assert_eq!(without.publisher_noticed, None, "{without:?}");
        assert_eq!(without.far, everything, "{without:?}");
        assert!(with.publisher_noticed.is_some(), "{with:?}");
        assert_eq!(with.far, (5..10).collect::<Vec<_>>(), "{with:?}");
        // ANCHOR_END: ps5_silent_link_test
        assert_eq!(without.link.carried_while_cut, 0, "a cut, not a slow link");
        agrees(judges::subscriber_cut_off(false, &without));
        agrees(judges::subscriber_cut_off(true, &with));
        Ok(())
    })
}
