//! G2 — "有去无回": one-way sockets refuse the other direction.

use std::time::{Duration, Instant};

use zmq_workbook::claims::general::g2::{
    self, Call, Called, Outcome, RIGHT_WAY, WRONG_WAY,
};
use zmq_workbook::lab::{self, BOUND, SILENCE};

use crate::harness::watchdog;

/// G2 — "有去无回": the wrong direction on a one-way socket fails at once with ENOTSUP; the
/// control, the right direction on the same socket types, is allowed.
#[test]
fn g2_one_way_sockets_refuse_the_other_direction() {
    watchdog(|| {
        // ANCHOR: g2_test
        for (kind, call) in WRONG_WAY {
            let called = g2::try_call(kind, call)?;
            assert_eq!(
                called.error,
                Some(zmq::Error::ENOTSUP),
                "{call:?} on {kind:?}"
            );
        }
        for (kind, call) in RIGHT_WAY {
            let called = g2::try_call(kind, call)?;
            assert_ne!(
                called.error,
                Some(zmq::Error::ENOTSUP),
                "{call:?} on {kind:?}"
            );
        }
        // ANCHOR_END: g2_test
        Ok(())
    })
}

/// G2's calls do not wait: each returns long before its socket's own timeout could run
/// out (the lab's bound, read back), so "at once" is what happened, not what a timeout
/// allowed. The run as a whole agrees with the verdict.
#[test]
fn g2_no_call_waits_for_its_timeout() {
    watchdog(|| {
        let mut outcomes = [Vec::new(), Vec::new()];
        for (calls, outcomes) in [WRONG_WAY, RIGHT_WAY].iter().zip(&mut outcomes) {
            for &(asked, call) in calls {
                let before = Instant::now();
                let called = g2::try_call(asked, call)?;
                let whole = before.elapsed();
                assert_eq!(called.kind, asked);
                assert_eq!(called.timeout, lab::millis(BOUND), "{call:?} on {asked:?}");
                assert!(
                    whole < BOUND && called.took <= whole,
                    "{call:?} on {asked:?}: the whole call took {whole:?}, measured {:?}",
                    called.took
                );
                outcomes.push(Outcome {
                    asked,
                    call,
                    called,
                });
            }
        }
        let finding = g2::judge(&outcomes[0], &outcomes[1]);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    })
}

fn outcome(
    (asked, call): (zmq::SocketType, Call),
    error: Option<zmq::Error>,
    took: Duration,
) -> Outcome {
    Outcome {
        asked,
        call,
        called: Called {
            kind: asked,
            timeout: lab::millis(BOUND),
            error,
            took,
        },
    }
}

fn good() -> (Vec<Outcome>, Vec<Outcome>) {
    let fast = Duration::from_millis(1);
    let wrong = WRONG_WAY
        .iter()
        .map(|&c| outcome(c, Some(zmq::Error::ENOTSUP), fast))
        .collect();
    let right = RIGHT_WAY
        .iter()
        .map(|&c| outcome(c, Some(zmq::Error::EAGAIN), fast))
        .collect();
    (wrong, right)
}

fn disagreements(finding: &zmq_workbook::claims::Finding) -> Vec<&str> {
    finding.disagreements().map(|o| o.text.as_str()).collect()
}

#[test]
fn g2_evidence_shows_a_socket_that_sends_the_wrong_way() {
    let (wrong, right) = good();
    assert!(g2::judge(&wrong, &right).agrees());

    let mut sub_sends = wrong.clone();
    sub_sends[0].called.error = None;
    let finding = g2::judge(&sub_sends, &right);
    assert!(!finding.agrees());
    assert!(
        finding.evidence().contains("send on SUB → sent"),
        "{finding}"
    );

    let mut slow = wrong.clone();
    slow[1].called.took = Duration::from_secs(1);
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
    assert_eq!(
        disagreements(&finding),
        ["wrong way: send on PULL → ENOTSUP after 1000 ms"]
    );

    // "At once" is within the silence window, not at its end.
    let mut at_the_end = wrong.clone();
    at_the_end[1].called.took = SILENCE;
    let finding = g2::judge(&at_the_end, &right);
    assert_eq!(
        disagreements(&finding),
        ["wrong way: send on PULL → ENOTSUP after 150 ms"]
    );
}

/// Each part of G2's evidence wrong alone: the judge does not agree, and says what.
#[test]
fn g2_evidence_refuses_each_part_wrong_alone() {
    let (wrong, right) = good();
    let fast = Duration::from_millis(1);

    // Refused, at once, but not as unsupported: nothing to read is not one-way.
    let mut eagain = wrong.clone();
    eagain[2].called.error = Some(zmq::Error::EAGAIN);
    let finding = g2::judge(&eagain, &right);
    assert_eq!(
        disagreements(&finding),
        ["wrong way: recv on PUB → EAGAIN, at once"]
    );
    let mut efsm = wrong.clone();
    efsm[3].called.error = Some(zmq::Error::EFSM);
    let finding = g2::judge(&efsm, &right);
    assert_eq!(
        disagreements(&finding),
        ["wrong way: recv on PUSH → EFSM, at once"]
    );

    // The right way refused as unsupported, or answered only after a wait.
    let mut unsupported = right.clone();
    unsupported[0].called.error = Some(zmq::Error::ENOTSUP);
    let finding = g2::judge(&wrong, &unsupported);
    assert_eq!(
        disagreements(&finding),
        ["right way: recv on SUB → ENOTSUP, at once"]
    );
    let mut waited = right.clone();
    waited[1].called.took = BOUND;
    let finding = g2::judge(&wrong, &waited);
    assert_eq!(
        disagreements(&finding),
        ["right way: recv on PULL → EAGAIN after 5000 ms"]
    );
    // A right-way send that went through, at once, is what a PUB does: fine.
    let mut sent = right.clone();
    sent[2].called.error = None;
    assert!(g2::judge(&wrong, &sent).agrees());

    // A call too few or too many, on either side.
    let mut extra = wrong.clone();
    extra.push(outcome(WRONG_WAY[0], Some(zmq::Error::ENOTSUP), fast));
    let finding = g2::judge(&extra, &right);
    assert!(
        disagreements(&finding).contains(&"5 wrong-way calls where 4 were due"),
        "{finding}"
    );
    let finding = g2::judge(&wrong, &right[..3]);
    assert_eq!(
        disagreements(&finding),
        ["3 right-way calls where 4 were due"]
    );
    let mut extra = right.clone();
    extra.push(outcome(RIGHT_WAY[0], Some(zmq::Error::EAGAIN), fast));
    let finding = g2::judge(&wrong, &extra);
    assert_eq!(
        disagreements(&finding),
        ["5 right-way calls where 4 were due"]
    );

    // The set-up: a socket of another type than asked, or a timeout so short that a call
    // that waited for it would read "at once".
    let mut other_type = wrong.clone();
    other_type[0].called.kind = zmq::XSUB;
    let finding = g2::judge(&other_type, &right);
    assert_eq!(
        disagreements(&finding),
        ["send on SUB: the socket read back as a XSUB"]
    );
    let mut short = right.clone();
    short[1].called.timeout = 10;
    let finding = g2::judge(&wrong, &short);
    assert_eq!(
        disagreements(&finding),
        ["recv on PULL: the socket's timeout read back 10 ms, where at least 150 ms are due"]
    );
    assert!(
        finding.to_string().contains("set-up not proven"),
        "{finding}"
    );
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
