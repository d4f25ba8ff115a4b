//! PS7 — "如果 Publisher 中途离开,所有的 Subscriber 会 hold 住 … 会继续接受信息".

use std::time::Duration;

use crate::harness::{each_refused_for_its_set_up, Spoil};
use zmq_workbook::claims::pubsub::ps7::{
    self, BusyComeback, Comeback, FirstPublisher, AFTER, COMEBACK_WINDOW,
};
use zmq_workbook::claims::pubsub::Told;
use zmq_workbook::lab::{Transport, SILENCE};

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
        let finding = ps7::judge_comeback(transport, &comeback);
        assert!(finding.agrees(), "{transport}: {finding}");
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
        let finding = ps7::judge_busy(transport, &comeback);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

fn told() -> Told {
    Told {
        subscribed: vec![vec![]],
        unread: vec![],
    }
}

fn first() -> FirstPublisher {
    FirstPublisher {
        told: told(),
        got: Some(b"from the first publisher".to_vec()),
    }
}

/// A comeback on tcp as the verdict has it.
fn back() -> Comeback {
    Comeback {
        resubscribed: true,
        took: Duration::from_millis(120),
        received: vec![AFTER.as_bytes().to_vec()],
        newcomer_received: true,
        endpoint: "tcp://127.0.0.1:10000".into(),
        first: first(),
        listened_after: Duration::ZERO,
        newcomer_told: told(),
    }
}

/// A comeback on inproc as the verdict has it: none.
fn not_back() -> Comeback {
    Comeback {
        resubscribed: false,
        took: COMEBACK_WINDOW + Duration::from_millis(1),
        received: vec![],
        endpoint: "inproc://ps7".into(),
        listened_after: SILENCE,
        ..back()
    }
}

fn busy() -> BusyComeback {
    BusyComeback {
        resubscribed_while_busy: false,
        resubscribed_after_a_call: true,
        received: true,
        endpoint: "ipc:///tmp/ps7.ipc".into(),
        first: first(),
        reconnected: Some(Duration::from_millis(110)),
        busy_listened: COMEBACK_WINDOW,
    }
}

#[test]
fn ps7_evidence_shows_a_subscriber_that_got_the_early_message() {
    assert!(ps7::judge_comeback(Transport::Tcp, &back()).agrees());
    assert!(ps7::judge_comeback(Transport::Inproc, &not_back()).agrees());
    let early = Comeback {
        received: vec![ps7::TOO_EARLY.as_bytes().to_vec()],
        ..back()
    };
    let finding = ps7::judge_comeback(Transport::Tcp, &early);
    assert!(!finding.agrees());
    assert!(finding
        .evidence()
        .contains("received \"sent before the resubscription\""));

    let eager = BusyComeback {
        resubscribed_while_busy: true,
        ..busy()
    };
    let eager = ps7::judge_busy(Transport::Ipc, &eager);
    assert!(!eager.agrees() && eager.evidence().contains("call, resubscribed within"));
}

/// Each thing the evidence states, wrong alone: the run does not agree.
#[test]
fn ps7_evidence_refuses_each_part_wrong_alone() {
    let tcp: [Spoil<Comeback>; 6] = [
        ("did not resubscribe, yet received", |c| {
            c.resubscribed = false;
            c.took = ps7::comeback_window(Transport::Tcp);
        }),
        ("resubscribed, received nothing", |c| {
            c.received.clear();
            c.listened_after = SILENCE;
        }),
        ("received the early message first", |c| {
            c.received.insert(0, ps7::TOO_EARLY.as_bytes().to_vec())
        }),
        ("received the early message alone", |c| {
            c.received = vec![ps7::TOO_EARLY.as_bytes().to_vec()]
        }),
        ("received the message twice", |c| {
            c.received.push(AFTER.as_bytes().to_vec())
        }),
        ("the newcomer received nothing", |c| {
            c.newcomer_received = false
        }),
    ];
    for (what, spoil) in tcp {
        let mut spoiled = back();
        spoil(&mut spoiled);
        let finding = ps7::judge_comeback(Transport::Tcp, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
    let inproc: [Spoil<Comeback>; 3] = [
        ("resubscribed on inproc", |c| c.resubscribed = true),
        ("received on inproc", |c| {
            c.received = vec![AFTER.as_bytes().to_vec()]
        }),
        ("the newcomer received nothing", |c| {
            c.newcomer_received = false
        }),
    ];
    for (what, spoil) in inproc {
        let mut spoiled = not_back();
        spoil(&mut spoiled);
        let finding = ps7::judge_comeback(Transport::Inproc, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
    let busy_wrong: [Spoil<BusyComeback>; 3] = [
        ("resubscribed while busy", |b| {
            b.resubscribed_while_busy = true
        }),
        ("no resubscription after the call", |b| {
            b.resubscribed_after_a_call = false
        }),
        ("resubscribed, received nothing", |b| b.received = false),
    ];
    for (what, spoil) in busy_wrong {
        let mut spoiled = busy();
        spoil(&mut spoiled);
        let finding = ps7::judge_busy(Transport::Ipc, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn ps7_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let tcp: [Spoil<Comeback>; 5] = [
        ("another transport", |c| c.endpoint = "ipc:///tmp/x".into()),
        ("the first publisher never told", |c| {
            c.first.told.subscribed.clear()
        }),
        ("nothing received from the first publisher", |c| {
            c.first.got = None
        }),
        ("the newcomer's subscription never told", |c| {
            c.newcomer_told.subscribed.clear()
        }),
        ("a withdrawal told beside the newcomer's", |c| {
            c.newcomer_told.unread = vec![vec![0]]
        }),
    ];
    each_refused_for_its_set_up(back, &tcp, |spoiled| {
        ps7::judge_comeback(Transport::Tcp, spoiled)
    });
    let inproc: [Spoil<Comeback>; 4] = [
        ("the window for a resubscription cut short", |c| {
            c.took = Duration::from_millis(100)
        }),
        ("a window far longer than due", |c| {
            c.took = 10 * COMEBACK_WINDOW
        }),
        ("the old SUB stopped waiting before the last message", |c| {
            c.listened_after = Duration::ZERO
        }),
        (
            "the old SUB stopped waiting just after the last message",
            |c| c.listened_after = SILENCE / 3,
        ),
    ];
    each_refused_for_its_set_up(not_back, &inproc, |spoiled| {
        ps7::judge_comeback(Transport::Inproc, spoiled)
    });
    let busy_wrong: [Spoil<BusyComeback>; 5] = [
        ("another transport", |b| {
            b.endpoint = "tcp://127.0.0.1:1".into()
        }),
        ("nothing received from the first publisher", |b| {
            b.first.got = None
        }),
        ("the busy SUB never connected again", |b| {
            b.reconnected = None
        }),
        ("the busy window cut short", |b| {
            b.busy_listened = Duration::from_millis(10)
        }),
        ("the busy window far longer than due", |b| {
            b.busy_listened = 10 * COMEBACK_WINDOW
        }),
    ];
    each_refused_for_its_set_up(busy, &busy_wrong, |spoiled| {
        ps7::judge_busy(Transport::Ipc, spoiled)
    });
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
