//! PS3 ★ — "两种情况  这里必须使用一种来 过滤消息 不然无法接受消息".

use zmq_workbook::claims::pubsub::ps3::{self, NoFilter, PS3_MESSAGES};

on_each_transport! {
    /// PS3 ★ — "不然无法接受消息": a connected SUB that never subscribes receives nothing, while
    /// a control SUB with the empty filter, on the same publisher, receives everything;
    /// and the same silent SUB, once subscribed, receives the next message: it was
    /// connected all along.
    fn ps3_no_subscription_receives_nothing_the_empty_filter_everything(transport) {
        // ANCHOR: ps3_test
        let outcome = ps3::no_filter(transport, &PS3_MESSAGES)?;
        let sent: Vec<Vec<u8>> = PS3_MESSAGES.map(|m| m.as_bytes().to_vec()).to_vec();
        assert_eq!(outcome.control, sent, "the control (empty filter) gets everything");
        let silent = &outcome.unsubscribed;
        assert!(silent.is_empty(), "no filter, yet: {silent:?}");
        let later = outcome.once_subscribed.as_deref();
        assert_eq!(later, Some(&b"after subscribing"[..]), "was it connected at all?");
        // ANCHOR_END: ps3_test
        Ok(())
    }
}

#[test]
fn ps3_evidence_counts_what_the_silent_sub_got() {
    let sent: Vec<Vec<u8>> = PS3_MESSAGES.iter().map(|m| m.as_bytes().to_vec()).collect();
    let outcome = NoFilter {
        control: sent.clone(),
        unsubscribed: vec![],
        once_subscribed: Some(b"after subscribing".to_vec()),
    };
    assert!(ps3::judge(&PS3_MESSAGES, &outcome).agrees());

    let everything = NoFilter {
        unsubscribed: sent.clone(),
        ..outcome.clone()
    };
    let finding = ps3::judge(&PS3_MESSAGES, &everything);
    assert!(!finding.agrees());
    assert!(finding
        .evidence()
        .starts_with("a connected SUB with no subscription got 5 of 5"));
    let never_connected = NoFilter {
        once_subscribed: None,
        ..outcome.clone()
    };
    let finding = ps3::judge(&PS3_MESSAGES, &never_connected);
    assert!(!finding.agrees() && finding.evidence().contains("still received nothing"));
    let no_control = NoFilter {
        control: vec![],
        ..outcome
    };
    assert!(!ps3::judge(&PS3_MESSAGES, &no_control).agrees());
}

/// PS3 — the "in your own program" lines: subscribed to "", it receives everything.
#[test]
fn ps3_in_your_own_program_the_empty_subscription_receives_all() {
    crate::harness::watchdog(|| {
        use zmq_workbook::claims::pubsub::{await_subscriptions, publisher, recv_until};
        let lab = zmq_workbook::lab::Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, zmq_workbook::lab::Transport::Tcp)?;
        let subscriber = ps3::subscribe_to_all(lab.context(), &endpoint)?;
        await_subscriptions(&publisher, 1)?;
        for message in ["", "abc", "\u{0}", "end"] {
            publisher.send(message, 0)?;
        }
        assert_eq!(recv_until(&subscriber, b"end")?.len(), 3);
        Ok(())
    })
}
