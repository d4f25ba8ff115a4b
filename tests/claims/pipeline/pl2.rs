//! PL2 — "pull进行数据竞争获取处理".

use zmq_workbook::claims::pipeline::pl1::received_by_each_puller;
use zmq_workbook::claims::pipeline::pl2::{self, BusyAndFree, Measured};
use zmq_workbook::claims::pipeline::pl2::{AFTER, BUSY_AND_FREE, EARLY, LATE_PULLERS};
use zmq_workbook::lab::Transport;

use crate::harness::watchdog;

on_each_transport! {
    /// PL2 — "pull进行数据竞争获取处理": with every puller connected first, PUSH deals in turn.
    fn pl2_connected_pullers_share_the_load_evenly(transport) {
        // ANCHOR: pl2_test
        let received = received_by_each_puller(transport, 3, 3000)?;
        let shares: Vec<usize> = received.iter().map(Vec::len).collect();
        assert_eq!(shares, [1000, 1000, 1000]);
        // ANCHOR_END: pl2_test
        Ok(())
    }
}

on_each_transport! {
    /// PL2 — the pitfall: a puller that is alone at first takes everything pushed
    /// meanwhile.
    fn pl2_a_puller_alone_at_first_takes_everything_sent_meanwhile(transport) {
        // ANCHOR: pl2_late_test
        let shares = pl2::pullers_join_one_by_one(transport, LATE_PULLERS, EARLY, AFTER)?;
        assert_eq!(shares, [400, 100, 100]);
        // ANCHOR_END: pl2_late_test
        Ok(())
    }
}

/// PL2 — the pitfall's experiment waits for every late puller's handshake, however many
/// join: one alone is dealt its turn of what comes after, as are two.
#[test]
fn pl2_the_late_pullers_are_all_connected_before_the_rest_is_pushed() {
    watchdog(|| {
        let shares = pl2::pullers_join_one_by_one(Transport::Tcp, 1, 10, 10)?;
        assert_eq!(shares, [15, 5]);
        Ok(())
    })
}

on_each_transport! {
    /// PL2 — not "whoever is free": a puller busy elsewhere is dealt its turn all the
    /// same, and its share waits in its queue while the free puller gets only every other
    /// message.
    fn pl2_push_deals_in_turn_not_to_whoever_is_free(transport) {
        // ANCHOR: pl2_busy_test
        let dealt = pl2::busy_and_free(transport, BUSY_AND_FREE, None)?;
        let every_other: Vec<usize> = (0..BUSY_AND_FREE).step_by(2).collect();
        assert_eq!(dealt.busy, every_other, "the busy puller's turns");
        assert_eq!(dealt.free.len(), BUSY_AND_FREE / 2, "the free one got no more");
        // ANCHOR_END: pl2_busy_test
        Ok(())
    }
}

/// PL2 — until the busy puller's queue is full: from then on the PUSH passes it over.
/// inproc, where a pipe holds exactly the two high-water marks (5 + 5).
#[test]
fn pl2_a_busy_puller_is_passed_over_once_its_queue_is_full() {
    watchdog(|| {
        // ANCHOR: pl2_full_test
        let dealt = pl2::busy_and_free(Transport::Inproc, BUSY_AND_FREE, Some(5))?;
        assert_eq!(
            dealt.busy,
            [0, 2, 4, 6, 8, 10, 12, 14, 16, 18],
            "until 5 + 5 queued"
        );
        assert_eq!(
            dealt.free.len(),
            BUSY_AND_FREE - 10,
            "then everything to the free one"
        );
        // ANCHOR_END: pl2_full_test
        Ok(())
    })
}

#[test]
fn pl2_evidence_tells_dealing_in_turn_from_dealing_to_the_free() {
    let evens: Vec<usize> = (0..100).step_by(2).collect();
    let odds: Vec<usize> = (1..100).step_by(2).collect();
    let measured = Measured {
        shares: vec![1000; 3],
        late: vec![400, 100, 100],
        busy_and_free: BusyAndFree {
            busy: evens.clone(),
            free: odds.clone(),
        },
        busy_queue_full: Some(BusyAndFree {
            busy: evens[..10].to_vec(),
            free: (0..90).collect(),
        }),
    };
    assert!(pl2::judge(&measured).agrees());
    let to_the_free = Measured {
        busy_and_free: BusyAndFree {
            busy: vec![0],
            free: (1..100).collect(),
        },
        ..measured.clone()
    };
    let finding = pl2::judge(&to_the_free);
    assert!(!finding.agrees());
    assert!(finding
        .evidence()
        .contains("the busy one was dealt 1 (0), the free one 99"));
    let never_full = Measured {
        busy_queue_full: Some(BusyAndFree {
            busy: evens,
            free: odds,
        }),
        ..measured.clone()
    };
    assert!(!pl2::judge(&never_full).agrees());
    let uneven = Measured {
        late: vec![200, 200, 200],
        ..measured
    };
    assert!(pl2::judge(&uneven)
        .evidence()
        .contains("shares 200, 200, 200"));
    assert!(!pl2::judge(&uneven).agrees());
}

/// PL2 — the "in your own program" lines: a worker that never comes is reported once
/// the timeout passed, and the one that came is counted.
#[test]
fn pl2_in_your_own_program_a_worker_that_never_comes_is_reported() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.free_endpoint(Transport::Tcp)?;
        let ventilator = pl2::ventilator(lab.context(), &endpoint)?;
        let worker = lab.connected(zmq::PULL, &endpoint, 1)?;
        assert!(
            !ventilator.wait_for_workers(2, 50)?,
            "two workers counted where one came"
        );
        let late = lab.connected(zmq::PULL, &endpoint, 1)?;
        assert!(
            ventilator.wait_for_workers(1, 5000)?,
            "the late worker never came"
        );
        drop((worker, late));
        Ok(())
    })
}

/// PL2 — the "in your own program" lines: a ventilator that waited for its two workers
/// deals its first two tasks one to each.
#[test]
fn pl2_in_your_own_program_waiting_for_workers_shares_the_first_tasks() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.free_endpoint(Transport::Tcp)?;
        let ventilator = pl2::ventilator(lab.context(), &endpoint)?;
        let workers = lab.connected(zmq::PULL, &endpoint, 2)?;
        assert!(
            ventilator.wait_for_workers(2, 5000)?,
            "the workers never connected"
        );
        ventilator.socket.send("task 0", 0)?;
        ventilator.socket.send("task 1", 0)?;
        for worker in &workers {
            assert!(worker.recv_bytes(0)?.starts_with(b"task"));
        }
        drop(workers);
        Ok(())
    })
}
