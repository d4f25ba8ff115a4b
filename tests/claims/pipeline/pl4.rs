//! PL4 — "区别于Publish-Subscribe存在一个数据缓存和处理负载".

use std::time::Duration;

use zmq_workbook::claims::pipeline::pl4::{
    self, Measured, NoPuller, PushSide, SlowPuller,
};
use zmq_workbook::claims::pipeline::pl4::{HWM, SEND_TIMEOUT, SLOW_PULLER, TRIED};
use zmq_workbook::claims::pubsub::ps4::{predicted_kept, Queues};
use zmq_workbook::lab::{self, Transport, BOUND};

use super::{ready, ready_on_ipc, refuses};
use crate::harness::watchdog;

/// The set-up every run without a puller must prove: the transport, nobody there, the mark
/// and the timeout read back.
fn assert_alone(transport: Transport, outcome: &NoPuller) {
    assert_eq!(outcome.ready.peers, 0, "nobody there: {outcome:?}");
    assert_eq!(lab::transport_of(&outcome.ready.endpoint), Some(transport));
    assert_eq!(outcome.sndhwm, HWM, "SNDHWM read back");
    assert_eq!(
        outcome.sndtimeo,
        Some(lab::millis(SEND_TIMEOUT)),
        "SNDTIMEO read back before the timed send"
    );
}

on_each_transport! {
    /// PL4 — "存在一个数据缓存": a connecting PUSH queues exactly up to its high-water mark, then
    /// refuses (never drops); a puller that comes later receives every queued message.
    fn pl4_a_connecting_push_queues_up_to_its_high_water_mark(transport) {
        // ANCHOR: pl4_test
        let side = PushSide::Connects;
        let outcome = pl4::push_without_puller(transport, side, HWM, TRIED)?;
        assert_eq!(outcome.accepted, HWM as usize, "queued up to SNDHWM, no more");
        assert_eq!(outcome.refused_with, Some(zmq::Error::EAGAIN));
        assert_eq!(outcome.later_received, outcome.accepted, "all delivered later");
        // ANCHOR_END: pl4_test
        assert_alone(transport, &outcome);
        let took = outcome.timeout_took.expect("a refused send is tried with a timeout");
        assert!(lab::gave_up_at(took, SEND_TIMEOUT), "gave up after {took:?}");
        Ok(())
    }
}

on_each_transport! {
    /// PL4 — but a binding PUSH with no puller has no queue: the first send is refused,
    /// and a send with a timeout waits that long, and no longer, before EAGAIN.
    fn pl4_a_binding_push_without_puller_refuses_to_send(transport) {
        // ANCHOR: pl4_bind_test
        let outcome = pl4::push_without_puller(transport, PushSide::Binds, HWM, TRIED)?;
        assert_eq!(outcome.accepted, 0);
        assert_eq!(outcome.refused_with, Some(zmq::Error::EAGAIN));
        let took = outcome.timeout_took.expect("a refused send is tried with a timeout");
        assert!(lab::gave_up_at(took, SEND_TIMEOUT), "gave up after {took:?}");
        assert_eq!(outcome.later_received, 0, "nothing was queued, nothing comes later");
        // ANCHOR_END: pl4_bind_test
        assert_alone(transport, &outcome);
        Ok(())
    }
}

