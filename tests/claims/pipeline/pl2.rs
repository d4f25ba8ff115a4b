//! PL2 — "pull进行数据竞争获取处理".

use zmq_workbook::claims::pipeline::dealt_in_turn;
use zmq_workbook::claims::pipeline::pl1::{received_by_each_puller, Dealt};
use zmq_workbook::claims::pipeline::pl2::{self, BusyAndFree, Joined, Measured};
use zmq_workbook::claims::pipeline::pl2::{AFTER, BUSY_AND_FREE, EARLY, LATE_PULLERS};
use zmq_workbook::claims::pipeline::pl2::{DEFAULT_HWM, SMALL_HWM};
use zmq_workbook::lab::Transport;

use super::{ready, ready_on_ipc, refuses};
use crate::harness::watchdog;

on_each_transport! {
    /// PL2 — "pull进行数据竞争获取处理": with every puller connected first, PUSH deals in turn.
    fn pl2_connected_pullers_share_the_load_evenly(transport) {
        // ANCHOR: pl2_test
        let dealt = received_by_each_puller(transport, 3, 3000)?;
        let shares: Vec<usize> = dealt.received.iter().map(Vec::len).collect();
        assert_eq!(shares, [1000, 1000, 1000]);
        assert!(dealt_in_turn(&dealt.received, 0..3000), "each took every 3rd in turn");
        // ANCHOR_END: pl2_test
        assert_eq!(dealt.ready.peers, 3, "the set-up: {:?}", dealt.ready);
        Ok(())
    }
}

/// What the pullers that joined late were dealt: the first puller's share without the
/// early messages, and the others' shares.
fn after_the_join(joined: &Joined) -> Vec<Vec<usize>> {
    let mut after = joined.received.clone();
    let first = &mut after[0];
    first.drain(..EARLY.min(first.len()));
    after
}

on_each_transport! {
    /// PL2 — the pitfall: a puller that is alone at first takes everything pushed
    /// meanwhile.
    fn pl2_a_puller_alone_at_first_takes_everything_sent_meanwhile(transport) {
        // ANCHOR: pl2_late_test
        let joined = pl2::pullers_join_one_by_one(transport, LATE_PULLERS, EARLY, AFTER)?;
        let shares: Vec<usize> = joined.received.iter().map(Vec::len).collect();
        assert_eq!(shares, [400, 100, 100]);
        // ANCHOR_END: pl2_late_test
        let early: Vec<usize> = (0..EARLY).collect();
        assert_eq!(joined.received[0][..EARLY], early, "the early ones, to the first");
        let after = after_the_join(&joined);
        assert!(dealt_in_turn(&after, EARLY..EARLY + AFTER), "after: {after:?}");
        assert_eq!((joined.first.peers, joined.all.peers), (1, 3), "{joined:?}");
        Ok(())
    }
}

/// PL2 — the pitfall's experiment waits for every late puller's handshake, however many
/// join: one alone is dealt its turn of what comes after, as are two.
#[test]
fn pl2_the_late_pullers_are_all_connected_before_the_rest_is_pushed() {
    watchdog(|| {
        let joined = pl2::pullers_join_one_by_one(Transport::Tcp, 1, 10, 10)?;
        let shares: Vec<usize> = joined.received.iter().map(Vec::len).collect();
        assert_eq!(shares, [15, 5]);
        assert_eq!((joined.first.peers, joined.all.peers), (1, 2), "{joined:?}");
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
        let the_others: Vec<usize> = (1..BUSY_AND_FREE).step_by(2).collect();
        assert_eq!(dealt.free, the_others, "the free puller's turns");
        assert_eq!(dealt.ready.peers, 2, "the set-up: {:?}", dealt.ready);
        assert_eq!(dealt.marks, [DEFAULT_HWM; 3], "the set-up: the marks");
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
        assert_eq!(dealt.marks, [5; 3], "the set-up: the marks read back");
        assert_eq!(dealt.ready.peers, 2, "the set-up: {:?}", dealt.ready);
        Ok(())
    })
}

