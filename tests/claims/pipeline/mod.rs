//! Parallel pipeline (PL1–PL5). Each test quotes the article above the property it
//! checks; the tests here check what the experiments share.

mod pl1;
mod pl2;
mod pl3;
mod pl4;
mod pl5;

use std::time::{Duration, Instant};

use zmq_workbook::claims::pipeline::{
    await_peers, collect_within, connected_pipeline, dealt_in_turn, tally,
};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Ready, Transport, BOUND};

use crate::harness::watchdog;

/// A proof of a set-up as a tcp run would give it, with `peers` connected.
pub fn ready(peers: usize) -> Ready {
    Ready {
        endpoint: "tcp://127.0.0.1:10000".into(),
        peers,
    }
}

/// The same proof, naming another transport.
pub fn ready_on_ipc(peers: usize) -> Ready {
    Ready {
        endpoint: "ipc:///tmp/lab/0.ipc".into(),
        peers,
    }
}

/// Asserts that `finding` does not agree, and that among what it shows, the observation
/// (or unproven set-up) that reads `text` is one that disagrees: the fault `what` is seen
/// by the check meant for it, not only by another.
pub fn refuses(finding: &Finding, what: &str, text: &str) {
    assert!(!finding.agrees(), "{what}: agreed\n{finding}");
    let shown = finding.shown();
    assert!(
        shown.iter().any(|o| !o.agrees && o.text.contains(text)),
        "{what}: no disagreeing line reads {text:?}\n{finding}"
    );
}

on_networked_transports! {
    /// The set-up waits for every puller's handshake, not the first one's: with one of two
    /// pullers connected the wait runs out, at its bound; once both are, it proves two.
    fn pipeline_the_push_waits_for_every_puller(transport) {
        let lab = Lab::new()?;
        let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
        let endpoint = lab.bind(&pusher.socket, transport)?;
        let first = lab.connected(zmq::PULL, &endpoint, 1)?;
        pusher.wait_handshakes(1)?;
        let within = Duration::from_millis(100);
        let started = Instant::now();
        let outcome = await_peers(&mut pusher, &endpoint, 2, within);
        let took = started.elapsed();
        assert!(outcome.is_err(), "ready with 1 puller of 2: {outcome:?}");
        assert!(lab::gave_up_at(took, within), "gave up after {took:?}");

        let second = lab.connected(zmq::PULL, &endpoint, 1)?;
        let ready = await_peers(&mut pusher, &endpoint, 2, BOUND)?;
        assert_eq!(ready.peers, 2, "{ready:?}");
        drop((first, second));
        Ok(())
    }
}

on_each_transport! {
    /// A connected pipeline proves its set-up: the transport it was asked for, and every
    /// puller known before the first send.
    fn pipeline_a_connected_pipeline_proves_its_set_up(transport) {
        let lab = Lab::new()?;
        let pipeline = connected_pipeline(&lab, transport, 3)?;
        assert_eq!(pipeline.pullers.len(), 3);
        assert_eq!(pipeline.ready.peers, 3, "{:?}", pipeline.ready);
        assert_eq!(
            lab::transport_of(&pipeline.ready.endpoint),
            Some(transport),
            "{:?}",
            pipeline.ready
        );
        Ok(())
    }
}

/// collect_from listens past the count it expects: a duplicate queued behind the last
/// expected message is reported, as one number received twice.
#[test]
fn pipeline_collect_from_sees_a_duplicate_after_the_count() {
    watchdog(|| {
        let lab = Lab::new()?;
        let pipeline = connected_pipeline(&lab, Transport::Inproc, 2)?;
        for text in ["task 0", "task 1", "task 2", "task 3", "task 1"] {
            pipeline.pusher.socket.send(text, 0)?;
        }
        let received = collect_within(&pipeline.pullers, 4, BOUND)?;
        assert_eq!(
            tally(&received, 4),
            (3, 0, 1),
            "once, never, more than once: {received:?}"
        );
        Ok(())
    })
}

/// collect_from with one message missing fails once it has waited for it, at its bound,
/// and says how many came.
#[test]
fn pipeline_collect_from_fails_when_one_is_missing() {
    watchdog(|| {
        let lab = Lab::new()?;
        let pipeline = connected_pipeline(&lab, Transport::Inproc, 2)?;
        for i in 0..4 {
            pipeline
                .pusher
                .socket
                .send(format!("task {i}").as_str(), 0)?;
        }
        let within = Duration::from_millis(100);
        let started = Instant::now();
        let outcome = collect_within(&pipeline.pullers, 5, within);
        let took = started.elapsed();
        match outcome {
            Ok(received) => panic!("returned {received:?} for 5"),
            Err(error) => {
                assert!(
                    format!("{error:#}").contains("only 4 of 5 arrived"),
                    "{error:#}"
                )
            }
        }
        assert!(lab::gave_up_at(took, within), "gave up after {took:?}");
        Ok(())
    })
}

#[test]
fn pipeline_dealt_in_turn_wants_every_nth_from_each_its_own_start() {
    let every_third = |from: usize, to: usize| -> Vec<Vec<usize>> {
        (from..from + 3)
            .map(|s| (s..to).step_by(3).collect())
            .collect()
    };
    assert!(dealt_in_turn(&every_third(0, 9), 0..9));
    assert!(dealt_in_turn(&every_third(300, 306), 300..306));
    let mut another_order = every_third(0, 9);
    another_order.rotate_left(1);
    assert!(
        dealt_in_turn(&another_order, 0..9),
        "pullers in another order"
    );

    let blocks = vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]];
    assert!(!dealt_in_turn(&blocks, 0..9), "equal shares, not in turn");
    let same_start = vec![vec![0, 3, 6], vec![0, 3, 6], vec![2, 5, 8]];
    assert!(!dealt_in_turn(&same_start, 0..9), "two from the same start");
    let reordered = vec![vec![3, 0, 6], vec![1, 4, 7], vec![2, 5, 8]];
    assert!(!dealt_in_turn(&reordered, 0..9), "out of order");
    let short = vec![vec![0, 3], vec![1, 4, 7], vec![2, 5, 8]];
    assert!(!dealt_in_turn(&short, 0..9), "one missing at the end");
    let head_lost = vec![vec![3, 6], vec![4, 7], vec![5, 8]];
    assert!(
        !dealt_in_turn(&head_lost, 0..9),
        "each from a start past the first"
    );
    let idle = vec![vec![0, 2, 4], vec![1, 3, 5], vec![]];
    assert!(!dealt_in_turn(&idle, 0..6), "a puller dealt nothing");
    assert!(!dealt_in_turn(&[], 0..6), "no puller at all");
}
