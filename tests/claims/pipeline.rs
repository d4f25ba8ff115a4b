//! Parallel pipeline (PL1–PL5). Each test quotes the article above the property it checks.

use zmq_workbook::claims::pipeline::{self, PushSide};
use zmq_workbook::lab::{self, Transport};

use crate::harness::watchdog;

on_each_transport! {
    /// PL1 ★ — "push的任何一个消息,始终只会有一个pull端收到消息": none lost, none twice.
    fn pl1_every_message_reaches_exactly_one_puller(transport) {
        // ANCHOR: pl1_test
        let received = pipeline::received_by_each_puller(transport, 3, 3000)?;
        assert!(pipeline::exactly_once(&received, 3000), "some message was lost or duplicated");
        // ANCHOR_END: pl1_test
        Ok(())
    }
}

on_each_transport! {
    /// PL2 — "pull进行数据竞争获取处理": with every puller connected first, PUSH deals in turn.
    fn pl2_connected_pullers_share_the_load_evenly(transport) {
        // ANCHOR: pl2_test
        let shares: Vec<usize> = pipeline::received_by_each_puller(transport, 3, 3000)?.iter().map(Vec::len).collect();
        assert_eq!(shares, [1000, 1000, 1000]);
        // ANCHOR_END: pl2_test
        Ok(())
    }
}

on_each_transport! {
    /// PL2 — the pitfall: a puller that is alone at first takes everything pushed meanwhile.
    fn pl2_a_puller_alone_at_first_takes_everything_sent_meanwhile(transport) {
        // ANCHOR: pl2_late_test
        let shares = pipeline::pullers_join_one_by_one(transport, 2, 300, 300)?;
        assert_eq!(shares, [400, 100, 100]);
        // ANCHOR_END: pl2_late_test
        Ok(())
    }
}

on_each_transport! {
    /// PL3 — ventilator → workers → sink: every task reaches the sink exactly once.
    fn pl3_every_task_reaches_the_sink_once_through_some_worker(transport) {
        // ANCHOR: pl3_test
        let delivered_by = pipeline::ventilator_workers_sink(transport, 3, 300)?;
        for (task, workers) in delivered_by.iter().enumerate() {
            assert_eq!(workers.len(), 1, "task {task} reached the sink {} times", workers.len());
        }
        for worker in 0..3 {
            assert!(delivered_by.iter().any(|w| w[0] == worker), "worker {worker} did nothing");
        }
        // ANCHOR_END: pl3_test
        Ok(())
    }
}

on_each_transport! {
    /// PL4 — "存在一个数据缓存": a connecting PUSH queues up to its high-water mark, then refuses
    /// (never drops); a puller that comes later receives every queued message.
    fn pl4_a_connecting_push_queues_up_to_its_high_water_mark(transport) {
        // ANCHOR: pl4_test
        let outcome = pipeline::push_without_puller(transport, PushSide::Connects, 10, 100)?;
        assert!(outcome.accepted >= 10 && outcome.accepted < 100, "queued {}", outcome.accepted);
        assert_eq!(outcome.refused_with, Some(zmq::Error::EAGAIN));
        assert_eq!(outcome.later_received, outcome.accepted, "every queued message is delivered later");
        // ANCHOR_END: pl4_test
        Ok(())
    }
}

on_each_transport! {
    /// PL4 — but a binding PUSH with no puller has no queue: the first send is refused, and a
    /// send with a timeout waits that long before EAGAIN.
    fn pl4_a_binding_push_without_puller_refuses_to_send(transport) {
        // ANCHOR: pl4_bind_test
        let outcome = pipeline::push_without_puller(transport, PushSide::Binds, 10, 100)?;
        assert_eq!(outcome.accepted, 0);
        assert_eq!(outcome.refused_with, Some(zmq::Error::EAGAIN));
        let took = outcome.timeout_took.expect("a refused send is retried with a timeout");
        assert!(lab::waited_out(took, std::time::Duration::from_millis(100)), "gave up after {took:?}");
        assert_eq!(outcome.later_received, 0, "nothing was queued, so nothing comes later");
        // ANCHOR_END: pl4_bind_test
        Ok(())
    }
}

