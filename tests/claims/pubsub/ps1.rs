//! PS1 — "发布端发布一条消息,可被多个订阅端同事收到".

use zmq_workbook::claims::pubsub::numbered;
use zmq_workbook::claims::pubsub::ps1::{self, MESSAGES, SUBSCRIBERS};

on_each_transport! {
    /// PS1 — "发布端发布一条消息,可被多个订阅端同事收到": every subscriber gets every message.
    fn ps1_every_subscriber_gets_every_message(transport) {
        // ANCHOR: ps1_test
        let received = ps1::fan_out(transport, SUBSCRIBERS, MESSAGES)?;
        assert_eq!(received.len(), SUBSCRIBERS);
        let sent = numbered("news", MESSAGES);
        for (s, messages) in received.iter().enumerate() {
            let got = messages.len();
            assert!(*messages == sent, "subscriber {s} got {got} of {MESSAGES}");
        }
        // ANCHOR_END: ps1_test
        Ok(())
    }
}

#[test]
fn ps1_evidence_counts_the_subscribers_that_got_everything() {
    let all = numbered("news", 3);
    assert!(ps1::judge(2, 3, &[all.clone(), all.clone()]).agrees());
    let finding = ps1::judge(2, 3, &[all.clone(), all[1..].to_vec()]);
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
    assert!(!ps1::judge(2, 3, &[all]).agrees(), "a subscriber missing");
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