on_each_transport! {
    /// PL4 — at the high-water mark a PUSH blocks instead of dropping: a connected puller
    /// that does not read makes the PUSH refuse further sends once the marks and buffers
    /// are full, and finds every accepted message.
    fn pl4_at_the_high_water_mark_push_blocks_and_drops_nothing(transport) {
        // ANCHOR: pl4_hwm_test
        let slow = pl4::push_to_slow_puller(transport, SLOW_PULLER)?;
        let holds = predicted_kept(transport, SLOW_PULLER).expect("the marks are pinned");
        let accepted = slow.accepted;
        assert!(holds.contains(&accepted), "took {accepted}; the queues hold {holds:?}");
        assert_eq!(slow.refused_with, zmq::Error::EAGAIN, "then it blocked…");
        let waited = slow.refused_after;
        assert!(lab::gave_up_at(waited, SEND_TIMEOUT), "…for {waited:?}");
        assert_eq!(slow.found, accepted, "every accepted message is delivered");
        // ANCHOR_END: pl4_hwm_test
        assert_eq!(slow.marks, [HWM; 2], "SNDHWM and RCVHWM read back");
        assert_eq!(slow.buffers, [16 * 1024; 2], "SO_SNDBUF and SO_RCVBUF read back");
        assert_eq!(slow.sndtimeo, lab::millis(SEND_TIMEOUT), "SNDTIMEO read back");
        assert_eq!(slow.ready.peers, 1, "the puller connected first: {:?}", slow.ready);
        assert_eq!(lab::transport_of(&slow.ready.endpoint), Some(transport));
        Ok(())
    }
}

/// PL4 — the depth is the high-water marks' doing: with marks of 50, a PUSH to a puller
/// that does not read takes 100 (inproc, where one pipe holds both marks exactly).
#[test]
fn pl4_the_buffer_is_as_deep_as_the_high_water_marks_say() {
    watchdog(|| {
        let deeper = Queues {
            hwm: Some(50),
            ..SLOW_PULLER
        };
        let slow = pl4::push_to_slow_puller(Transport::Inproc, deeper)?;
        assert_eq!(slow.marks, [50, 50], "the set-up: the marks read back");
        assert_eq!((slow.accepted, slow.found), (100, 100), "{slow:?}");
        Ok(())
    })
}

fn alone(accepted: usize, later_received: usize) -> NoPuller {
    NoPuller {
        accepted,
        refused_with: Some(zmq::Error::EAGAIN),
        timeout_took: Some(Duration::from_millis(101)),
        later_received,
        ready: ready(0),
        sndhwm: HWM,
        sndtimeo: Some(lab::millis(SEND_TIMEOUT)),
        immediate: false,
    }
}

/// What PL4 measures on tcp when the world is as its verdict says.
fn measured() -> Measured {
    Measured {
        binds: alone(0, 0),
        connects: alone(10, 10),
        slow: SlowPuller {
            accepted: 20,
            refused_with: zmq::Error::EAGAIN,
            refused_after: Duration::from_millis(101),
            found: 20,
            ready: ready(1),
            marks: [HWM; 2],
            buffers: [16 * 1024; 2],
            sndtimeo: lab::millis(SEND_TIMEOUT),
        },
    }
}

type Spoil = fn(&mut Measured);

/// A change to a run without a puller that makes one thing wrong.
type SpoilAlone = fn(&mut NoPuller);

