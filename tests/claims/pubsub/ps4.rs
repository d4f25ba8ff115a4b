//! PS4 — "广播所有client,没有队列缓存,断开连接数据将永远丢失".

use std::time::Duration;

use zmq_workbook::claims::pubsub::ps4::{
    self, Flood, Queues, Sends, ToNobody, FLOOD, PINNED, TO_NOBODY,
};
use zmq_workbook::claims::pubsub::{Silence, Told};
use zmq_workbook::lab::{self, Transport, SILENCE};

/// A way to spoil a run, and what it makes wrong.
type Spoil<T> = (&'static str, fn(&mut T));

on_each_transport! {
    /// PS4 — "没有队列缓存,断开连接数据将永远丢失": published to nobody, messages are accepted at once and
    /// gone; a subscriber that joins later gets only what comes after (the control).
    fn ps4_messages_published_to_nobody_are_lost(transport) {
        // ANCHOR: ps4_test
        let nobody = ps4::published_to_nobody(transport, TO_NOBODY)?;
        assert_eq!(nobody.sends.refused, 0, "DONTWAIT, yet a send was refused");
        let received = nobody.received();
        assert_eq!(received, [b"after".to_vec()], "only what was sent after it joined");
        // ANCHOR_END: ps4_test
        let finding = ps4::judge_nobody(&nobody);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

on_each_transport! {
    /// PS4 — but a *connected* subscriber has a queue: a PUB whose subscriber does not
    /// read never blocks and never refuses a send; it queues as many messages as the
    /// high-water marks and buffers hold, and drops the rest.
    fn ps4_a_slow_subscriber_has_a_queue_up_to_the_high_water_mark(transport) {
        // ANCHOR: ps4_hwm_test
        let flood = ps4::slow_subscriber(transport, PINNED, FLOOD)?;
        assert_eq!(flood.refused, 0, "a PUB never blocks: every send is accepted");
        let kept = flood.received.len();
        let holds = ps4::predicted_kept_of_a_burst(transport, PINNED).expect("pinned");
        assert!(holds.contains(&kept), "kept {kept}; the queues hold {holds:?}");
        assert!(ps4::in_order(&flood.received), "what is kept arrives in order, once");
        // ANCHOR_END: ps4_hwm_test
        let finding = ps4::judge_flood(transport, PINNED, &flood);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

/// PS4 — the queue's depth is the settings' doing: half the high-water mark, half the
/// queue (inproc, where a pipe holds exactly both marks); and without any mark or buffer
/// pinned, far more than the pinned experiment keeps.
#[test]
fn ps4_the_queue_is_as_deep_as_the_settings_say() {
    crate::harness::watchdog(|| {
        let half = Queues {
            hwm: Some(50),
            ..PINNED
        };
        let flood = ps4::slow_subscriber(Transport::Inproc, half, FLOOD)?;
        assert_eq!(flood.settings, half.settings(), "the marks read back");
        assert_eq!(flood.received.len(), 100, "two marks of 50");
        let unpinned = Queues {
            hwm: None,
            kernel_buffer: None,
            ..PINNED
        };
        let flood = ps4::slow_subscriber(Transport::Tcp, unpinned, FLOOD / 4)?;
        assert_eq!(
            flood.settings,
            unpinned.settings(),
            "libzmq's own, read back"
        );
        let pinned_most = *ps4::predicted_kept(Transport::Tcp, PINNED).unwrap().end();
        // Whatever the publisher's queue took arrives: at least libzmq's default mark of
        // 1000. The subscriber's queue fills as well only if the I/O thread moved messages
        // while the burst was sent, which a quiet machine may finish first.
        let kept = flood.received.len();
        assert!(kept >= 1000, "kept {kept}; libzmq's default mark is 1000");
        assert!(
            kept > pinned_most,
            "kept {kept}; the pinned queues hold {pinned_most} at most"
        );
        Ok(())
    })
}

fn told() -> Told {
    Told {
        subscribed: vec![vec![]],
        unread: vec![],
    }
}

/// Sends to nobody as the verdict has them, on tcp.
fn to_nobody() -> ToNobody {
    let ms = Duration::from_millis;
    ToNobody {
        transport: Transport::Tcp,
        ready: lab::Ready {
            endpoint: "tcp://127.0.0.1:10000".into(),
            peers: 0,
        },
        sends: Sends {
            flags: zmq::DONTWAIT,
            made: TO_NOBODY,
            refused: 0,
            slowest: ms(1),
        },
        sending: ms(20),
        told: told(),
        first: b"after".to_vec(),
        then: Silence {
            got: vec![],
            began: ms(31),
            lasted: SILENCE,
        },
        first_at: ms(30),
    }
}

/// A flood on inproc as the verdict has it: exactly two marks kept.
fn flood(kept: usize) -> Flood {
    Flood {
        sent: FLOOD,
        refused: 0,
        received: (0..kept).collect(),
        endpoint: "inproc://x".into(),
        flags: zmq::DONTWAIT,
        settings: PINNED.settings(),
        told: told(),
    }
}

#[test]
fn ps4_evidence_shows_a_queue_outside_its_bounds() {
    let nobody = to_nobody();
    let inproc = |flood: &Flood| ps4::judge_flood(Transport::Inproc, PINNED, flood);
    let finding = ps4::judge(Transport::Inproc, &nobody, PINNED, &flood(200));
    assert!(finding.agrees(), "{finding}");
    let deep = inproc(&flood(1200));
    assert!(!deep.agrees());
    assert!(
        deep.evidence()
            .contains("it kept 1200, outside the 200–200"),
        "{deep}"
    );
    let shallow = inproc(&flood(199));
    assert!(!shallow.agrees(), "{shallow}");
    let mut refused = flood(200);
    refused.refused = 3;
    assert!(!inproc(&refused).agrees());
    let mut shuffled = flood(200);
    shuffled.received.swap(3, 4);
    assert!(!inproc(&shuffled).agrees());
    let mut twice = flood(200);
    twice.received[4] = 3;
    assert!(!inproc(&twice).agrees());
    // Queues that hold the whole flood: nothing dropped, nothing to show.
    let roomy = Queues {
        hwm: Some(FLOOD as i32 / 2),
        ..PINNED
    };
    let mut all = flood(FLOOD);
    all.settings = roomy.settings();
    let held = ps4::judge_flood(Transport::Inproc, roomy, &all);
    assert!(
        !held.agrees() && held.evidence().contains("none was dropped"),
        "{held}"
    );
    // On tcp, from the sender's mark alone up to both marks and the buffers.
    let tcp = |kept: usize| {
        let mut flood = flood(kept);
        flood.endpoint = "tcp://127.0.0.1:10000".into();
        ps4::judge_flood(Transport::Tcp, PINNED, &flood)
    };
    for kept in [100, 132, 344] {
        assert!(tcp(kept).agrees(), "{}", tcp(kept));
    }
    for kept in [99, 345] {
        assert!(!tcp(kept).agrees(), "{}", tcp(kept));
    }
}

/// Sends to nobody: each thing the evidence states, wrong alone.
#[test]
fn ps4_evidence_refuses_what_was_kept_for_nobody() {
    let finding = ps4::judge_nobody(&to_nobody());
    assert!(finding.agrees(), "{finding}");
    let wrong: [Spoil<ToNobody>; 4] = [
        ("one queued for nobody came after", |n| {
            n.then.got = vec![b"early 0".to_vec()]
        }),
        (
            "the one sent after joining never came, an early one did",
            |n| n.first = b"early 999".to_vec(),
        ),
        ("a send refused", |n| n.sends.refused = 1),
        ("a late duplicate of the message sent after joining", |n| {
            n.then.got = vec![b"after".to_vec()]
        }),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = to_nobody();
        spoil(&mut spoiled);
        let finding = ps4::judge_nobody(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
    let mut queued = to_nobody();
    queued.first = b"early 0".to_vec();
    queued.then.got = vec![b"after".to_vec()];
    let finding = ps4::judge_nobody(&queued);
    assert!(!finding.agrees());
    assert!(finding.evidence().contains("got 1 of them"), "{finding}");
}

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn ps4_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let nobody: [Spoil<ToNobody>; 7] = [
        ("another transport", |n| {
            n.ready.endpoint = "ipc:///tmp/x.ipc".into()
        }),
        ("somebody connected while it published", |n| {
            n.ready.peers = 1
        }),
        ("plain blocking sends", |n| n.sends.flags = 0),
        ("the subscriber's subscription never told", |n| {
            n.told.subscribed.clear()
        }),
        ("an unsubscription beside it", |n| {
            n.told.unread = vec![vec![0]]
        }),
        ("the silence before the first message", |n| {
            n.then.began = Duration::from_millis(29)
        }),
        ("the silence cut short", |n| {
            n.then.lasted = Duration::from_millis(10)
        }),
    ];
    for (what, spoil) in nobody {
        let mut spoiled = to_nobody();
        spoil(&mut spoiled);
        let finding = ps4::judge_nobody(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
    let flooded: [Spoil<Flood>; 8] = [
        ("another transport", |f| {
            f.endpoint = "tcp://127.0.0.1:1".into()
        }),
        ("the subscriber's mark left at libzmq's own", |f| {
            f.settings.rcvhwm = 1000
        }),
        ("the publisher's mark left at libzmq's own", |f| {
            f.settings.sndhwm = 1000
        }),
        ("the subscriber's buffer left to the kernel", |f| {
            f.settings.rcvbuf = -1
        }),
        ("the publisher's buffer left to the kernel", |f| {
            f.settings.sndbuf = -1
        }),
        ("plain blocking sends", |f| f.flags = 0),
        ("no subscription before the flood", |f| {
            f.told.subscribed.clear()
        }),
        ("another subscription before the flood", |f| {
            f.told.subscribed.push(b"x".to_vec())
        }),
    ];
    for (what, spoil) in flooded {
        let mut spoiled = flood(200);
        spoil(&mut spoiled);
        let finding = ps4::judge_flood(Transport::Inproc, PINNED, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// PS4 — the "in your own program" lines: with marks as big as the burst, a subscriber
/// that reads only after the burst loses none of it (inproc: the two marks together hold
/// it).
#[test]
fn ps4_in_your_own_program_room_for_the_burst_loses_nothing() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.endpoint(Transport::Inproc)?;
        let burst = 5000;
        let (publisher, subscriber) = ps4::roomy_pair(lab.context(), &endpoint, burst)?;
        subscriber.set_rcvtimeo(5000)?;
        for i in 0..burst {
            publisher.send(format!("{i}").as_str(), zmq::DONTWAIT)?;
        }
        for i in 0..burst {
            assert_eq!(subscriber.recv_bytes(0)?, format!("{i}").as_bytes());
        }
        Ok(())
    })
}

/// The record of sends is what was done: the flags every send was made with (one plain
/// send among DONTWAITs is no longer all DONTWAIT), each refusal counted, all of them.
#[test]
fn ps4_sends_are_recorded_as_they_were_made() {
    crate::harness::watchdog(|| {
        let lab = lab::Lab::new()?;
        let pusher = lab.socket(zmq::PUSH)?;
        lab.bind(&pusher, Transport::Inproc)?;
        let mut sends = Sends::new();
        sends.send(&pusher, b"nobody".to_vec(), zmq::DONTWAIT)?;
        assert_eq!(
            (sends.flags, sends.made, sends.refused),
            (zmq::DONTWAIT, 1, 1)
        );
        let publisher = lab.socket(zmq::PUB)?;
        lab.bind(&publisher, Transport::Inproc)?;
        sends.send(&publisher, b"x".to_vec(), zmq::DONTWAIT)?;
        assert_eq!(
            (sends.flags, sends.made, sends.refused),
            (zmq::DONTWAIT, 2, 1)
        );
        sends.send(&publisher, b"x".to_vec(), 0)?;
        assert_eq!((sends.flags, sends.made, sends.refused), (0, 3, 1));
        Ok(())
    })
}

on_each_transport! {
    /// PS4, beyond the claim — a publisher need not drop: an XPUB with `ZMQ_XPUB_NODROP`
    /// takes what the marks and buffers hold, then refuses (EAGAIN, after waiting its send
    /// timeout for room; at once with DONTWAIT), and the subscriber finds every message it
    /// accepted. The control is PS4's own flood, which drops.
    fn ps4_a_nodrop_publisher_refuses_at_the_mark_and_drops_nothing(transport) {
        // ANCHOR: ps4_nodrop_test
        let refusing = ps4::nodrop_to_slow_subscriber(transport, PINNED)?;
        let holds = ps4::predicted_kept_of_a_burst(transport, PINNED).expect("pinned");
        let accepted = refusing.accepted;
        assert!(holds.contains(&accepted), "took {accepted}; the queues hold {holds:?}");
        assert_eq!(refusing.refused_with, zmq::Error::EAGAIN, "then it refused…");
        let waited = refusing.refused_after;
        assert!(lab::gave_up_at(waited, ps4::SEND_TIMEOUT), "…after {waited:?}");
        let at_once = refusing.accepted_at_once;
        assert_eq!(refusing.dontwait, Some(zmq::Error::EAGAIN), "DONTWAIT: refused…");
        assert!((ps4::HWM as usize..=accepted).contains(&at_once), "…at {at_once}");
        assert!(refusing.received.iter().copied().eq(0..accepted), "none dropped");
        // ANCHOR_END: ps4_nodrop_test
        let finding = ps4::judge_refusing(transport, PINNED, &refusing);
        assert!(finding.agrees(), "{transport}: {finding}");
        Ok(())
    }
}

/// A change to a run that makes one thing wrong.
type SpoilWith<T> = fn(&mut T);

/// A refusing publisher's run on inproc as the verdict has it: two marks accepted and
/// found.
fn refusing() -> ps4::Refusing {
    ps4::Refusing {
        accepted_at_once: 200,
        dontwait: Some(zmq::Error::EAGAIN),
        accepted: 200,
        refused_with: zmq::Error::EAGAIN,
        refused_after: Duration::from_millis(101),
        received: (0..200).collect(),
        endpoint: "inproc://x".into(),
        nodrop_accepted: true,
        settings: PINNED.settings(),
        sndtimeo: lab::millis(ps4::SEND_TIMEOUT),
        told: told(),
    }
}

/// PS4's judge of a refusing publisher, shown each part wrong alone.
#[test]
fn ps4_evidence_of_a_refusing_publisher_refuses_each_part_wrong_alone() {
    let judge = |r: &ps4::Refusing| ps4::judge_refusing(Transport::Inproc, PINNED, r);
    let finding = judge(&refusing());
    assert!(finding.agrees(), "{finding}");
    let wrong: [(&str, SpoilWith<ps4::Refusing>, &str); 17] = [
        (
            "more accepted than the queues hold",
            |r| {
                r.accepted = 201;
                r.received = (0..201).collect();
            },
            "took it to a count outside what the high-water marks",
        ),
        (
            "refused with another error",
            |r| r.refused_with = zmq::Error::ETERM,
            "then a send failed with ETERM",
        ),
        (
            "refused at once, without waiting for room",
            |r| r.refused_after = Duration::from_millis(1),
            "a send with a 100 ms timeout was refused, but not at it",
        ),
        (
            "refused only at the lab's bound",
            |r| r.refused_after = lab::BOUND,
            "a send with a 100 ms timeout was refused, but not at it",
        ),
        (
            "DONTWAIT sends never refused",
            |r| r.dontwait = None,
            "it never refused a DONTWAIT send",
        ),
        (
            "a DONTWAIT send refused before the publisher's own mark was full",
            |r| r.accepted_at_once = 99,
            "refused a DONTWAIT send (EAGAIN) after 99, where its own mark is 100",
        ),
        (
            "more accepted with DONTWAIT than in all",
            |r| r.accepted_at_once = 201,
            "after 201, where its own mark is 100 and 200 were accepted in all",
        ),
        (
            "a DONTWAIT send failed with another error",
            |r| r.dontwait = Some(zmq::Error::ETERM),
            "failed a DONTWAIT send with ETERM",
        ),
        (
            "one dropped",
            |r| {
                r.received.remove(100);
            },
            "the subscriber found 199 of 200, in order: 1 dropped",
        ),
        (
            "the last dropped",
            |r| {
                r.received.pop();
            },
            "the subscriber found 199 of 200, in order: 1 dropped",
        ),
        (
            "one twice in place of another",
            |r| r.received[100] = 99,
            "the subscriber found 200 of 200, out of order",
        ),
        (
            "the option refused by libzmq",
            |r| r.nodrop_accepted = false,
            "ZMQ_XPUB_NODROP refused by libzmq",
        ),
        (
            "the subscriber's mark at libzmq's own",
            |r| r.settings.rcvhwm = 1000,
            "the sockets report HWM 100 and 1000",
        ),
        (
            "the buffers not pinned",
            |r| r.settings.sndbuf = -1,
            "buffers -1 and 16384 B",
        ),
        (
            "the lab's send timeout",
            |r| r.sndtimeo = 5000,
            "SNDTIMEO read back 5000, where 100 was set",
        ),
        (
            "sent before the subscription was read",
            |r| r.told.subscribed.clear(),
            "before the first send, the publisher was told of subscriptions []",
        ),
        (
            "another transport",
            |r| r.endpoint = "tcp://127.0.0.1:10000".into(),
            "asked for inproc, the socket's endpoint is tcp://",
        ),
    ];
    for (what, spoil, text) in wrong {
        let mut spoiled = refusing();
        spoil(&mut spoiled);
        crate::pipeline::refuses(&judge(&spoiled), what, text);
    }
}

/// PS4 — the "in your own program" lines of a refusing publisher: at a subscriber's
/// mark the send is refused with EAGAIN after the wait given, and the subscriber finds
/// every message that was accepted.
#[test]
fn ps4_in_your_own_program_a_refusing_publisher_says_eagain_and_drops_nothing() {
    crate::harness::watchdog(|| {
        let lab = lab::Lab::new()?;
        let endpoint = lab.endpoint(Transport::Inproc)?;
        let publisher = ps4::refusing_publisher(lab.context(), &endpoint, 50)?;
        publisher.set_linger(0)?;
        let subscriber = lab.socket(zmq::SUB)?;
        subscriber.set_subscribe(b"")?;
        subscriber.connect(&endpoint)?;
        assert_eq!(
            publisher.recv_bytes(0)?,
            b"\x01",
            "the subscription reached it"
        );
        let mut accepted = 0;
        let refused = loop {
            match publisher.send(format!("{accepted}").as_str(), 0) {
                Ok(()) => accepted += 1,
                Err(error) => break error,
            }
            assert!(accepted <= 10_000, "never refused");
        };
        assert_eq!(refused, zmq::Error::EAGAIN);
        // inproc: one pipe of both sockets' marks, libzmq's 1000 each.
        assert_eq!(accepted, 2000);
        let received = lab::receive_expecting(&subscriber, accepted)?;
        let expected: Vec<Vec<u8>> =
            (0..accepted).map(|i| i.to_string().into_bytes()).collect();
        assert_eq!(received, expected, "none dropped");
        Ok(())
    })
}
