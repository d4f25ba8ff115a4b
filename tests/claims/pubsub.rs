//! Publish–Subscribe (PS1–PS7). Each test quotes the article above the property it checks.

use zmq_workbook::claims::pubsub::{self, Join};
use zmq_workbook::lab::Transport;

use crate::harness::watchdog;

on_each_transport! {
    /// PS1 — "发布端发布一条消息,可被多个订阅端同事收到": every subscriber gets every message.
    fn ps1_every_subscriber_gets_every_message(transport) {
        // ANCHOR: ps1_test
        let received = pubsub::fan_out(transport, 5, 100)?;
        let sent: Vec<Vec<u8>> = (0..100).map(|i| format!("news {i}").into_bytes()).collect();
        for (s, messages) in received.iter().enumerate() {
            assert!(*messages == sent, "subscriber {s} got {} of 100", messages.len());
        }
        // ANCHOR_END: ps1_test
        Ok(())
    }
}

on_each_transport! {
    /// PS2 — "只接受123开头的信息": the filter is a byte prefix of the message.
    fn ps2_a_filter_matches_messages_that_begin_with_it(transport) {
        // ANCHOR: ps2_test
        let received = pubsub::filtered(transport, &[b"123"], &[], &pubsub::frames(&pubsub::PS2_MESSAGES))?;
        assert_eq!(received, pubsub::frames(&["123", "1234", "123abc"]));
        // ANCHOR_END: ps2_test
        Ok(())
    }
}

on_each_transport! {
    /// PS2 — several subscriptions add up; an unsubscription takes one away again.
    fn ps2_subscriptions_add_up_and_unsubscribe_removes(transport) {
        let messages = pubsub::frames(&["apple", "banana", "cherry"]);
        let both = pubsub::filtered(transport, &[b"a", b"b"], &[], &messages)?;
        assert_eq!(both, pubsub::frames(&["apple", "banana"]));
        let one_withdrawn = pubsub::filtered(transport, &[b"a", b"b"], &[b"a"], &messages)?;
        assert_eq!(one_withdrawn, pubsub::frames(&["banana"]));
        Ok(())
    }
}

on_each_transport! {
    /// PS2 — the filter looks at the first frame only, and at bytes, not text.
    fn ps2_the_filter_sees_only_the_first_frame(transport) {
        let messages = vec![
            vec![b"x".to_vec(), b"123".to_vec()],
            vec![b"123".to_vec(), b"x".to_vec()],
            vec![vec![0x31, 0x32, 0x33, 0xff]],
        ];
        let received = pubsub::filtered(transport, &[b"123"], &[], &messages)?;
        assert_eq!(received, messages[1..].to_vec());
        Ok(())
    }
}

on_each_transport! {
    /// PS3 ★ — "不然无法接受消息": a connected SUB that never subscribes receives nothing, while a
    /// control SUB with the empty filter, on the same publisher, receives everything.
    fn ps3_no_subscription_receives_nothing_the_empty_filter_everything(transport) {
        // ANCHOR: ps3_test
        let outcome = pubsub::no_filter(transport, &pubsub::PS3_MESSAGES)?;
        let sent: Vec<Vec<u8>> = pubsub::PS3_MESSAGES.iter().map(|m| m.as_bytes().to_vec()).collect();
        assert_eq!(outcome.control, sent, "the control (empty filter) must get everything");
        assert!(outcome.unsubscribed.is_empty(), "the SUB with no filter got {:?}", outcome.unsubscribed);
        // ANCHOR_END: ps3_test
        Ok(())
    }
}

on_each_transport! {
    /// PS4 — "没有队列缓存,断开连接数据将永远丢失": published to nobody, messages are accepted at
    /// once and gone; a subscriber that joins later gets only what comes after (the control).
    fn ps4_messages_published_to_nobody_are_lost(transport) {
        // ANCHOR: ps4_test
        let (sending, first) = pubsub::published_to_nobody(transport, 1000)?;
        assert_eq!(first, b"after", "the first message a late subscriber sees is the one sent after it joined");
        assert!(sending < zmq_workbook::lab::BOUND, "sending to nobody took {sending:?}");
        // ANCHOR_END: ps4_test
        Ok(())
    }
}