/// PL4's judge, shown each fault alone.
#[test]
fn pl4_evidence_refuses_each_fault_alone() {
    let good = measured();
    let finding = pl4::judge(Transport::Tcp, &good);
    assert!(finding.agrees(), "{finding}");
    let wrong: [(&str, Spoil, &str); 25] = [
        (
            "a binding PUSH that accepted a send",
            |m| m.binds.accepted = 1,
            "a binding PUSH with no puller accepted 1 sends, then EAGAIN",
        ),
        (
            "a binding PUSH refused with another error",
            |m| m.binds.refused_with = Some(zmq::Error::ETERM),
            "accepted 0 sends, then ETERM",
        ),
        (
            "a binding PUSH's timed send back at once",
            |m| m.binds.timeout_took = Some(Duration::from_millis(2)),
            "a send with a 100 ms timeout did not give up at it; a puller that came later got 0",
        ),
        (
            "a binding PUSH's timed send back only at the lab's bound",
            |m| m.binds.timeout_took = Some(BOUND),
            "a send with a 100 ms timeout did not give up at it; a puller that came later got 0",
        ),
        (
            "a binding PUSH whose later puller got something",
            |m| m.binds.later_received = 1,
            "a puller that came later got 1",
        ),
        (
            "a connecting PUSH that queued one fewer",
            |m| {
                m.connects.accepted = 9;
                m.connects.later_received = 9;
            },
            "queued 9 of 100, then EAGAIN",
        ),
        (
            "a connecting PUSH that never refused",
            |m| {
                m.connects = NoPuller {
                    accepted: TRIED,
                    refused_with: None,
                    timeout_took: None,
                    later_received: TRIED,
                    sndtimeo: None,
                    ..alone(0, 0)
                }
            },
            "queued 100 of 100, then never refused",
        ),
        (
            "a connecting PUSH refused with another error",
            |m| m.connects.refused_with = Some(zmq::Error::ETERM),
            "queued 10 of 100, then ETERM",
        ),
        (
            "a connecting PUSH's timed send back at once",
            |m| m.connects.timeout_took = Some(Duration::from_millis(2)),
            "queued 10 of 100, then EAGAIN; a send with a 100 ms timeout did not give up at it",
        ),
        (
            "a connecting PUSH's timed send back only at the lab's bound",
            |m| m.connects.timeout_took = Some(BOUND),
            "queued 10 of 100, then EAGAIN; a send with a 100 ms timeout did not give up at it",
        ),
        (
            "a later puller that got fewer than were queued",
            |m| m.connects.later_received = 9,
            "a puller that came later received 9 of the 10 queued",
        ),
        (
            "a slow puller's PUSH that took more than the queues hold",
            |m| {
                m.slow.accepted = 500;
                m.slow.found = 500;
            },
            "the PUSH accepted a count outside what the high-water marks and buffers hold",
        ),
        (
            "a slow puller that found fewer than were accepted",
            |m| m.slow.found = 12,
            "the puller found 12 of them",
        ),
        (
            "a slow puller's PUSH refused with another error",
            |m| m.slow.refused_with = zmq::Error::ETERM,
            "then refused with ETERM",
        ),
        (
            "a slow puller's PUSH that did not wait its timeout",
            |m| m.slow.refused_after = Duration::from_millis(2),
            "then a send with a 100 ms timeout did not give up at it",
        ),
        (
            "a slow puller's PUSH that waited the lab's bound",
            |m| m.slow.refused_after = BOUND,
            "then a send with a 100 ms timeout did not give up at it",
        ),
        (
            "a puller there with the binding PUSH",
            |m| m.binds.ready.peers = 1,
            "the binding PUSH: 1 peers known before it went on, where 0 should be",
        ),
        (
            "another transport",
            |m| m.connects.ready = ready_on_ipc(0),
            "the connecting PUSH: asked for tcp, its endpoint is ipc://",
        ),
        (
            "another SNDHWM",
            |m| m.connects.sndhwm = 1000,
            "the connecting PUSH: SNDHWM read back 1000, where 10 was set",
        ),
        (
            "the timed send with the lab's timeout",
            |m| m.binds.sndtimeo = Some(5000),
            "the binding PUSH: SNDTIMEO read back Some(5000) before the timed send, where 100 was set",
        ),
        (
            "the slow puller's RCVHWM not set",
            |m| m.slow.marks = [HWM, 1000],
            "SNDHWM and RCVHWM read back 10, 1000, where 10 each were set",
        ),
        (
            "the slow puller's receive buffer not pinned",
            |m| m.slow.buffers = [16 * 1024, -1],
            "SO_SNDBUF and SO_RCVBUF read back 16384, -1, where 16384 each were set",
        ),
        (
            "the slow puller's PUSH with the lab's timeout",
            |m| m.slow.sndtimeo = 5000,
            "SNDTIMEO read back 5000, where 100 was set",
        ),
        (
            "the connecting PUSH with ZMQ_IMMEDIATE on",
            |m| m.connects.immediate = true,
            "the connecting PUSH: ZMQ_IMMEDIATE read back true, where libzmq's default (false) is due",
        ),
        (
            "the slow puller not connected before the first send",
            |m| m.slow.ready.peers = 0,
            "the slow puller's PUSH: 0 peers known before it went on, where 1 should be",
        ),
    ];
    for (what, spoil, text) in wrong {
        let mut spoiled = good.clone();
        spoil(&mut spoiled);
        refuses(&pl4::judge(Transport::Tcp, &spoiled), what, text);
    }
}

