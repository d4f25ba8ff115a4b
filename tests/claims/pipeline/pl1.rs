//! PL1 ★ — "push的任何一个消息,始终只会有一个pull端收到消息".

use zmq_workbook::claims::pipeline::pl1::{self, Dealt, MESSAGES, PULLERS};
use zmq_workbook::claims::pipeline::{exactly_once, tally};
use zmq_workbook::lab::{self, Transport};

use super::{ready, ready_on_ipc, refuses};

on_each_transport! {
    /// PL1 ★ — "push的任何一个消息,始终只会有一个pull端收到消息": none lost, none twice.
    fn pl1_every_message_reaches_exactly_one_puller(transport) {
        // ANCHOR: pl1_test
        let dealt = pl1::received_by_each_puller(transport, PULLERS, MESSAGES)?;
        assert_eq!(dealt.ready.peers, PULLERS, "the set-up: all connected first");
        assert_eq!(dealt.received.len(), PULLERS);
        let (once, lost, twice) = tally(&dealt.received, MESSAGES);
        assert_eq!((once, lost, twice), (MESSAGES, 0, 0), "once, never, twice");
        // ANCHOR_END: pl1_test
        assert_eq!(lab::transport_of(&dealt.ready.endpoint), Some(transport));
        let finding = pl1::judge(transport, PULLERS, MESSAGES, &dealt);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

#[test]
fn pl1_evidence_counts_the_lost_and_the_doubled() {
    assert_eq!(tally(&[vec![0, 2], vec![1]], 3), (3, 0, 0));
    assert_eq!(tally(&[vec![0, 2], vec![2]], 3), (1, 1, 1));
    assert_eq!(
        tally(&[vec![0, 1, 2, 7]], 3),
        (3, 0, 1),
        "a number never sent"
    );
    assert_eq!(
        tally(&[vec![0, 0, 0], vec![]], 3),
        (0, 2, 1),
        "one, three times"
    );
    assert!(exactly_once(&[vec![0, 2], vec![1]], 3));
    assert!(!exactly_once(&[vec![0, 2], vec![2]], 3), "1 lost, 2 twice");
}

fn dealt(received: Vec<Vec<usize>>) -> Dealt {
    Dealt {
        ready: ready(2),
        received,
    }
}

/// PL1's judge, shown each fault alone: two pullers, three messages.
#[test]
fn pl1_evidence_refuses_each_fault_alone() {
    let good = dealt(vec![vec![0, 2], vec![1]]);
    let finding = pl1::judge(Transport::Tcp, 2, 3, &good);
    assert!(finding.agrees(), "{finding}");
    let wrong = [
        (
            "a duplicate without a loss",
            dealt(vec![vec![0, 1, 2], vec![1]]),
            "2 arrived exactly once, 0 never, 1 more than once",
        ),
        (
            "a loss without a duplicate",
            dealt(vec![vec![0, 2], vec![]]),
            "2 arrived exactly once, 1 never, 0 more than once",
        ),
        (
            "a number never sent",
            dealt(vec![vec![0, 2], vec![1, 7]]),
            "3 arrived exactly once, 0 never, 1 more than once",
        ),
        (
            "a puller missing",
            dealt(vec![vec![0, 1, 2]]),
            "1 pullers' receipts where 2 were due",
        ),
        (
            "a puller not connected before the first send",
            Dealt {
                ready: ready(1),
                ..good.clone()
            },
            "1 peers known before it went on, where 2 should be",
        ),
        (
            "another transport",
            Dealt {
                ready: ready_on_ipc(2),
                ..good.clone()
            },
            "asked for tcp, its endpoint is ipc://",
        ),
    ];
    for (what, spoiled, text) in wrong {
        refuses(&pl1::judge(Transport::Tcp, 2, 3, &spoiled), what, text);
    }
}

/// PL1 — the "in your own program" lines: two workers, six tasks, each task once.
#[test]
fn pl1_in_your_own_program_each_task_reaches_one_worker() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let pipeline = zmq_workbook::claims::pipeline::connected_pipeline(
            &lab,
            zmq_workbook::lab::Transport::Tcp,
            2,
        )?;
        pl1::ventilate(
            &pipeline.pusher.socket,
            &["task 0", "task 1", "task 2", "task 3"],
        )?;
        let received =
            zmq_workbook::claims::pipeline::collect_from(&pipeline.pullers, 4)?;
        assert!(exactly_once(&received, 4), "{received:?}");
        Ok(())
    })
}
