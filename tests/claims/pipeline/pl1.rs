//! PL1 ★ — "push的任何一个消息,始终只会有一个pull端收到消息".

use zmq_workbook::claims::pipeline::pl1::{self, MESSAGES, PULLERS};
use zmq_workbook::claims::pipeline::{exactly_once, tally};

on_each_transport! {
    /// PL1 ★ — "push的任何一个消息,始终只会有一个pull端收到消息": none lost, none twice.
    fn pl1_every_message_reaches_exactly_one_puller(transport) {
        // ANCHOR: pl1_test
        let received = pl1::received_by_each_puller(transport, PULLERS, MESSAGES)?;
        assert_eq!(received.len(), PULLERS);
        assert!(exactly_once(&received, MESSAGES), "some message was lost or duplicated");
        // ANCHOR_END: pl1_test
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
    assert!(pl1::judge(2, 3, &[vec![0, 2], vec![1]]).agrees());
    let finding = pl1::judge(2, 3, &[vec![0, 2], vec![2]]);
    assert!(!finding.agrees());
    assert!(finding
        .evidence()
        .contains("1 arrived exactly once, 1 never, 1 more than once"));
    assert!(
        !pl1::judge(3, 3, &[vec![0, 2], vec![1]]).agrees(),
        "a puller missing"
    );
}

/// PL1 — the "in your own program" lines: two workers, six tasks, each task once.
#[test]
fn pl1_in_your_own_program_each_task_reaches_one_worker() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let (ventilator, workers) = zmq_workbook::claims::pipeline::connected_pipeline(
            &lab,
            zmq_workbook::lab::Transport::Tcp,
            2,
        )?;
        pl1::ventilate(
            &ventilator.socket,
            &["task 0", "task 1", "task 2", "task 3"],
        )?;
        let received = zmq_workbook::claims::pipeline::collect_from(&workers, 4)?;
        assert!(exactly_once(&received, 4), "{received:?}");
        Ok(())
    })
}
