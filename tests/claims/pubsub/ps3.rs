//! PS3 ★ — "两种情况  这里必须使用一种来 过滤消息 不然无法接受消息".

use std::time::Duration;

use zmq_workbook::claims::pubsub::ps3::{self, NoFilter, PS3_MESSAGES};
use zmq_workbook::claims::pubsub::{Silence, Told};
use zmq_workbook::lab::{self, Transport, SILENCE};

/// A way to spoil a run, and what it makes wrong.
type Spoil<T> = (&'static str, fn(&mut T));

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
        let silent = &outcome.unsubscribed.got;
        assert!(silent.is_empty(), "no filter, yet: {silent:?}");
        let later = outcome.once_subscribed.as_deref();
        assert_eq!(later, Some(&b"after subscribing"[..]), "was it connected at all?");
        // ANCHOR_END: ps3_test
        let finding = ps3::judge(&PS3_MESSAGES, &outcome);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

fn sent() -> Vec<Vec<u8>> {
    PS3_MESSAGES.iter().map(|m| m.as_bytes().to_vec()).collect()
}

fn told(subscribed: &[&[u8]]) -> Told {
    Told {
        subscribed: subscribed.iter().map(|t| t.to_vec()).collect(),
        unread: vec![],
    }
}

/// A run as the verdict has it, on tcp.
fn right() -> NoFilter {
    let ms = Duration::from_millis;
    NoFilter {
        transport: Transport::Tcp,
        control: sent(),
        unsubscribed: Silence {
            got: vec![],
            began: ms(12),
            lasted: SILENCE + ms(1),
        },
        once_subscribed: Some(b"after subscribing".to_vec()),
        ready: lab::Ready {
            endpoint: "tcp://127.0.0.1:10000".into(),
            peers: 1,
        },
        told_before: told(&[b""]),
        control_done: ms(11),
        told_after: told(&[b""]),
        publisher_peers: 2,
    }
}

#[test]
fn ps3_evidence_counts_what_the_silent_sub_got() {
    let finding = ps3::judge(&PS3_MESSAGES, &right());
    assert!(finding.agrees(), "{finding}");

    let everything = NoFilter {
        unsubscribed: Silence {
            got: sent(),
            ..right().unsubscribed
        },
        ..right()
    };
    let finding = ps3::judge(&PS3_MESSAGES, &everything);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .starts_with("a connected SUB with no subscription got 5 of 5"),
        "{finding}"
    );
}

/// Each thing the evidence states, wrong alone, and nothing else: the run does not agree.
#[test]
fn ps3_evidence_refuses_each_part_wrong_alone() {
    let wrong: [Spoil<NoFilter>; 8] = [
        ("the silent SUB got one message", |o| {
            o.unsubscribed.got = vec![b"abc".to_vec()]
        }),
        ("the control got one too few", |o| {
            o.control.pop();
        }),
        (
            "the control got as many, but one twice and one never",
            |o| o.control[1] = o.control[0].clone(),
        ),
        ("the control got all, out of order", |o| {
            o.control.swap(0, 1)
        }),
        ("the control got nothing", |o| o.control.clear()),
        ("the silent SUB, subscribed, got nothing", |o| {
            o.once_subscribed = None
        }),
        ("the silent SUB, subscribed, got another message", |o| {
            o.once_subscribed = Some(b"abc".to_vec())
        }),
        ("the silent SUB, subscribed, got an empty message", |o| {
            o.once_subscribed = Some(vec![])
        }),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = right();
        spoil(&mut spoiled);
        let finding = ps3::judge(&PS3_MESSAGES, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn ps3_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let wrong: [Spoil<NoFilter>; 12] = [
        ("another transport", |o| {
            o.ready.endpoint = "ipc:///tmp/x.ipc".into()
        }),
        ("the silent SUB not connected before publishing", |o| {
            o.ready.peers = 0
        }),
        (
            "the silent SUB subscribed to a topic nobody publishes",
            |o| o.told_before = told(&[b"", b"\xfenone"]),
        ),
        ("no subscription before publishing", |o| {
            o.told_before = told(&[])
        }),
        ("a withdrawal left unread", |o| {
            o.told_before.unread = vec![b"\x00".to_vec()]
        }),
        ("the silence listened to before the control had all", |o| {
            o.unsubscribed.began = o.control_done - Duration::from_millis(1)
        }),
        ("the silence cut short", |o| {
            o.unsubscribed.lasted = SILENCE - Duration::from_millis(20)
        }),
        ("a silence far longer than its window", |o| {
            o.unsubscribed.lasted = SILENCE * 3 + lab::LATE_SLACK
        }),
        ("the silent SUB's subscription never told", |o| {
            o.told_after = told(&[])
        }),
        ("another subscription at the end", |o| {
            o.told_after = told(&[b"", b""])
        }),
        (
            "a third connection: another socket subscribed at the end",
            |o| o.publisher_peers = 3,
        ),
        ("the silent SUB never connected to the publisher", |o| {
            o.publisher_peers = 1
        }),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = right();
        spoil(&mut spoiled);
        let finding = ps3::judge(&PS3_MESSAGES, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
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
