//! PS5 — "如果中途有 Subscriber 端退出,并不影响他继续的广播 … 收到的就是后来发送的新的信息了".

use zmq_workbook::claims::pubsub::ps5::{self, LeaveAndReturn, AFTER_RETURN};
use zmq_workbook::claims::pubsub::{numbered, Told};
use zmq_workbook::lab::Transport;

/// A way to spoil a run, and what it makes wrong.
type Spoil<T> = (&'static str, fn(&mut T));

on_each_transport! {
    /// PS5 — "中途有 Subscriber 端退出,并不影响他继续的广播 … 收到的就是后来发送的新的信息了".
    fn ps5_a_returning_subscriber_gets_only_new_messages(transport) {
        // ANCHOR: ps5_test
        let outcome = ps5::leave_and_return(transport)?;
        assert_eq!(outcome.staying, ps5::everything(), "the broadcast went on");
        assert_eq!(outcome.returning, numbered("after return", AFTER_RETURN));
        // ANCHOR_END: ps5_test
        let finding = ps5::judge(&outcome);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

fn told(subscriptions: usize) -> Told {
    Told {
        subscribed: vec![vec![]; subscriptions],
        unread: vec![],
    }
}

/// A run as the verdict has it, on ipc.
fn right() -> LeaveAndReturn {
    LeaveAndReturn {
        transport: Transport::Ipc,
        staying: ps5::everything(),
        returning: numbered("after return", AFTER_RETURN),
        endpoint: "ipc:///tmp/ps5.ipc".into(),
        told_before: told(2),
        leaving_got: Some(b"before".to_vec()),
        left: 1,
        told_back: told(1),
        connections: 3,
    }
}

#[test]
fn ps5_evidence_counts_what_the_returning_subscriber_got() {
    let finding = ps5::judge(&right());
    assert!(finding.agrees(), "{finding}");
    let replayed = LeaveAndReturn {
        returning: ps5::everything()[1..].to_vec(),
        ..right()
    };
    let finding = ps5::judge(&replayed);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("got 5 of the 5 sent while it was away"),
        "{finding}"
    );
    let disturbed = LeaveAndReturn {
        staying: ps5::everything()[..6].to_vec(),
        ..right()
    };
    assert!(ps5::judge(&disturbed).evidence().contains("got 6 of 11"));
}

/// Each thing the evidence states, wrong alone, and nothing else: the run does not agree.
#[test]
fn ps5_evidence_refuses_each_part_wrong_alone() {
    let wrong: [Spoil<LeaveAndReturn>; 9] = [
        ("the staying one lost one", |o| {
            o.staying.remove(3);
        }),
        ("the staying one got a duplicate in place of a loss", |o| {
            o.staying[3] = o.staying[2].clone()
        }),
        ("the staying one got them out of order", |o| {
            o.staying.swap(2, 3)
        }),
        ("the staying one got a duplicate beside everything", |o| {
            o.staying.push(o.staying[10].clone())
        }),
        ("the returning one got nothing at all", |o| {
            o.returning.clear()
        }),
        ("the returning one got the old as well as the new", |o| {
            o.returning = ps5::everything()
        }),
        ("the returning one got one sent while it was away", |o| {
            o.returning.insert(0, b"while away 4".to_vec())
        }),
        ("the returning one lost one of the new", |o| {
            o.returning.pop();
        }),
        ("the returning one got the new out of order", |o| {
            o.returning.swap(0, 1)
        }),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = right();
        spoil(&mut spoiled);
        let finding = ps5::judge(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn ps5_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let wrong: [Spoil<LeaveAndReturn>; 9] = [
        ("another transport", |o| {
            o.endpoint = "tcp://127.0.0.1:1".into()
        }),
        ("one subscription before publishing", |o| {
            o.told_before = told(1)
        }),
        ("an unsubscription beside them", |o| {
            o.told_before.unread = vec![vec![0]]
        }),
        ("the leaving one received nothing before it left", |o| {
            o.leaving_got = None
        }),
        ("the leaving one received something else", |o| {
            o.leaving_got = Some(b"while away 0".to_vec())
        }),
        (
            "the leaving one's connection did not end: it only unsubscribed",
            |o| o.left = 0,
        ),
        ("the returning one's subscription never told", |o| {
            o.told_back = told(0)
        }),
        ("a withdrawal told when it came back", |o| {
            o.told_back.unread = vec![vec![0]]
        }),
        ("a fourth connection", |o| o.connections = 4),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = right();
        spoil(&mut spoiled);
        let finding = ps5::judge(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// PS5 — the "in your own program" lines: a subscriber that comes back gets the latest
/// value at once, though it was published while it was away.
#[test]
fn ps5_in_your_own_program_a_newcomer_gets_the_latest_value() {
    crate::harness::watchdog(|| {
        use zmq_workbook::claims::pubsub::{publisher, subscriber};
        let lab = zmq_workbook::lab::Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, zmq_workbook::lab::Transport::Tcp)?;
        publisher.send("price 41", 0)?; // nobody there: gone
        let newcomer = subscriber(&lab, &endpoint, &[b"price"])?;
        assert!(ps5::welcome(&publisher, b"price 41")?);
        assert_eq!(newcomer.recv_bytes(0)?, b"price 41");
        Ok(())
    })
}
