//! PS6 — "必然会丢失掉一部分信息,这是这个模式的一个问题,所谓的 Slow joiner".

use zmq_workbook::claims::pubsub::ps4::Queues;
use zmq_workbook::claims::pubsub::ps6::{self, Join, BURST, RUNS};
use zmq_workbook::claims::{a_tail_in_order, spread};

use crate::harness::watchdog;

/// PS6 — "Slow joiner": connect-then-publish loses messages; both fixes lose none, over
/// the same number of runs. Timing decides how many the naive joiner loses, so the test
/// asserts the direction (some lost in some run, always from the head) and prints the
/// figures.
#[test]
fn ps6_slow_joiner_loses_messages_and_the_fixes_lose_none() {
    watchdog(|| {
        // ANCHOR: ps6_test
        let naive = ps6::repeated(Join::Naive, BURST, RUNS)?;
        let awaited = ps6::repeated(Join::AwaitSubscription, BURST, RUNS)?;
        let probed = ps6::repeated(Join::ProbeHandshake, BURST, RUNS)?;
        let lost = |runs: &[Vec<usize>]| spread(&ps6::losses(runs, BURST));
        println!(
            "lost of {BURST}, min/median/max: naive {}, XPUB wait {}, probe handshake {}",
            lost(&naive),
            lost(&awaited),
            lost(&probed)
        );
        assert_eq!(naive.len(), RUNS);
        assert!(
            naive.iter().any(|r| r.len() < BURST),
            "no slow joiner in {RUNS} runs"
        );
        assert!(
            naive.iter().all(|r| a_tail_in_order(r, BURST)),
            "lost from the head only"
        );
        for fixed in [&awaited, &probed] {
            assert_eq!(fixed.len(), RUNS);
            assert!(
                fixed.iter().all(|r| r.len() == BURST),
                "lost {}",
                lost(fixed)
            );
        }
        // ANCHOR_END: ps6_test
        Ok(())
    })
}

/// PS6 — a fix for the slow joiner is no fix for a full queue: with high-water marks far
/// below the burst, a subscriber that was ready all along still loses what overflows
/// (PS4).
#[test]
fn ps6_a_ready_subscriber_still_loses_what_overflows_the_queue() {
    watchdog(|| {
        // ANCHOR: ps6_overflow_test
        let small = Queues {
            hwm: Some(100),
            kernel_buffer: Some(16 * 1024),
            message_size: 1024,
        };
        let received = ps6::slow_joiner(Join::AwaitSubscription, BURST, small)?;
        assert!(
            received.len() < BURST,
            "all {BURST} fitted in queues of 100"
        );
        assert_eq!(
            received.first(),
            Some(&0),
            "the head arrives: the subscriber was ready"
        );
        // ANCHOR_END: ps6_overflow_test
        Ok(())
    })
}

#[test]
fn ps6_evidence_says_when_nothing_was_lost_or_the_head_arrived() {
    let whole: Vec<usize> = (0..10).collect();
    let tail: Vec<usize> = (4..10).collect();
    let judge = |naive: &[Vec<usize>], fixed: &[Vec<usize>]| {
        ps6::judge(10, 2, [naive, fixed, fixed])
    };
    let good = judge(
        &[whole.clone(), tail.clone()],
        &[whole.clone(), whole.clone()],
    );
    assert!(good.agrees(), "{good}");
    let no_loss = judge(
        &[whole.clone(), whole.clone()],
        &[whole.clone(), whole.clone()],
    );
    assert!(!no_loss.agrees() && no_loss.evidence().contains("nothing lost in any run"));
    let head = judge(
        &[(0..6).collect(), tail.clone()],
        &[whole.clone(), whole.clone()],
    );
    assert!(!head.agrees() && head.evidence().contains("not the tail of the burst"));
    let fix_lost = judge(
        &[tail.clone(), tail.clone()],
        &[whole.clone(), tail.clone()],
    );
    assert!(
        fix_lost.evidence().contains("in order, in 1 of 2 runs") && !fix_lost.agrees()
    );
    assert!(
        !judge(&[tail], &[whole.clone(), whole]).agrees(),
        "a run missing"
    );
}

/// PS6 — the "in your own program" lines: a publisher that waits for two subscribers
/// loses nothing to either, however late they connect.
#[test]
fn ps6_in_your_own_program_waiting_for_subscriptions_loses_nothing() {
    watchdog(|| {
        use zmq_workbook::claims::pubsub::{recv_until, subscriber};
        let lab = zmq_workbook::lab::Lab::new()?;
        let publisher = lab.socket(zmq::XPUB)?;
        let endpoint = lab.bind(&publisher, zmq_workbook::lab::Transport::Tcp)?;
        let subscribers = [
            subscriber(&lab, &endpoint, &[b""])?,
            subscriber(&lab, &endpoint, &[b""])?,
        ];
        ps6::wait_for_subscribers(&publisher, 2)?;
        for message in ["first", "second", "end"] {
            publisher.send(message, 0)?;
        }
        for subscriber in &subscribers {
            assert_eq!(
                recv_until(subscriber, b"end")?,
                [b"first".to_vec(), b"second".to_vec()]
            );
        }
        Ok(())
    })
}
