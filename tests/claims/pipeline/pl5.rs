//! PL5 — "当连接被断开,数据不会丢失,重连后数据继续发送到对端".

use zmq_workbook::claims::a_tail_in_order;
use zmq_workbook::claims::pipeline::pl5::{
    self, BoundSideReturn, InFlight, Reconnected, IN_FLIGHT,
};
use zmq_workbook::lab::{self, Transport};

use super::{ready, ready_on_ipc, refuses};

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
        assert_eq!(outcome.noticed_before_away, 1, "the set-up: {outcome:?}");
        assert_eq!(outcome.ready.peers, 1, "the set-up: {outcome:?}");
        assert_eq!(lab::transport_of(&outcome.ready.endpoint), Some(transport));
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
        assert_eq!(outcome.ready.peers, 1, "the set-up: {outcome:?}");
        assert_eq!(outcome.ready_again.peers, 2, "the set-up: {outcome:?}");
        assert_eq!(lab::transport_of(&outcome.ready.endpoint), Some(transport));
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
        let run = pl5::pushed_before_the_push_noticed(transport, IN_FLIGHT)?;
        assert_eq!(run.noticed_while_sending, 0, "the set-up: sent before it noticed");
        assert!(
            pl5::control_after_a_tail(&run.arrived, IN_FLIGHT),
            "{transport}: arrived {:?}",
            run.arrived
        );
        // ANCHOR_END: pl5_in_flight_test
        assert_eq!(run.noticed_before_control, 1, "the set-up: {run:?}");
        assert_eq!(run.ready.peers, 1, "the set-up: {run:?}");
        assert_eq!(lab::transport_of(&run.ready.endpoint), Some(transport));
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

/// PL5's judge of a connecting PUSH, shown each fault alone.
#[test]
fn pl5_evidence_of_a_returning_puller_refuses_each_fault_alone() {
    let good = Reconnected {
        unread_arrived: false,
        while_away_arrived: 5,
        while_away_sent: 5,
        ready: ready(1),
        noticed_before_away: 1,
    };
    let finding = pl5::judge_returned(Transport::Tcp, &good);
    assert!(finding.agrees(), "{finding}");
    let wrong = [
        (
            "some of what was pushed while away lost",
            Reconnected {
                while_away_arrived: 2,
                ..good.clone()
            },
            "2 of the 5 pushed while it was away arrived; the one it had received but not read was lost",
        ),
        (
            "the unread one came back",
            Reconnected {
                unread_arrived: true,
                ..good.clone()
            },
            "5 of the 5 pushed while it was away arrived; the one it had received but not read arrived",
        ),
        (
            "pushed before the PUSH knew the puller was gone",
            Reconnected {
                noticed_before_away: 0,
                ..good.clone()
            },
            "the PUSH had seen 0 disconnections when it pushed the first message while the puller was away",
        ),
        (
            "the PUSH never connected before the puller left",
            Reconnected {
                ready: ready(0),
                ..good.clone()
            },
            "the PUSH: 0 peers known before it went on, where 1 should be",
        ),
        (
            "another transport",
            Reconnected {
                ready: ready_on_ipc(1),
                ..good.clone()
            },
            "the PUSH: asked for tcp, its endpoint is ipc://",
        ),
    ];
    for (what, spoiled, text) in wrong {
        refuses(&pl5::judge_returned(Transport::Tcp, &spoiled), what, text);
    }
}

/// PL5's judge of a binding PUSH, shown each fault alone.
#[test]
fn pl5_evidence_of_a_binding_push_refuses_each_fault_alone() {
    let good = BoundSideReturn {
        while_away: Some(zmq::Error::EAGAIN),
        unread_arrived: false,
        after_return_arrived: true,
        ready: ready(1),
        ready_again: ready(2),
    };
    let finding = pl5::judge_bound(Transport::Tcp, &good);
    assert!(finding.agrees(), "{finding}");
    let wrong = [
        (
            "a send while away accepted",
            BoundSideReturn {
                while_away: None,
                ..good.clone()
            },
            "a send while the puller was away was accepted; the unread one was lost",
        ),
        (
            "the unread one came back",
            BoundSideReturn {
                unread_arrived: true,
                ..good.clone()
            },
            "refused (EAGAIN); the unread one arrived; a message pushed after its return arrived",
        ),
        (
            "the control lost",
            BoundSideReturn {
                after_return_arrived: false,
                ..good.clone()
            },
            "the unread one was lost; a message pushed after its return was lost",
        ),
        (
            "the first puller not connected",
            BoundSideReturn {
                ready: ready(0),
                ..good.clone()
            },
            "the PUSH: 0 peers known before it went on, where 1 should be",
        ),
        (
            "the returning puller not connected",
            BoundSideReturn {
                ready_again: ready(1),
                ..good.clone()
            },
            "the PUSH, once the puller was back: 1 peers known before it went on, where 2",
        ),
        (
            "another transport",
            BoundSideReturn {
                ready: ready_on_ipc(1),
                ..good.clone()
            },
            "the PUSH: asked for tcp, its endpoint is ipc://",
        ),
    ];
    for (what, spoiled, text) in wrong {
        refuses(&pl5::judge_bound(Transport::Tcp, &spoiled), what, text);
    }
}