on_each_transport! {
    /// PL4 — at the high-water mark a PUSH blocks instead of dropping: a connected puller that
    /// does not read makes the PUSH refuse further sends, and finds every accepted message.
    fn pl4_at_the_high_water_mark_push_blocks_and_drops_nothing(transport) {
        // ANCHOR: pl4_hwm_test
        let (accepted, found) = pipeline::push_to_slow_puller(transport, 10)?;
        assert!(accepted >= 10, "the queue took only {accepted}");
        assert_eq!(found, accepted, "every accepted message is delivered: none dropped");
        // ANCHOR_END: pl4_hwm_test
        Ok(())
    }
}

/// PL5 — "当连接被断开,数据不会丢失,重连后数据继续发送到对端": with a connecting PUSH, what is
/// pushed while the puller is away arrives when it is back; what it had received but not read is lost.
#[test]
fn pl5_messages_pushed_while_the_puller_is_away_arrive_on_its_return() {
    watchdog(|| {
        for transport in Transport::NETWORKED {
            // ANCHOR: pl5_test
            let outcome = pipeline::puller_leaves_and_returns(transport)?;
            assert_eq!(
                outcome.while_away_arrived, outcome.while_away_sent,
                "{transport}: {outcome:?}"
            );
            assert!(
                !outcome.unread_arrived,
                "{transport}: the unread message came back: {outcome:?}"
            );
            // ANCHOR_END: pl5_test
        }
        Ok(())
    })
}

on_each_transport! {
    /// PL5 — on the bind side nothing is queued for a puller that left: once the PUSH knows, it
    /// refuses to send (EAGAIN with DONTWAIT). The control: a puller that connects again receives
    /// what is pushed after its return, but not what the first one left unread.
    fn pl5_a_binding_push_keeps_nothing_for_a_puller_that_left(transport) {
        // ANCHOR: pl5_bind_test
        let outcome = pipeline::bound_push_puller_returns(transport)?;
        assert_eq!(outcome.while_away, Some(zmq::Error::EAGAIN), "{outcome:?}");
        assert!(!outcome.unread_arrived, "{outcome:?}");
        assert!(outcome.after_return_arrived, "control: {outcome:?}");
        // ANCHOR_END: pl5_bind_test
        Ok(())
    }
}

on_networked_transports! {
    /// PL5 — messages pushed as the puller leaves, before the PUSH has noticed, go down the dead
    /// connection. How many is a race; what is certain is that what does arrive is the tail of
    /// what was sent, in order, each once, and that a message sent once it noticed arrives.
    fn pl5_what_is_pushed_as_the_puller_leaves_is_lost_from_the_head(transport) {
        // ANCHOR: pl5_in_flight_test
        let sent = 10;
        let arrived = pipeline::push_as_the_puller_leaves(transport, sent)?;
        assert!(pipeline::a_tail_in_order(&arrived, sent), "{transport}: arrived {arrived:?}");
        // ANCHOR_END: pl5_in_flight_test
        Ok(())
    }
}

#[test]
fn pl5_a_tail_in_order_rejects_gaps_duplicates_and_reordering() {
    assert!(pipeline::a_tail_in_order(&[], 10));
    assert!(pipeline::a_tail_in_order(&[7, 8, 9], 10));
    assert!(pipeline::a_tail_in_order(&(0..10).collect::<Vec<_>>(), 10));
    assert!(!pipeline::a_tail_in_order(&[7, 9], 10), "a gap");
    assert!(!pipeline::a_tail_in_order(&[8, 8, 9], 10), "a duplicate");
    assert!(!pipeline::a_tail_in_order(&[8, 7, 9], 10), "reordered");
    assert!(
        !pipeline::a_tail_in_order(&[6, 7, 8], 10),
        "the last one missing"
    );
}
