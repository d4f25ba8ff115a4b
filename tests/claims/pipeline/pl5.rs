//! PL5 — "当连接被断开,数据不会丢失,重连后数据继续发送到对端".

use zmq_workbook::claims::a_tail_in_order;
use zmq_workbook::claims::pipeline::pl5::{
    self, BoundSideReturn, Reconnected, IN_FLIGHT,
};

on_networked_transports! {
    /// PL5 — "当连接被断开,数据不会丢失,重连后数据继续发送到对端": with a connecting PUSH, what is pushed while
    /// the puller is away arrives when it is back; what it had received but not read is
    /// lost.
    fn pl5_messages_pushed_while_the_puller_is_away_arrive_on_its_return(transport) {
        // ANCHOR: pl5_test
        let outcome = pl5::puller_leaves_and_returns(transport)?;
        assert_eq!(outcome.while_away_arrived, outcome.while_away_sent, "{outcome:?}");
        assert!(!outcome.unread_arrived, "the unread message came back: {outcome:?}");
        // ANCHOR_END: pl5_test
        Ok(())
    }
}

on_each_transport! {
    /// PL5 — on the bind side nothing is queued for a puller that left: once the PUSH
    /// knows, it refuses to send (EAGAIN with DONTWAIT). The control: a puller that
    /// connects again receives what is pushed after its return, but not what the first
    /// one left unread.
    fn pl5_a_binding_push_keeps_nothing_for_a_puller_that_left(transport) {
        // ANCHOR: pl5_bind_test
        let outcome = pl5::bound_push_puller_returns(transport)?;
        assert_eq!(outcome.while_away, Some(zmq::Error::EAGAIN), "{outcome:?}");
        assert!(!outcome.unread_arrived, "{outcome:?}");
        assert!(outcome.after_return_arrived, "control: {outcome:?}");
        // ANCHOR_END: pl5_bind_test
        Ok(())
    }
}

on_networked_transports! {
    /// PL5 — messages pushed as the puller leaves, before the PUSH has noticed, go down
    /// the dead connection. How many is a race; what is certain is that what does arrive
    /// is the tail of what was sent, in order, each once, and that a message sent once it
    /// noticed arrives.
    fn pl5_what_is_pushed_as_the_puller_leaves_is_lost_from_the_head(transport) {
        // ANCHOR: pl5_in_flight_test
        let arrived = pl5::push_as_the_puller_leaves(transport, IN_FLIGHT)?;
        assert!(
            pl5::control_after_a_tail(&arrived, IN_FLIGHT),
            "{transport}: arrived {arrived:?}"
        );
        // ANCHOR_END: pl5_in_flight_test
        Ok(())
    }
}

#[test]
fn pl5_a_tail_in_order_rejects_gaps_duplicates_and_reordering() {
    assert!(a_tail_in_order(&[], 10));
    assert!(a_tail_in_order(&[7, 8, 9], 10));
    assert!(a_tail_in_order(&(0..10).collect::<Vec<_>>(), 10));
    assert!(!a_tail_in_order(&[7, 9], 10), "a gap");
    assert!(!a_tail_in_order(&[8, 8, 9], 10), "a duplicate");
    assert!(!a_tail_in_order(&[8, 7, 9], 10), "reordered");
    assert!(!a_tail_in_order(&[6, 7, 8], 10), "the last one missing");
    assert!(
        !a_tail_in_order(&(0..11).collect::<Vec<_>>(), 10),
        "more than was sent"
    );
}

#[test]
fn pl5_evidence_tells_what_came_back() {
    let returned = Reconnected {
        unread_arrived: false,
        while_away_arrived: 5,
        while_away_sent: 5,
    };
    assert!(pl5::judge_returned(&returned).agrees());
    let lost = Reconnected {
        while_away_arrived: 2,
        ..returned.clone()
    };
    assert!(pl5::judge_returned(&lost)
        .evidence()
        .contains("2 of the 5 pushed"));
    assert!(!pl5::judge_returned(&lost).agrees());
    let replayed = Reconnected {
        unread_arrived: true,
        ..returned
    };
    assert!(!pl5::judge_returned(&replayed).agrees());

    let bound = BoundSideReturn {
        while_away: Some(zmq::Error::EAGAIN),
        unread_arrived: false,
        after_return_arrived: true,
    };
    assert!(pl5::judge_bound(&bound).agrees());
    let queued = BoundSideReturn {
        while_away: None,
        ..bound.clone()
    };
    let finding = pl5::judge_bound(&queued);
    assert!(!finding.agrees() && finding.evidence().contains("was accepted"));
    assert!(!pl5::judge_bound(&BoundSideReturn {
        after_return_arrived: false,
        ..bound
    })
    .agrees());

    let finding = pl5::judge_in_flight(10, 2, &[vec![8, 9, 10], vec![10]]);
    assert!(finding.agrees());
    assert!(
        finding
            .to_string()
            .contains("lost of 10, min/median/max over 2 runs: 8/10/10"),
        "{finding}"
    );
    let finding = pl5::judge_in_flight(10, 2, &[vec![8, 9, 10], vec![9, 8, 10]]);
    assert!(!finding.agrees() && finding.evidence().contains("in 1 of 2 runs"));
    assert!(
        !pl5::judge_in_flight(10, 2, &[vec![8, 9, 10]]).agrees(),
        "a run missing"
    );
    assert!(
        !pl5::judge_in_flight(10, 2, &[vec![8, 9, 10], vec![8, 9]]).agrees(),
        "a run without its control"
    );
}

#[test]
fn pl5_the_control_comes_last_after_a_tail() {
    assert!(pl5::control_after_a_tail(&[10], 10));
    assert!(pl5::control_after_a_tail(&[7, 8, 9, 10], 10));
    assert!(
        !pl5::control_after_a_tail(&[], 10),
        "nothing, not even the control"
    );
    assert!(!pl5::control_after_a_tail(&[8, 9], 10), "no control");
    assert!(
        !pl5::control_after_a_tail(&[7, 9, 10], 10),
        "a gap before it"
    );
    assert!(!pl5::control_after_a_tail(&[10, 9], 10), "not last");
}

/// PL5 — the "in your own program" lines: a puller that reads what it holds before it
/// leaves keeps every message delivered to it.
#[test]
fn pl5_in_your_own_program_read_what_was_delivered_before_leaving() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let mut pipeline = zmq_workbook::claims::pipeline::connected_pipeline(
            &lab,
            zmq_workbook::lab::Transport::Inproc,
            1,
        )?;
        for i in 0..3 {
            pipeline
                .pusher
                .socket
                .send(format!("task {i}").as_str(), 0)?;
        }
        let unread = pl5::leave_without_losing(pipeline.pullers.remove(0));
        assert_eq!(
            unread.len(),
            3,
            "every delivered task was read before leaving"
        );
        Ok(())
    })
}