on_each_transport! {
    /// PS4 — but a *connected* subscriber has a queue: a PUB whose subscriber does not read
    /// never blocks and never refuses a send; it queues up to the high-water mark and drops the rest.
    fn ps4_a_slow_subscriber_has_a_queue_up_to_the_high_water_mark(transport) {
        // ANCHOR: ps4_hwm_test
        let flood = pubsub::slow_subscriber(transport, 100, 20_000)?;
        assert_eq!(flood.refused, 0, "a PUB never blocks: every send is accepted");
        let kept = flood.received.len();
        assert!(kept >= 100, "the queue held at least the high-water mark, got {kept}");
        assert!(kept < flood.sent / 2, "most of the flood was dropped, yet {kept} arrived");
        assert!(pubsub::in_order(&flood.received), "what is kept arrives in order, once");
        // ANCHOR_END: ps4_hwm_test
        Ok(())
    }
}

on_each_transport! {
    /// PS5 — "中途有 Subscriber 端退出,并不影响他继续的广播 … 收到的就是后来发送的新的信息了".
    fn ps5_a_returning_subscriber_gets_only_new_messages(transport) {
        // ANCHOR: ps5_test
        let outcome = pubsub::leave_and_return(transport)?;
        let text = |m: &Vec<Vec<u8>>| m.iter().map(|b| String::from_utf8_lossy(b).into_owned()).collect::<Vec<_>>();
        let staying = text(&outcome.staying);
        assert_eq!(staying.len(), 11, "the broadcast went on undisturbed: {staying:?}");
        assert!(staying.contains(&"while away 4".to_string()));
        let after: Vec<String> = (0..5).map(|i| format!("after return {i}")).collect();
        assert_eq!(text(&outcome.returning), after);
        // ANCHOR_END: ps5_test
        Ok(())
    }
}

/// PS6 — "Slow joiner": connect-then-publish loses messages; both fixes lose none, over the same
/// number of runs. Timing decides how many the naive joiner loses, so the test asserts the
/// direction (some lost in some run) and prints the figures.
#[test]
fn ps6_slow_joiner_loses_messages_and_the_fixes_lose_none() {
    watchdog(|| {
        // ANCHOR: ps6_test
        let (burst, runs) = (1000, 10);
        let naive = pubsub::slow_joiner_losses(Join::Naive, burst, runs)?;
        let awaited = pubsub::slow_joiner_losses(Join::AwaitSubscription, burst, runs)?;
        let probed = pubsub::slow_joiner_losses(Join::ProbeHandshake, burst, runs)?;
        println!(
            "lost of {burst}, min/median/max: naive {}, XPUB wait {}, probe handshake {}",
            zmq_workbook::claims::spread(&naive),
            zmq_workbook::claims::spread(&awaited),
            zmq_workbook::claims::spread(&probed)
        );
        assert!(
            naive.iter().sum::<usize>() > 0,
            "the slow joiner lost nothing in {runs} runs"
        );
        assert!(
            awaited.iter().all(|&lost| lost == 0),
            "XPUB wait lost {awaited:?}"
        );
        assert!(
            probed.iter().all(|&lost| lost == 0),
            "probe handshake lost {probed:?}"
        );
        // ANCHOR_END: ps6_test
        Ok(())
    })
}

on_each_transport! {
    /// PS7 — "如果 Publisher 中途离开,所有的 Subscriber 会 hold 住 … 会继续接受信息": true on tcp
    /// and ipc, where the SUB reconnects and resubscribes by itself; not on inproc.
    fn ps7_subscribers_hold_on_when_the_publisher_comes_back(transport) {
        // ANCHOR: ps7_test
        let comeback = pubsub::publisher_comes_back(transport)?;
        assert!(comeback.newcomer_received, "control: a new subscriber must receive");
        let again = comeback.received == [b"from the second publisher".to_vec()];
        if transport == Transport::Inproc {
            assert!(!comeback.resubscribed && !again, "inproc came back: {comeback:?}");
        } else {
            assert!(comeback.resubscribed && again, "{transport} did not come back: {comeback:?}");
        }
        // ANCHOR_END: ps7_test
        Ok(())
    }
}

on_networked_transports! {
    /// PS7 — "所有的 Subscriber 会 hold 住": a subscriber busy elsewhere, making no libzmq call,
    /// does not resubscribe to the returning publisher; the control: its next call (here, reading
    /// ZMQ_EVENTS) does, and it receives again.
    fn ps7_a_busy_subscriber_resubscribes_only_at_its_next_call(transport) {
        // ANCHOR: ps7_busy_test
        let comeback = pubsub::busy_subscriber_comes_back(transport)?;
        assert!(!comeback.resubscribed_while_busy, "{transport}: {comeback:?}");
        assert!(comeback.resubscribed_after_a_call, "{transport}: {comeback:?}");
        assert!(comeback.received, "{transport}: {comeback:?}");
        // ANCHOR_END: ps7_busy_test
        Ok(())
    }
}
