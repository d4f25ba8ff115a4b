//! PS7 — "如果 Publisher 中途离开,所有的 Subscriber 会 hold 住 … 会继续接受信息".

use std::time::Duration;

use zmq_workbook::claims::pubsub::ps7::{self, BusyComeback, Comeback, AFTER};
use zmq_workbook::lab::Transport;

on_each_transport! {
    /// PS7 — "如果 Publisher 中途离开,所有的 Subscriber 会 hold 住 … 会继续接受信息": true on tcp and ipc,
    /// where the SUB reconnects and resubscribes by itself; not on inproc. What the new
    /// publisher sends before the resubscription is lost.
    fn ps7_subscribers_hold_on_when_the_publisher_comes_back(transport) {
        // ANCHOR: ps7_test
        let comeback = ps7::publisher_comes_back(transport)?;
        assert!(comeback.newcomer_received, "control: a new subscriber must receive");
        // Not the message sent at once, before the resubscription: the one sent after it.
        let again = comeback.received == [AFTER.as_bytes().to_vec()];
        if transport == Transport::Inproc {
            let nothing = comeback.received.is_empty();
            assert!(!comeback.resubscribed && nothing, "{comeback:?}");
        } else {
            assert!(comeback.resubscribed && again, "{transport}: {comeback:?}");
        }
        // ANCHOR_END: ps7_test
        Ok(())
    }
}

on_networked_transports! {
    /// PS7 — "所有的 Subscriber 会 hold 住": a subscriber busy elsewhere, making no libzmq
    /// call, does not resubscribe to the returning publisher; the control: its next call
    /// (here, reading ZMQ_EVENTS) does, and it receives again.
    fn ps7_a_busy_subscriber_resubscribes_only_at_its_next_call(transport) {
        // ANCHOR: ps7_busy_test
        let comeback = ps7::busy_subscriber_comes_back(transport)?;
        assert!(!comeback.resubscribed_while_busy, "{transport}: {comeback:?}");
        assert!(comeback.resubscribed_after_a_call, "{transport}: {comeback:?}");
        assert!(comeback.received, "{transport}: {comeback:?}");
        // ANCHOR_END: ps7_busy_test
        Ok(())
    }
}

#[test]
fn ps7_evidence_shows_a_subscriber_that_got_the_early_message() {
    let back = Comeback {
        resubscribed: true,
        took: Duration::from_millis(120),
        received: vec![AFTER.as_bytes().to_vec()],
        newcomer_received: true,
    };
    assert!(ps7::judge_comeback(Transport::Tcp, &back).agrees());
    assert!(!ps7::judge_comeback(Transport::Inproc, &back).agrees());
    let early = Comeback {
        received: vec![ps7::TOO_EARLY.as_bytes().to_vec()],
        ..back.clone()
    };
    let finding = ps7::judge_comeback(Transport::Tcp, &early);
    assert!(!finding.agrees());
    assert!(finding
        .evidence()
        .contains("received \"sent before the resubscription\""));
    let alone = Comeback {
        newcomer_received: false,
        ..back
    };
    assert!(!ps7::judge_comeback(Transport::Tcp, &alone).agrees());

    let busy = |while_busy, after, received| BusyComeback {
        resubscribed_while_busy: while_busy,
        resubscribed_after_a_call: after,
        received,
    };
    assert!(ps7::judge_busy(&busy(false, true, true)).agrees());
    let eager = ps7::judge_busy(&busy(true, true, true));
    assert!(!eager.agrees() && eager.evidence().contains("call, resubscribed within"));
    assert!(!ps7::judge_busy(&busy(false, false, false)).agrees());
    assert!(!ps7::judge_busy(&busy(false, true, false)).agrees());
}

/// PS7 — the "in your own program" lines: a subscriber that keeps calling `recv` with a
/// timeout hears the publisher that came back at the same address.
#[test]
fn ps7_in_your_own_program_a_listening_subscriber_hears_the_new_publisher() {
    crate::harness::watchdog(|| {
        use zmq_workbook::claims::pubsub::{await_subscriptions, publisher, subscriber};
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.endpoint(Transport::Tcp)?;
        let first = lab.watch(publisher(&lab)?)?;
        zmq_workbook::lab::bind_at(&first.socket, &endpoint)?;
        let listener = subscriber(&lab, &endpoint, &[b""])?;
        await_subscriptions(&first.socket, 1)?;
        first.leave(&endpoint)?;
        let listening = std::thread::spawn(move || ps7::next_message(&listener, 50, 100));
        let second = publisher(&lab)?;
        zmq_workbook::lab::bind_at(&second, &endpoint)?;
        await_subscriptions(&second, 1)?; // the listener came back by itself
        second.send("back", 0)?;
        let heard = listening.join().expect("the listening thread")?;
        assert_eq!(heard, Some(b"back".to_vec()));
        Ok(())
    })
}
