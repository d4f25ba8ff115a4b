//! PS5 — "如果中途有 Subscriber 端退出,并不影响他继续的广播 … 收到的就是后来发送的新的信息了".

use zmq_workbook::claims::pubsub::numbered;
use zmq_workbook::claims::pubsub::ps5::{self, LeaveAndReturn, AFTER_RETURN};

on_each_transport! {
    /// PS5 — "中途有 Subscriber 端退出,并不影响他继续的广播 … 收到的就是后来发送的新的信息了".
    fn ps5_a_returning_subscriber_gets_only_new_messages(transport) {
        // ANCHOR: ps5_test
        let outcome = ps5::leave_and_return(transport)?;
        assert_eq!(outcome.staying, ps5::everything(), "the broadcast went on");
        assert_eq!(outcome.returning, numbered("after return", AFTER_RETURN));
        // ANCHOR_END: ps5_test
        Ok(())
    }
}

#[test]
fn ps5_evidence_counts_what_the_returning_subscriber_got() {
    let right = LeaveAndReturn {
        staying: ps5::everything(),
        returning: numbered("after return", AFTER_RETURN),
    };
    assert!(ps5::judge(&right).agrees());
    let replayed = LeaveAndReturn {
        returning: ps5::everything()[1..].to_vec(),
        ..right.clone()
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
        ..right
    };
    assert!(ps5::judge(&disturbed).evidence().contains("got 6 of 11"));
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
