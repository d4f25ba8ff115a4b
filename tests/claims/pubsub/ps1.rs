//! PS1 — "发布端发布一条消息,可被多个订阅端同事收到".

use zmq_workbook::claims::pubsub::ps1::{self, FanOut, MESSAGES, SUBSCRIBERS};
use zmq_workbook::claims::pubsub::{numbered, Told};
use zmq_workbook::lab::Transport;

/// A way to spoil a run, and what it makes wrong.
type Spoil<T> = (&'static str, fn(&mut T));

on_each_transport! {
    /// PS1 — "发布端发布一条消息,可被多个订阅端同事收到": every subscriber gets every message.
    fn ps1_every_subscriber_gets_every_message(transport) {
        // ANCHOR: ps1_test
        let fan_out = ps1::fan_out(transport, SUBSCRIBERS, MESSAGES)?;
        assert_eq!(fan_out.received.len(), SUBSCRIBERS);
        let sent = numbered("news", MESSAGES);
        for (s, messages) in fan_out.received.iter().enumerate() {
            let got = messages.len();
            assert!(*messages == sent, "subscriber {s} got {got} of {MESSAGES}");
        }
        // ANCHOR_END: ps1_test
        let finding = ps1::judge(SUBSCRIBERS, MESSAGES, &fan_out);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

/// Two subscribers that received `received`, told before publishing, on inproc.
fn fan_out(received: &[Vec<Vec<u8>>]) -> FanOut {
    FanOut {
        transport: Transport::Inproc,
        received: received.to_vec(),
        endpoint: "inproc://ps1".into(),
        told: Told {
            subscribed: vec![vec![]; 2],
            unread: vec![],
        },
    }
}

#[test]
fn ps1_evidence_counts_the_subscribers_that_got_everything() {
    let all = numbered("news", 3);
    assert!(ps1::judge(2, 3, &fan_out(&[all.clone(), all.clone()])).agrees());
    let finding = ps1::judge(2, 3, &fan_out(&[all.clone(), all[1..].to_vec()]));
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("1 of 2 received all 3 messages"),
        "{finding}"
    );
    assert!(finding
        .evidence()
        .contains("subscriber 1 received 2, the first \"news 1\""));
    assert!(
        !ps1::judge(2, 3, &fan_out(&[all])).agrees(),
        "a subscriber missing"
    );
}

/// Each thing the evidence states, wrong alone: the run does not agree.
#[test]
fn ps1_evidence_refuses_each_part_wrong_alone() {
    let all = numbered("news", 3);
    let wrong: [Spoil<Vec<Vec<Vec<u8>>>>; 7] = [
        ("one lost one", |r| {
            r[1].remove(1);
        }),
        ("one got a duplicate without a loss", |r| {
            r[1].insert(1, b"news 0".to_vec())
        }),
        ("one got a duplicate in place of a loss", |r| {
            r[1][2] = b"news 1".to_vec()
        }),
        ("one got them out of order", |r| r[0].swap(0, 2)),
        ("one got nothing", |r| r[1].clear()),
        ("shared out, each a part, as a pipeline would", |r| {
            r[0] = vec![b"news 0".to_vec(), b"news 2".to_vec()];
            r[1] = vec![b"news 1".to_vec()];
        }),
        ("one subscriber too many", |r| r.push(r[0].clone())),
    ];
    for (what, spoil) in wrong {
        let mut received = vec![all.clone(), all.clone()];
        spoil(&mut received);
        let finding = ps1::judge(2, 3, &fan_out(&received));
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn ps1_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let all = numbered("news", 3);
    let wrong: [Spoil<FanOut>; 4] = [
        ("another transport", |f| {
            f.endpoint = "tcp://127.0.0.1:1".into()
        }),
        (
            "one subscription never told: published after connect",
            |f| {
                f.told.subscribed.pop();
            },
        ),
        ("another topic", |f| f.told.subscribed[0] = b"news".to_vec()),
        ("a withdrawal beside them", |f| {
            f.told.unread = vec![vec![0]]
        }),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = fan_out(&[all.clone(), all.clone()]);
        spoil(&mut spoiled);
        let finding = ps1::judge(2, 3, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// PS1 — the "in your own program" lines: one send, two subscribers get it.
#[test]
fn ps1_in_your_own_program_one_send_reaches_every_subscriber() {
    crate::harness::watchdog(|| {
        use zmq_workbook::claims::pubsub::{await_subscriptions, publisher, subscriber};
        let lab = zmq_workbook::lab::Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, zmq_workbook::lab::Transport::Tcp)?;
        let subscribers = [
            subscriber(&lab, &endpoint, &[b"news."])?,
            subscriber(&lab, &endpoint, &[b""])?,
        ];
        await_subscriptions(&publisher, 2)?;
        ps1::publish(&publisher, "news", b"rain")?;
        for subscriber in &subscribers {
            assert_eq!(
                subscriber.recv_multipart(0)?,
                [b"news.".to_vec(), b"rain".to_vec()]
            );
        }
        Ok(())
    })
}