/// PL4 — the "in your own program" lines: with nobody there, the pusher holds exactly its
/// room, says EAGAIN for the next one, and a worker that comes later gets them all.
#[test]
fn pl4_in_your_own_program_a_connecting_pusher_holds_its_room() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.endpoint(Transport::Tcp)?;
        let pusher = pl4::queueing_pusher(lab.context(), &endpoint, 3)?;
        pusher.set_linger(0)?;
        for i in 0..3 {
            pusher.send(format!("task {i}").as_str(), 0)?;
        }
        assert_eq!(pusher.send("one too many", 0), Err(zmq::Error::EAGAIN));
        let worker = lab.socket(zmq::PULL)?;
        zmq_workbook::lab::bind_at(&worker, &endpoint)?;
        assert_eq!(lab::recv_n(&worker, 3)?.len(), 3);
        Ok(())
    })
}

on_each_transport! {
    /// PL4, beyond the claim — a connecting PUSH makes a queue for a puller that is not
    /// there (`ZMQ_IMMEDIATE` is off by default) and goes on dealing it its share: the
    /// present puller gets every other task, and the absent one gets the rest when it comes.
    fn pl4_a_connecting_push_deals_an_absent_puller_its_share(transport) {
        // ANCHOR: pl4_absent_test
        let absent = pl4::one_puller_absent(transport, false)?;
        assert_eq!(absent.present_got, [0, 2, 4, 6, 8], "every other task");
        assert_eq!(absent.late_got[..5], [1, 3, 5, 7, 9], "the rest waited for it");
        // ANCHOR_END: pl4_absent_test
        let finding = pl4::judge_one_absent(transport, false, &absent);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

on_networked_transports! {
    /// PL4, beyond the claim — with `ZMQ_IMMEDIATE` on, a connecting PUSH deals only to
    /// completed connections: the present puller gets every task; the absent one, once it
    /// comes, only what is pushed after. With no puller at all, such a PUSH has no queue:
    /// it refuses at once, as a binding one does.
    fn pl4_with_immediate_a_connecting_push_deals_only_to_pullers_that_are_there(transport) {
        // ANCHOR: pl4_immediate_test
        let absent = pl4::one_puller_absent(transport, true)?;
        assert_eq!(absent.present_got, (0..pl4::BATCH).collect::<Vec<_>>());
        assert_eq!(absent.late_got.len(), 1, "one of the two pushed after it came");
        let side = PushSide::ConnectsImmediate;
        let alone = pl4::push_without_puller(transport, side, HWM, TRIED)?;
        assert_eq!(alone.accepted, 0, "no queue for a puller not there");
        assert_eq!(alone.refused_with, Some(zmq::Error::EAGAIN));
        // ANCHOR_END: pl4_immediate_test
        let mut finding = pl4::judge_one_absent(transport, true, &absent);
        finding.absorb(pl4::judge_immediate_alone(transport, &alone));
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

/// PL4, beyond the claim — over inproc `ZMQ_IMMEDIATE` changes nothing: a connect to a
/// name nobody has bound queues all the same.
#[test]
fn pl4_immediate_changes_nothing_over_inproc() {
    watchdog(|| {
        let absent = pl4::one_puller_absent(Transport::Inproc, true)?;
        assert!(absent.immediate, "the set-up: the option read back");
        assert_eq!(absent.present_got, [0, 2, 4, 6, 8]);
        let side = PushSide::ConnectsImmediate;
        let alone = pl4::push_without_puller(Transport::Inproc, side, HWM, TRIED)?;
        assert_eq!(alone.accepted, HWM as usize);
        let mut finding = pl4::judge_one_absent(Transport::Inproc, true, &absent);
        finding.absorb(pl4::judge_immediate_alone(Transport::Inproc, &alone));
        assert!(finding.agrees(), "{finding}");
        Ok(())
    })
}

fn one_absent(immediate: bool) -> pl4::OneAbsent {
    let [present, queued] = pl4::predicted_absent(Transport::Tcp, immediate);
    pl4::OneAbsent {
        immediate,
        ready: ready(1),
        refused: 1,
        present_got: present,
        ready_again: ready(2),
        present_after: vec![10],
        late_got: queued.into_iter().chain([11]).collect(),
    }
}

/// PL4's judges of a connecting PUSH with `ZMQ_IMMEDIATE`, shown each part wrong alone.
#[test]
fn pl4_evidence_of_immediate_refuses_each_part_wrong_alone() {
    type SpoilAbsent = fn(&mut pl4::OneAbsent);
    for immediate in [false, true] {
        let finding =
            pl4::judge_one_absent(Transport::Tcp, immediate, &one_absent(immediate));
        assert!(finding.agrees(), "{finding}");
    }
    let off: [(&str, SpoilAbsent, &str); 7] = [
        (
            "the present puller got everything",
            |a| a.present_got = (0..10).collect(),
            "the present one got 0, 1, 2",
        ),
        (
            "a task queued for the absent one lost",
            |a| {
                a.late_got.remove(2);
            },
            "when it came, got 1, 3, 7, 9, 11",
        ),
        (
            "the absent one got a new task before what was queued",
            |a| a.late_got.rotate_right(1),
            "when it came, got 11, 1, 3, 5, 7, 9",
        ),
        (
            "both new tasks to the same puller",
            |a| a.present_after = vec![11],
            "the absent one, when it came, got them first",
        ),
        (
            "ZMQ_IMMEDIATE on where off was set",
            |a| a.immediate = true,
            "ZMQ_IMMEDIATE read back true, where false was set",
        ),
        (
            "the absent one never tried",
            |a| a.refused = 0,
            "its connects to the absent puller refused 0 times",
        ),
        (
            "the absent one not connected once it came",
            |a| a.ready_again = ready(1),
            "once the absent puller came: 1 peers known before it went on, where 2",
        ),
    ];
    let on: [(&str, SpoilAbsent, &str); 3] = [
        (
            "every other task to the present one",
            |a| a.present_got = vec![0, 2, 4, 6, 8],
            "the present one got 0, 2, 4, 6, 8 (5 of 10)",
        ),
        (
            "old tasks for the one that came later",
            |a| a.late_got = vec![1, 11],
            "when it came, got 1, 11",
        ),
        (
            "the present one not connected before the first send",
            |a| a.ready = ready(0),
            "0 peers known before it went on, where 1 should be",
        ),
    ];
    for (immediate, wrong) in [(false, &off[..]), (true, &on[..])] {
        for (what, spoil, text) in wrong {
            let mut spoiled = one_absent(immediate);
            spoil(&mut spoiled);
            let finding = pl4::judge_one_absent(Transport::Tcp, immediate, &spoiled);
            refuses(&finding, what, text);
        }
    }
    // With no puller at all.
    let alone = || NoPuller {
        immediate: true,
        ..alone(0, 0)
    };
    assert!(pl4::judge_immediate_alone(Transport::Tcp, &alone()).agrees());
    let wrong: [(&str, SpoilAlone, &str); 4] = [
        (
            "a queue after all",
            |n| {
                n.accepted = 10;
                n.later_received = 10;
            },
            "queued 10 of 100, then EAGAIN",
        ),
        (
            "a timed send back at once",
            |n| n.timeout_took = Some(Duration::from_millis(2)),
            "a send with a 100 ms timeout did not give up at it",
        ),
        (
            "ZMQ_IMMEDIATE off",
            |n| n.immediate = false,
            "ZMQ_IMMEDIATE read back false",
        ),
        (
            "a puller there",
            |n| n.ready = ready(1),
            "1 peers known before it went on, where 0 should be",
        ),
    ];
    for (what, spoil, text) in wrong {
        let mut spoiled = alone();
        spoil(&mut spoiled);
        refuses(
            &pl4::judge_immediate_alone(Transport::Tcp, &spoiled),
            what,
            text,
        );
    }
}

/// PL4 — the "in your own program" lines of a PUSH to live workers: one worker of two
/// down, every task to the other; none at all, EAGAIN at once.
#[test]
fn pl4_in_your_own_program_a_pusher_to_live_workers_passes_over_one_that_is_down() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let down_at = lab.endpoint(Transport::Tcp)?; // nobody binds it
        let nobody = pl4::pusher_to_live_workers(lab.context(), &[&down_at])?;
        nobody.set_linger(0)?;
        assert_eq!(nobody.send("task", 0), Err(zmq::Error::EAGAIN), "no queue");
        let worker = lab.socket(zmq::PULL)?;
        let worker_at = lab.bind(&worker, Transport::Tcp)?;
        let pusher = pl4::pusher_to_live_workers(lab.context(), &[&down_at, &worker_at])?;
        pusher.set_linger(0)?;
        // Ready to send once a connection is complete (the live worker's): no earlier.
        let ready = pusher.poll(zmq::POLLOUT, lab::millis(lab::BOUND).into())?;
        assert_eq!(ready, 1, "the live worker never connected");
        for i in 0..6 {
            pusher.send(format!("task {i}").as_str(), 0)?;
        }
        assert_eq!(lab::recv_n(&worker, 6)?.len(), 6, "all to the live worker");
        Ok(())
    })
}

/// How many sends a PUSH accepts without waiting (`DONTWAIT`) before it refuses, up to a
/// bound far past libzmq's default mark.
fn accepted_at_once(pusher: &zmq::Socket) -> zmq::Result<usize> {
    for accepted in 0..5_000 {
        match pusher.send("task", zmq::DONTWAIT) {
            Ok(()) => {}
            Err(zmq::Error::EAGAIN) => return Ok(accepted),
            Err(e) => return Err(e),
        }
    }
    Ok(5_000)
}

/// The glossary's high-water mark: libzmq 4.3 applies a mark changed after `connect` to
/// the connection already made (`zmq_setsockopt`(3) names SNDHWM and RCVHWM among the
/// options that take effect at once). Over inproc a connection's queue holds the sender's
/// mark plus the receiver's: here the puller's is 1. The control keeps libzmq's default.
#[test]
fn pl4_a_high_water_mark_changed_after_connect_holds_for_the_connection_made() {
    watchdog(|| {
        let lab = lab::Lab::new()?;
        let endpoint = lab.free_endpoint(Transport::Inproc)?;
        let puller = lab.socket(zmq::PULL)?;
        puller.set_rcvhwm(1)?;
        puller.bind(&endpoint)?;

        let unchanged = lab.socket(zmq::PUSH)?;
        unchanged.connect(&endpoint)?;
        assert_eq!(
            unchanged.get_sndhwm()?,
            1_000,
            "libzmq's default, read back"
        );
        assert_eq!(
            accepted_at_once(&unchanged)?,
            1_001,
            "the control: 1,000 + 1"
        );

        let changed = lab.socket(zmq::PUSH)?;
        changed.connect(&endpoint)?;
        changed.set_sndhwm(1)?;
        assert_eq!(changed.get_sndhwm()?, 1, "read back");
        assert_eq!(
            accepted_at_once(&changed)?,
            2,
            "the mark set after connect holds for that connection: 1 + 1"
        );
        Ok(())
    })
}
