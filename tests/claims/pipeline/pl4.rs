//! PL4 — "区别于Publish-Subscribe存在一个数据缓存和处理负载".

use std::time::Duration;

use zmq_workbook::claims::pipeline::pl4::{self, Measured, NoPuller, PushSide};
use zmq_workbook::claims::pipeline::pl4::{HWM, SEND_TIMEOUT, SLOW_PULLER, TRIED};
use zmq_workbook::claims::pubsub::ps4::{predicted_kept, Queues};
use zmq_workbook::lab::{self, Transport};

use crate::harness::watchdog;

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
        Ok(())
    }
}

on_each_transport! {
    /// PL4 — at the high-water mark a PUSH blocks instead of dropping: a connected puller
    /// that does not read makes the PUSH refuse further sends once the marks and buffers
    /// are full, and finds every accepted message.
    fn pl4_at_the_high_water_mark_push_blocks_and_drops_nothing(transport) {
        // ANCHOR: pl4_hwm_test
        let (accepted, found) = pl4::push_to_slow_puller(transport, SLOW_PULLER)?;
        let holds = predicted_kept(transport, SLOW_PULLER).expect("the marks are pinned");
        assert!(holds.contains(&accepted), "took {accepted}; the queues hold {holds:?}");
        assert_eq!(found, accepted, "every accepted message is delivered: none dropped");
        // ANCHOR_END: pl4_hwm_test
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
        assert_eq!(
            pl4::push_to_slow_puller(Transport::Inproc, deeper)?,
            (100, 100)
        );
        Ok(())
    })
}

#[test]
fn pl4_evidence_shows_a_push_that_dropped_or_never_blocked() {
    let refused = |accepted, later_received| NoPuller {
        accepted,
        refused_with: Some(zmq::Error::EAGAIN),
        timeout_took: Some(Duration::from_millis(101)),
        later_received,
    };
    let measured = Measured {
        binds: refused(0, 0),
        connects: refused(10, 10),
        slow: (20, 20),
    };
    assert!(pl4::judge(Transport::Inproc, &measured).agrees());
    let dropped = Measured {
        slow: (20, 12),
        ..measured.clone()
    };
    let finding = pl4::judge(Transport::Inproc, &dropped);
    assert!(
        !finding.agrees() && finding.evidence().contains("the puller found 12 of them")
    );
    let bottomless = Measured {
        connects: NoPuller {
            accepted: TRIED,
            refused_with: None,
            timeout_took: None,
            later_received: TRIED,
        },
        ..measured.clone()
    };
    let finding = pl4::judge(Transport::Tcp, &bottomless);
    assert!(
        !finding.agrees()
            && finding
                .evidence()
                .contains("queued 100 of 100, then never refused")
    );
    let impatient = Measured {
        binds: NoPuller {
            timeout_took: Some(Duration::from_millis(2)),
            ..refused(0, 0)
        },
        ..measured
    };
    let finding = pl4::judge(Transport::Tcp, &impatient);
    assert!(!finding.agrees() && finding.evidence().contains("did not give up at it"));
}

/// PL4: every part of what the connecting PUSH did counts, one at a time.
#[test]
fn pl4_evidence_of_a_connecting_push_wants_every_part() {
    let connects = NoPuller {
        accepted: 10,
        refused_with: Some(zmq::Error::EAGAIN),
        timeout_took: Some(Duration::from_millis(101)),
        later_received: 10,
    };
    let measured = |connects: NoPuller| Measured {
        binds: NoPuller {
            accepted: 0,
            later_received: 0,
            ..connects.clone()
        },
        connects,
        slow: (20, 20),
    };
    assert!(pl4::judge(Transport::Tcp, &measured(connects.clone())).agrees());
    let wrong = [
        NoPuller {
            accepted: 9,
            later_received: 9,
            ..connects.clone()
        },
        NoPuller {
            refused_with: Some(zmq::Error::ETERM),
            ..connects.clone()
        },
        NoPuller {
            timeout_took: Some(Duration::from_millis(2)),
            ..connects.clone()
        },
        NoPuller {
            later_received: 9,
            ..connects
        },
    ];
    for connects in wrong {
        let finding = pl4::judge(Transport::Tcp, &measured(connects.clone()));
        assert!(!finding.agrees(), "{connects:?} agreed: {finding}");
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
