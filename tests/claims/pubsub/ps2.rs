//! PS2 — "消息过滤  只接受123开头的信息".

use zmq_workbook::claims::pubsub::ps2::{
    self, Case, Filtered, Message, FILTER, PS2_MESSAGES,
};
use zmq_workbook::claims::pubsub::{frames, Told};
use zmq_workbook::lab::Transport;

/// A way to spoil one of several runs (which one), and what it makes wrong.
type SpoilOne<T> = (&'static str, usize, fn(&mut T));

on_each_transport! {
    /// PS2 — "只接受123开头的信息": the filter is a byte prefix of the message.
    fn ps2_a_filter_matches_messages_that_begin_with_it(transport) {
        // ANCHOR: ps2_test
        let run = ps2::filtered(transport, &[FILTER], &[], &frames(&PS2_MESSAGES))?;
        assert_eq!(run.received, frames(&["123", "1234", "123abc"]));
        // ANCHOR_END: ps2_test
        let cases = &ps2::cases(FILTER)[..1];
        let finding = ps2::judge(transport, cases, &[run]);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

on_each_transport! {
    /// PS2 — several subscriptions add up; an unsubscription takes one away again.
    fn ps2_subscriptions_add_up_and_unsubscribe_removes(transport) {
        let messages = frames(&["apple", "banana", "cherry"]);
        let both = ps2::filtered(transport, &[b"a", b"b"], &[], &messages)?;
        assert_eq!(both.received, frames(&["apple", "banana"]));
        let one_withdrawn = ps2::filtered(transport, &[b"a", b"b"], &[b"a"], &messages)?;
        assert_eq!(one_withdrawn.received, frames(&["banana"]));
        let cases = &ps2::cases(FILTER)[1..3];
        let finding = ps2::judge(transport, cases, &[both, one_withdrawn]);
        assert!(finding.agrees(), "{transport}: {finding}");
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
        let run = ps2::filtered(transport, &[b"123"], &[], &messages)?;
        assert_eq!(run.received, messages[1..].to_vec());
        let cases = &ps2::cases(FILTER)[3..4];
        let finding = ps2::judge(transport, cases, &[run]);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

on_each_transport! {
    /// PS2 — each subscription stands alone: withdrawing "12" leaves "123", which
    /// still lets through what begins with it.
    fn ps2_withdrawing_a_shorter_topic_leaves_the_longer_one(transport) {
        let messages = frames(&["123abc", "12x", "1", "124"]);
        let run = ps2::filtered(transport, &[b"12", b"123"], &[b"12"], &messages)?;
        assert_eq!(run.received, frames(&["123abc"]));
        let cases = &ps2::cases(FILTER)[4..];
        let finding = ps2::judge(transport, cases, &[run]);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

/// Each case's run as the verdict has it: what passes received, told as it should be.
fn right(cases: &[Case]) -> Vec<Filtered> {
    cases
        .iter()
        .map(|case| {
            let mut subscribed = case.subscribe.clone();
            subscribed.push(b"\xffend".to_vec());
            Filtered {
                received: case
                    .messages
                    .iter()
                    .filter(|m| ps2::passes(case, m))
                    .cloned()
                    .collect(),
                endpoint: "ipc:///tmp/ps2.ipc".into(),
                told: Told {
                    subscribed,
                    unread: vec![],
                },
                withdrawn: case.unsubscribe.clone(),
            }
        })
        .collect()
}

fn judge(runs: &[Filtered]) -> zmq_workbook::claims::Finding {
    ps2::judge(Transport::Ipc, &ps2::cases(b"123"), runs)
}

#[test]
fn ps2_evidence_lists_what_passed() {
    let cases = ps2::cases(b"123");
    let finding = judge(&right(&cases));
    assert!(finding.agrees(), "{finding}");
    assert!(finding.evidence().starts_with(
        "filter \"123\": of 123, 1234, 123abc, 0123, 12, abc123, \"\", 124 passed 123, 1234, 123abc;"
    ));

    let mut contains = right(&cases);
    contains[0].received.push(vec![b"abc123".to_vec()]);
    let finding = judge(&contains);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("passed 123, 1234, 123abc, abc123"),
        "{finding}"
    );
    let mut still_subscribed = right(&cases);
    still_subscribed[2].received = frames(&["apple", "banana"]);
    assert!(!judge(&still_subscribed).agrees());
    assert!(!judge(&right(&cases)[..3]).agrees(), "a case missing");
}

/// Each thing the evidence states, wrong alone: the run does not agree.
#[test]
fn ps2_evidence_refuses_each_part_wrong_alone() {
    let wrong: [SpoilOne<Vec<Message>>; 7] = [
        ("a message the filter matches only inside", 0, |r| {
            r.push(frames(&["0123"]).remove(0))
        }),
        ("a matching message lost", 0, |r| {
            r.remove(1);
        }),
        ("the passing ones out of order", 0, |r| r.swap(0, 1)),
        ("a duplicate in place of a loss", 0, |r| r[2] = r[1].clone()),
        ("the second subscription ignored", 1, |r| {
            r.pop();
        }),
        ("a message that matches in its second frame", 3, |r| {
            r.insert(0, vec![b"x".to_vec(), b"123".to_vec()])
        }),
        ("a frame lost from a multipart message", 3, |r| {
            r[0].pop();
        }),
    ];
    let cases = ps2::cases(b"123");
    for (what, case, spoil) in wrong {
        let mut runs = right(&cases);
        spoil(&mut runs[case].received);
        let finding = judge(&runs);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn ps2_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let wrong: [SpoilOne<Filtered>; 6] = [
        ("another transport", 0, |r| r.endpoint = "inproc://x".into()),
        ("the control topic never told", 0, |r| {
            r.told.subscribed.pop();
        }),
        ("a subscription of another topic", 1, |r| {
            r.told.subscribed[0] = b"c".to_vec()
        }),
        ("the withdrawal never told", 2, |r| r.withdrawn.clear()),
        ("another withdrawal told", 2, |r| {
            r.withdrawn = vec![b"b".to_vec()]
        }),
        ("a subscription told beside the withdrawal", 2, |r| {
            r.told.unread = vec![b"\x01a".to_vec()]
        }),
    ];
    let cases = ps2::cases(b"123");
    for (what, case, spoil) in wrong {
        let mut runs = right(&cases);
        spoil(&mut runs[case]);
        let finding = judge(&runs);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
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

/// The glossary's XSUB and XPUB, as libzmq's manual has them: the application subscribes an
/// XSUB by *sending* it `\x01<topic>`, and receives data from it; the XPUB receives that
/// subscription, and sends the XSUB only what matches it. ("other" is published first: had
/// it been passed on, it would arrive before "topic 1".)
#[test]
fn ps2_an_xsub_is_subscribed_by_sending_it_a_subscription() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let xpub = lab.socket(zmq::XPUB)?;
        let endpoint = lab.bind(&xpub, zmq_workbook::lab::Transport::Tcp)?;
        let xsub = lab.socket(zmq::XSUB)?;
        xsub.connect(&endpoint)?;
        xsub.send(b"\x01topic".as_slice(), 0)?;
        assert_eq!(xpub.recv_bytes(0)?, b"\x01topic", "the XPUB receives it");
        xpub.send("other", 0)?;
        xpub.send("topic 1", 0)?;
        assert_eq!(xsub.recv_bytes(0)?, b"topic 1", "only what matches");
        Ok(())
    })
}
