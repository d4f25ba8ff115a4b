//! G2 — "有去无回": one-way sockets refuse the other direction.

use std::time::Duration;

use zmq_workbook::claims::general::g2::{self, Call, RIGHT_WAY, WRONG_WAY};
use zmq_workbook::lab::SILENCE;

use crate::harness::watchdog;

/// G2 — "有去无回": the wrong direction on a one-way socket fails at once with ENOTSUP; the
/// control, the right direction on the same socket types, is allowed.
#[test]
fn g2_one_way_sockets_refuse_the_other_direction() {
    watchdog(|| {
        // ANCHOR: g2_test
        for (kind, call) in WRONG_WAY {
            let (error, _) = g2::try_call(kind, call)?;
            assert_eq!(error, Some(zmq::Error::ENOTSUP), "{call:?} on {kind:?}");
        }
        for (kind, call) in RIGHT_WAY {
            let (error, _) = g2::try_call(kind, call)?;
            assert_ne!(error, Some(zmq::Error::ENOTSUP), "{call:?} on {kind:?}");
        }
        // ANCHOR_END: g2_test
        Ok(())
    })
}

#[test]
fn g2_evidence_shows_a_socket_that_sends_the_wrong_way() {
    let fast = Duration::from_millis(1);
    let wrong: Vec<g2::Outcome> = WRONG_WAY
        .iter()
        .map(|&(kind, call)| (kind, call, Some(zmq::Error::ENOTSUP), fast))
        .collect();
    let right: Vec<g2::Outcome> = RIGHT_WAY
        .iter()
        .map(|&(kind, call)| (kind, call, Some(zmq::Error::EAGAIN), fast))
        .collect();
    assert!(g2::judge(&wrong, &right).agrees());

    let mut sub_sends = wrong.clone();
    sub_sends[0] = (zmq::SUB, Call::Send, None, fast);
    let finding = g2::judge(&sub_sends, &right);
    assert!(!finding.agrees());
    assert!(
        finding.evidence().contains("send on SUB → sent"),
        "{finding}"
    );

    let mut slow = wrong.clone();
    slow[1].3 = Duration::from_secs(1);
    assert!(
        !g2::judge(&slow, &right).agrees(),
        "ENOTSUP only after a wait"
    );
    assert!(!g2::judge(&wrong[..3], &right).agrees(), "a call missing");

    // The evidence, exactly: calls that fared alike share a line.
    assert_eq!(
        g2::judge(&wrong, &right).evidence(),
        "wrong way: send on SUB, send on PULL, recv on PUB, recv on PUSH → ENOTSUP, at once; \
         right way: recv on SUB, recv on PULL, send on PUB, send on PUSH → EAGAIN, at once"
    );
    let finding = g2::judge(&slow, &right);
    let late: Vec<_> = finding.disagreements().map(|o| o.text.as_str()).collect();
    assert_eq!(late, ["wrong way: send on PULL → ENOTSUP after 1000 ms"]);

    // "At once" is within the silence window, not at its end.
    let mut at_the_end = wrong.clone();
    at_the_end[1].3 = SILENCE;
    let finding = g2::judge(&at_the_end, &right);
    let late: Vec<_> = finding.disagreements().map(|o| o.text.as_str()).collect();
    assert_eq!(late, ["wrong way: send on PULL → ENOTSUP after 150 ms"]);
}

/// G2 — the "in your own program" lines: a worker's task goes in on one socket and out on
/// another.
#[test]
fn g2_in_your_own_program_answers_go_out_on_a_second_socket() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let ventilator = lab.socket(zmq::PUSH)?;
        let tasks = lab.bind(&ventilator, zmq_workbook::lab::Transport::Inproc)?;
        let sink = lab.socket(zmq::PULL)?;
        let results = lab.bind(&sink, zmq_workbook::lab::Transport::Inproc)?;
        let context = lab.context().clone();
        let worker =
            std::thread::spawn(move || g2::worker_step(&context, &tasks, &results));
        ventilator.send("task", 0)?; // waits (up to the lab's bound) for the worker to connect
        assert_eq!(sink.recv_bytes(0)?, b"task");
        worker.join().expect("the worker thread")?;
        Ok(())
    })
}
