//! PS2 — "消息过滤  只接受123开头的信息".

use zmq_workbook::claims::pubsub::frames;
use zmq_workbook::claims::pubsub::ps2::{self, FILTER, PS2_MESSAGES};

on_each_transport! {
    /// PS2 — "只接受123开头的信息": the filter is a byte prefix of the message.
    fn ps2_a_filter_matches_messages_that_begin_with_it(transport) {
        // ANCHOR: ps2_test
        let received = ps2::filtered(transport, &[FILTER], &[], &frames(&PS2_MESSAGES))?;
        assert_eq!(received, frames(&["123", "1234", "123abc"]));
        // ANCHOR_END: ps2_test
        Ok(())
    }
}

on_each_transport! {
    /// PS2 — several subscriptions add up; an unsubscription takes one away again.
    fn ps2_subscriptions_add_up_and_unsubscribe_removes(transport) {
        let messages = frames(&["apple", "banana", "cherry"]);
        let both = ps2::filtered(transport, &[b"a", b"b"], &[], &messages)?;
        assert_eq!(both, frames(&["apple", "banana"]));
        let one_withdrawn = ps2::filtered(transport, &[b"a", b"b"], &[b"a"], &messages)?;
        assert_eq!(one_withdrawn, frames(&["banana"]));
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
        let received = ps2::filtered(transport, &[b"123"], &[], &messages)?;
        assert_eq!(received, messages[1..].to_vec());
        Ok(())
    }
}

#[test]
fn ps2_evidence_lists_what_passed() {
    let cases = ps2::cases(b"123");
    let right: Vec<_> = cases
        .iter()
        .map(|case| {
            case.messages
                .iter()
                .filter(|m| ps2::passes(case, m))
                .cloned()
                .collect()
        })
        .collect();
    let finding = ps2::judge(&cases, &right);
    assert!(finding.agrees(), "{finding}");
    assert!(finding.evidence().starts_with(
        "filter \"123\": of 123, 1234, 123abc, 0123, 12, abc123, \"\", 124 passed 123, 1234, 123abc;"
    ));

    let mut contains = right.clone();
    contains[0].push(vec![b"abc123".to_vec()]);
    let finding = ps2::judge(&cases, &contains);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("passed 123, 1234, 123abc, abc123"),
        "{finding}"
    );
    let mut still_subscribed = right.clone();
    still_subscribed[2] = frames(&["apple", "banana"]);
    assert!(!ps2::judge(&cases, &still_subscribed).agrees());
    assert!(!ps2::judge(&cases, &right[..3]).agrees(), "a case missing");
}

/// PS2 — the "in your own program" lines: with a separator, "123" no longer matches
/// "1234".
#[test]
fn ps2_in_your_own_program_a_separator_keeps_topics_apart() {
    crate::harness::watchdog(|| {
        use zmq_workbook::claims::pubsub::{await_subscriptions, publisher, recv_until};
        let lab = zmq_workbook::lab::Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, zmq_workbook::lab::Transport::Inproc)?;
        let subscriber = ps2::subscribe_to(lab.context(), &endpoint, &["123", "end"])?;
        await_subscriptions(&publisher, 2)?;
        for message in ["1234.price", "123.price", "123", "end."] {
            publisher.send(message, 0)?;
        }
        assert_eq!(recv_until(&subscriber, b"end.")?, [b"123.price".to_vec()]);
        Ok(())
    })
}
