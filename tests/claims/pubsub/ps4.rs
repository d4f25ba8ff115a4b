//! PS4 — "广播所有client,没有队列缓存,断开连接数据将永远丢失".

use zmq_workbook::claims::pubsub::ps4::{self, Flood, Queues, FLOOD, PINNED, TO_NOBODY};
use zmq_workbook::lab::Transport;

on_each_transport! {
    /// PS4 — "没有队列缓存,断开连接数据将永远丢失": published to nobody, messages are accepted at once and
    /// gone; a subscriber that joins later gets only what comes after (the control).
    fn ps4_messages_published_to_nobody_are_lost(transport) {
        // ANCHOR: ps4_test
        let (sending, received) = ps4::published_to_nobody(transport, TO_NOBODY)?;
        assert_eq!(received, [b"after".to_vec()], "only what was sent after it joined");
        assert!(sending < zmq_workbook::lab::BOUND, "sending to nobody took {sending:?}");
        // ANCHOR_END: ps4_test
        Ok(())
    }
}

on_each_transport! {
    /// PS4 — but a *connected* subscriber has a queue: a PUB whose subscriber does not
    /// read never blocks and never refuses a send; it queues as many messages as the
    /// high-water marks and buffers hold, and drops the rest.
    fn ps4_a_slow_subscriber_has_a_queue_up_to_the_high_water_mark(transport) {
        // ANCHOR: ps4_hwm_test
        let flood = ps4::slow_subscriber(transport, PINNED, FLOOD)?;
        assert_eq!(flood.refused, 0, "a PUB never blocks: every send is accepted");
        let kept = flood.received.len();
        let holds = ps4::predicted_kept(transport, PINNED).expect("the marks are pinned");
        assert!(holds.contains(&kept), "kept {kept}; the queues hold {holds:?}");
        assert!(ps4::in_order(&flood.received), "what is kept arrives in order, once");
        // ANCHOR_END: ps4_hwm_test
        Ok(())
    }
}

/// PS4 — the queue's depth is the settings' doing: half the high-water mark, half the
/// queue (inproc, where a pipe holds exactly both marks); and without any mark or buffer
/// pinned, far more than the pinned experiment keeps.
#[test]
fn ps4_the_queue_is_as_deep_as_the_settings_say() {
    crate::harness::watchdog(|| {
        let half = Queues {
            hwm: Some(50),
            ..PINNED
        };
        let flood = ps4::slow_subscriber(Transport::Inproc, half, FLOOD)?;
        assert_eq!(flood.received.len(), 100, "two marks of 50");
        let unpinned = Queues {
            hwm: None,
            kernel_buffer: None,
            ..PINNED
        };
        let flood = ps4::slow_subscriber(Transport::Tcp, unpinned, FLOOD / 4)?;
        let pinned_most = *ps4::predicted_kept(Transport::Tcp, PINNED).unwrap().end();
        // Whatever the publisher's queue took arrives: at least libzmq's default mark of
        // 1000. The subscriber's queue fills as well only if the I/O thread moved messages
        // while the burst was sent, which a quiet machine may finish first.
        let kept = flood.received.len();
        assert!(kept >= 1000, "kept {kept}; libzmq's default mark is 1000");
        assert!(
            kept > pinned_most,
            "kept {kept}; the pinned queues hold {pinned_most} at most"
        );
        Ok(())
    })
}

#[test]
fn ps4_evidence_shows_a_queue_outside_its_bounds() {
    let nobody = (TO_NOBODY, &[b"after".to_vec()][..]);
    let flood = |kept: usize| Flood {
        sent: FLOOD,
        refused: 0,
        received: (0..kept).collect(),
    };
    assert!(ps4::judge(Transport::Inproc, nobody, PINNED, &flood(200)).agrees());
    let deep = ps4::judge(Transport::Inproc, nobody, PINNED, &flood(1200));
    assert!(!deep.agrees());
    assert!(
        deep.evidence()
            .contains("it kept 1200, outside the 200–200"),
        "{deep}"
    );
    let mut refused = flood(200);
    refused.refused = 3;
    assert!(!ps4::judge(Transport::Inproc, nobody, PINNED, &refused).agrees());
    let mut shuffled = flood(200);
    shuffled.received.swap(3, 4);
    assert!(!ps4::judge(Transport::Inproc, nobody, PINNED, &shuffled).agrees());
    let mut twice = flood(200);
    twice.received[4] = 3;
    assert!(!ps4::judge(Transport::Inproc, nobody, PINNED, &twice).agrees());
    // Queues that hold the whole flood: nothing dropped, nothing to show.
    let roomy = Queues {
        hwm: Some(FLOOD as i32 / 2),
        ..PINNED
    };
    let held = ps4::judge(Transport::Inproc, nobody, roomy, &flood(FLOOD));
    assert!(
        !held.agrees() && held.evidence().contains("none was dropped"),
        "{held}"
    );

    let queued = [b"early 0".to_vec(), b"after".to_vec()];
    let finding = ps4::judge(Transport::Tcp, (TO_NOBODY, &queued), PINNED, &flood(250));
    assert!(!finding.agrees());
    assert!(finding.evidence().contains("got 1 of them"), "{finding}");
}

/// PS4 — the "in your own program" lines: with marks as big as the burst, a subscriber
/// that reads only after the burst loses none of it (inproc: the two marks together hold
/// it).
#[test]
fn ps4_in_your_own_program_room_for_the_burst_loses_nothing() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.endpoint(Transport::Inproc)?;
        let burst = 5000;
        let (publisher, subscriber) = ps4::roomy_pair(lab.context(), &endpoint, burst)?;
        subscriber.set_rcvtimeo(5000)?;
        for i in 0..burst {
            publisher.send(format!("{i}").as_str(), zmq::DONTWAIT)?;
        }
        for i in 0..burst {
            assert_eq!(subscriber.recv_bytes(0)?, format!("{i}").as_bytes());
        }
        Ok(())
    })
}