fn in_flight(arrived: &[usize]) -> InFlight {
    InFlight {
        arrived: arrived.to_vec(),
        ready: ready(1),
        noticed_while_sending: 0,
        noticed_before_control: 1,
        attempts: 1,
    }
}

/// PL5's judge of the messages pushed as the puller left, shown each fault alone: ten
/// pushed, two runs.
#[test]
fn pl5_evidence_of_messages_in_flight_refuses_each_fault_alone() {
    let good = [in_flight(&[8, 9, 10]), in_flight(&[10])];
    let finding = pl5::judge_in_flight(Transport::Tcp, 10, 2, &good);
    assert!(finding.agrees(), "{finding}");
    assert!(
        finding
            .to_string()
            .contains("lost of 10, min/median/max over 2 runs: 8/10/10"),
        "{finding}"
    );
    let tails = "what arrived was the tail, in order, each once, in 1 of 2 runs";
    let wrong = [
        ("a gap", [in_flight(&[7, 9, 10]), in_flight(&[10])], tails),
        ("reordered", [in_flight(&[9, 8, 10]), in_flight(&[10])], tails),
        ("a duplicate", [in_flight(&[9, 9, 10]), in_flight(&[10])], tails),
        ("no control", [in_flight(&[8, 9]), in_flight(&[10])], tails),
        (
            "sent after the PUSH noticed",
            [
                InFlight {
                    noticed_while_sending: 1,
                    ..in_flight(&(0..=10).collect::<Vec<_>>())
                },
                in_flight(&[10]),
            ],
            "run 0's PUSH had seen 1 disconnections when the last message in flight was sent",
        ),
        (
            "the control sent before the PUSH noticed",
            [
                in_flight(&[8, 9, 10]),
                InFlight {
                    noticed_before_control: 0,
                    ..in_flight(&[10])
                },
            ],
            "run 1's PUSH had seen 0 disconnections when it sent the control",
        ),
        (
            "the PUSH not connected before the puller left",
            [
                InFlight {
                    ready: ready(0),
                    ..in_flight(&[10])
                },
                in_flight(&[10]),
            ],
            "run 0's PUSH: 0 peers known before it went on, where 1 should be",
        ),
        (
            "another transport",
            [
                in_flight(&[10]),
                InFlight {
                    ready: ready_on_ipc(1),
                    ..in_flight(&[10])
                },
            ],
            "run 1's PUSH: asked for tcp, its endpoint is ipc://",
        ),
    ];
    for (what, spoiled, text) in wrong {
        refuses(
            &pl5::judge_in_flight(Transport::Tcp, 10, 2, &spoiled),
            what,
            text,
        );
    }
    refuses(
        &pl5::judge_in_flight(Transport::Tcp, 10, 2, &good[..1]),
        "a run missing",
        "1 runs where 2 were due",
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

on_each_transport! {
    /// PL5 — the "in your own program" lines: a puller that reads up to the sender's end of
    /// the stream has every task dealt to it, in order, and nothing can follow.
    fn pl5_in_your_own_program_a_puller_that_reads_to_the_end_loses_nothing(transport) {
        let lab = zmq_workbook::lab::Lab::new()?;
        let pipeline = zmq_workbook::claims::pipeline::connected_pipeline(&lab, transport, 1)?;
        let tasks: Vec<Vec<u8>> = (0..100).map(|i| format!("task {i}").into_bytes()).collect();
        for task in &tasks {
            pipeline.pusher.socket.send(task.as_slice(), 0)?;
        }
        pl5::end_the_stream(&pipeline.pusher.socket)?;
        let puller = &pipeline.pullers[0];
        assert_eq!(pl5::read_to_the_end(puller)?, tasks);
        // Nothing after the end.
        assert_eq!(lab::recv_within(puller, lab::SILENCE)?, None);
        // A puller whose end never comes is told so, at its receive timeout.
        puller.set_rcvtimeo(50)?;
        assert_eq!(pl5::read_to_the_end(puller), Err(zmq::Error::EAGAIN));
        Ok(())
    }
}

on_each_transport! {
    /// PL5 — why a puller cannot make its own departure safe: disconnecting first discards
    /// the connection's queue. A task that poll showed waiting is gone after the
    /// disconnect; the control, the same without it, reads the task.
    fn pl5_a_puller_that_disconnects_first_loses_what_it_held(transport) {
        let waiting = |disconnect: bool| -> anyhow::Result<Option<Vec<u8>>> {
            let lab = zmq_workbook::lab::Lab::new()?;
            let pipeline =
                zmq_workbook::claims::pipeline::connected_pipeline(&lab, transport, 1)?;
            let puller = &pipeline.pullers[0];
            pipeline.pusher.socket.send("task 0", 0)?;
            assert_eq!(puller.poll(zmq::POLLIN, lab::millis(lab::BOUND).into())?, 1);
            if disconnect {
                puller.disconnect(&pipeline.ready.endpoint)?;
            }
            match puller.recv_bytes(zmq::DONTWAIT) {
                Ok(task) => Ok(Some(task)),
                Err(zmq::Error::EAGAIN) => Ok(None),
                Err(other) => Err(other.into()),
            }
        };
        assert_eq!(waiting(false)?, Some(b"task 0".to_vec()), "the control");
        assert_eq!(waiting(true)?, None, "after the disconnect");
        Ok(())
    }
}

on_networked_transports! {
    /// PL5, beyond the claim — a connecting PUSH queues for its puller's return only with
    /// `ZMQ_IMMEDIATE` off, libzmq's default. With it on, once the PUSH has noticed the
    /// break it lets go of the connection's queue: a send while the puller is away is
    /// refused, and the returning puller gets only what is pushed after its return.
    fn pl5_with_immediate_a_connecting_push_keeps_nothing_for_a_puller_that_left(transport) {
        // ANCHOR: pl5_immediate_test
        let outcome = pl5::immediate_puller_leaves_and_returns(transport)?;
        assert_eq!(outcome.while_away, Some(zmq::Error::EAGAIN), "no queue: {outcome:?}");
        assert_eq!(outcome.returning_got, [b"after the return".to_vec()]);
        // ANCHOR_END: pl5_immediate_test
        let finding = pl5::judge_immediate_return(transport, &outcome);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

/// PL5's judge of a connecting PUSH with `ZMQ_IMMEDIATE` whose puller left, each part
/// wrong alone.
#[test]
fn pl5_evidence_of_immediate_refuses_each_part_wrong_alone() {
    let good = pl5::ImmediateReturn {
        immediate: true,
        ready: ready(1),
        noticed_before_away: 1,
        let_go: true,
        while_away: Some(zmq::Error::EAGAIN),
        handshakes_again: 2,
        returning_got: vec![b"after the return".to_vec()],
    };
    assert!(pl5::judge_immediate_return(Transport::Tcp, &good).agrees());
    type Spoil = fn(&mut pl5::ImmediateReturn);
    let wrong: [(&str, Spoil, &str); 8] = [
        (
            "a send while away accepted",
            |o| o.while_away = None,
            "a send while the puller was away was accepted",
        ),
        (
            "what was sent while away queued for the return",
            |o| o.returning_got.insert(0, b"while away".to_vec()),
            "the returning puller got [\"while away\" (10 B), \"after the return\" (16 B)]",
        ),
        (
            "the message after the return lost",
            |o| o.returning_got.clear(),
            "the returning puller got []",
        ),
        (
            "ZMQ_IMMEDIATE off",
            |o| o.immediate = false,
            "the PUSH's ZMQ_IMMEDIATE read back false",
        ),
        (
            "sent before the PUSH noticed",
            |o| o.noticed_before_away = 0,
            "the PUSH had seen 0 disconnections when it sent while the puller was away",
        ),
        (
            "sent before the PUSH let go",
            |o| o.let_go = false,
            "and had not let go of the connection",
        ),
        (
            "the returning puller not connected",
            |o| o.handshakes_again = 1,
            "the PUSH had seen 1 handshakes when it sent after the return",
        ),
        (
            "another transport",
            |o| o.ready = ready_on_ipc(1),
            "the PUSH: asked for tcp, its endpoint is ipc://",
        ),
    ];
    for (what, spoil, text) in wrong {
        let mut spoiled = good.clone();
        spoil(&mut spoiled);
        refuses(
            &pl5::judge_immediate_return(Transport::Tcp, &spoiled),
            what,
            text,
        );
    }
}