/// What PL2 measures when the world is as its verdict says.
fn measured() -> Measured {
    let evens: Vec<usize> = (0..100).step_by(2).collect();
    let odds: Vec<usize> = (1..100).step_by(2).collect();
    let in_turn = |from: usize, to: usize, pullers: usize| -> Vec<Vec<usize>> {
        (from..from + pullers)
            .map(|s| (s..to).step_by(pullers).collect())
            .collect()
    };
    let mut late = in_turn(EARLY, EARLY + AFTER, 3);
    late[0].splice(0..0, 0..EARLY);
    Measured {
        transport: Transport::Tcp,
        connected_first: Dealt {
            ready: ready(3),
            received: in_turn(0, 3000, 3),
        },
        late: Joined {
            first: ready(1),
            all: ready(3),
            received: late,
        },
        busy_and_free: BusyAndFree {
            busy: evens.clone(),
            free: odds.clone(),
            ready: ready(2),
            marks: [DEFAULT_HWM; 3],
        },
        busy_queue_full: Some(BusyAndFree {
            busy: evens[..10].to_vec(),
            free: odds[..10].iter().copied().chain(20..100).collect(),
            ready: ready(2),
            marks: [SMALL_HWM; 3],
        }),
    }
}

type Spoil = fn(&mut Measured);

/// PL2's judge, shown each fault alone.
#[test]
fn pl2_evidence_refuses_each_fault_alone() {
    let good = measured();
    let finding = pl2::judge(&good);
    assert!(finding.agrees(), "{finding}");
    let wrong: [(&str, Spoil, &str); 15] = [
        (
            "every puller got some, unevenly",
            |m| {
                let moved = m.connected_first.received[0].pop().unwrap();
                m.connected_first.received[1].push(moved);
            },
            "shares 999, 1001, 1000",
        ),
        (
            "an equal count, not in turn",
            |m| {
                m.connected_first.received = (0..3)
                    .map(|p| (p * 1000..(p + 1) * 1000).collect())
                    .collect();
            },
            "shares 1000, 1000, 1000, not dealt in turn",
        ),
        (
            "the early messages not all to the first, in order",
            |m| m.late.received[0].swap(0, 1),
            "shares 400, 100, 100, the first not dealt the first 300",
        ),
        (
            "equal shares after the join, not in turn",
            |m| {
                let first: Vec<usize> = (0..400).collect();
                let rest = [(400..500).collect(), (500..600).collect()];
                m.late.received = [vec![first], rest.to_vec()].concat();
            },
            "shares 400, 100, 100, the rest not dealt in turn",
        ),
        (
            "the busy one dealt a block, not every other one",
            |m| {
                m.busy_and_free.busy = (0..50).collect();
                m.busy_and_free.free = (50..100).collect();
            },
            "the busy one was dealt 50 (0, 1, 2, …, 49), not as dealing in turn gives",
        ),
        (
            "a message dealt to neither",
            |m| {
                m.busy_and_free.free.pop();
            },
            "the free one 49, 1 dealt to neither, 0 to both",
        ),
        (
            "a message dealt to both",
            |m| m.busy_and_free.free.push(0),
            "the free one 51, 0 dealt to neither, 1 to both",
        ),
        (
            "the busy one's queue never full",
            |m| {
                let full = m.busy_queue_full.as_mut().unwrap();
                full.busy = (0..100).step_by(2).collect();
                full.free = (1..100).step_by(2).collect();
            },
            "the busy one was dealt 50 (0, 2, 4, …, 98), not as dealing in turn gives",
        ),
        (
            "a puller not connected before the first send",
            |m| m.connected_first.ready.peers = 2,
            "pullers connected first: the PUSH: 2 peers known",
        ),
        (
            "another puller there from the start",
            |m| m.late.first.peers = 2,
            "one puller first: the PUSH: 2 peers known",
        ),
        (
            "a late puller not yet known",
            |m| m.late.all.peers = 2,
            "the late pullers joined: the PUSH: 2 peers known",
        ),
        (
            "the free puller not connected",
            |m| m.busy_and_free.ready.peers = 1,
            "100 pushed: the PUSH: 1 peers known",
        ),
        (
            "a mark other than the default",
            |m| m.busy_and_free.marks[1] = 5,
            "high-water marks read back 1000, 5, 1000, where 1000 each were set",
        ),
        (
            "the small marks not set",
            |m| m.busy_queue_full.as_mut().unwrap().marks = [DEFAULT_HWM; 3],
            "high-water marks read back 1000, 1000, 1000, where 5 each were set",
        ),
        (
            "another transport",
            |m| m.connected_first.ready = ready_on_ipc(3),
            "asked for tcp, its endpoint is ipc://",
        ),
    ];
    for (what, spoil, text) in wrong {
        let mut spoiled = good.clone();
        spoil(&mut spoiled);
        refuses(&pl2::judge(&spoiled), what, text);
    }
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
