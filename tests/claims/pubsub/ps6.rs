//! PS6 — "必然会丢失掉一部分信息,这是这个模式的一个问题,所谓的 Slow joiner".

use zmq_workbook::claims::pubsub::ps4::Queues;
use zmq_workbook::claims::pubsub::ps6::{
    self, Join, Joined, Probes, Repeats, BURST, NAIVE_AT_MOST, ROOMY, RUNS,
};
use zmq_workbook::claims::pubsub::Told;
use zmq_workbook::claims::Finding;
use zmq_workbook::claims::{a_tail_in_order, spread};
use zmq_workbook::lab::{self, Transport};

use crate::harness::watchdog;

/// A way to spoil one of several runs (which one), and what it makes wrong.
type SpoilOne<T> = (&'static str, usize, fn(&mut T));

on_each_transport! {
    /// PS6 — "Slow joiner": over tcp and ipc, connect-then-publish loses the head of the
    /// burst in some runs; over inproc, whose connect hands the publisher the subscription
    /// at once, in none. Both fixes lose nothing, over the same number of runs. Timing
    /// decides how many the naive joiner loses, so the test asserts the direction (some
    /// lost in some run, always from the head) and prints the figures.
    fn ps6_slow_joiner_loses_messages_and_the_fixes_lose_none(transport) {
        // ANCHOR: ps6_test
        let until = (RUNS, NAIVE_AT_MOST);
        let naive = ps6::naive_runs(transport, Join::Naive, BURST, until)?;
        let awaited = ps6::repeated(transport, Join::AwaitSubscription, BURST, RUNS)?;
        let probed = ps6::repeated(transport, Join::ProbeHandshake, BURST, RUNS)?;
        let lost = |runs: &[Joined]| spread(&ps6::losses(runs, BURST));
        println!(
            "{transport}, lost of {BURST}, min/median/max: naive {} over {} runs, \
             XPUB wait {}, probe handshake {}",
            lost(&naive),
            naive.len(),
            lost(&awaited),
            lost(&probed)
        );
        let some_lost = naive.iter().any(|r| r.received.len() < BURST);
        if transport == Transport::Inproc {
            assert!(!some_lost, "inproc lost {}", lost(&naive));
        } else {
            assert!(some_lost, "no slow joiner in {} runs", naive.len());
        }
        assert!(
            naive.iter().all(|r| a_tail_in_order(&r.received, BURST)),
            "lost from the head only"
        );
        for fixed in [&awaited, &probed] {
            assert_eq!(fixed.len(), RUNS);
            assert!(
                fixed.iter().all(|r| r.received.len() == BURST),
                "lost {}",
                lost(fixed)
            );
        }
        // ANCHOR_END: ps6_test
        let already = ps6::naive_runs(transport, Join::AlreadySending, BURST, until)?;
        let finding =
            ps6::judge(transport, ps6::REPEATS, [&naive, &already, &awaited, &probed]);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

on_each_transport! {
    /// PS6 — "比较晚加入的…订阅者,必然会丢失掉一部分信息": a subscriber that joins a publisher
    /// already sending loses the head of its burst on every transport, inproc too: the
    /// publisher's send looks for news (a new pipe, a subscription) only once about a
    /// millisecond has passed since it last looked.
    fn ps6_a_publisher_already_sending_loses_the_head_on_every_transport(transport) {
        // ANCHOR: ps6_already_test
        let until = (RUNS, NAIVE_AT_MOST);
        let runs = ps6::naive_runs(transport, Join::AlreadySending, BURST, until)?;
        assert!(
            runs.iter().any(|r| r.received.len() < BURST),
            "no loss in {} runs",
            runs.len()
        );
        assert!(runs.iter().all(|r| a_tail_in_order(&r.received, BURST)));
        // ANCHOR_END: ps6_already_test
        assert!(runs.iter().all(|r| r.sent_before == 1 && !r.took_in), "the set-up");
        Ok(())
    }
}

/// PS6, beyond the claim — the cause: over inproc the subscription is in the publisher's
/// pipe when `connect` returns; a publisher already sending that reads its `ZMQ_EVENTS`
/// after the connect (which takes in its news at once) loses nothing, run after run.
#[test]
fn ps6_a_publisher_that_takes_in_its_news_before_the_burst_loses_nothing() {
    watchdog(|| {
        // ANCHOR: ps6_throttle_test
        let taken_in =
            ps6::repeated(Transport::Inproc, Join::AlreadySendingTakenIn, BURST, RUNS)?;
        assert!(taken_in.iter().all(|r| r.received.len() == BURST));
        // ANCHOR_END: ps6_throttle_test
        assert!(taken_in.iter().all(|r| r.sent_before == 1 && r.took_in));
        let until = (RUNS, NAIVE_AT_MOST);
        let already =
            ps6::naive_runs(Transport::Inproc, Join::AlreadySending, BURST, until)?;
        let finding = ps6::judge_throttle(ps6::REPEATS, [&already, &taken_in]);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    })
}

/// PS6 — the probe handshake's subscriber discards probes up to the last one the publisher
/// sent, however late it comes: a probe still on its way when the queue looked empty would
/// otherwise arrive ahead of the burst.
#[test]
fn ps6_the_probe_handshake_discards_up_to_the_last_probe_sent() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let publisher = lab.socket(zmq::PUB)?;
        let endpoint = lab.bind(&publisher, Transport::Inproc)?;
        let subscriber =
            zmq_workbook::claims::pubsub::subscriber(&lab, &endpoint, &[b""])?;
        for n in 0..3 {
            publisher.send(format!("probe {n}").as_str(), 0)?;
        }
        let first = lab::recv_within(&subscriber, lab::BOUND)?.expect("probe 0");
        assert_eq!(first, b"probe 0");
        // Probes 1 and 2 are in the queue; probe 3, the last, is still on its way.
        let (done, discarding) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let _ = done.send(ps6::discard_probes(&subscriber, 0, 3));
            subscriber
        });
        // Not done while probe 3 is missing…
        let early = discarding.recv_timeout(lab::SILENCE);
        assert!(early.is_err(), "done before the last probe: {early:?}");
        publisher.send("probe 3", 0)?;
        publisher.send("update 0", 0)?;
        // …and done once it came.
        let discarded = discarding.recv_timeout(lab::BOUND)??;
        assert_eq!(discarded, 4, "probes 0 to 3");
        let subscriber = reader.join().expect("the reader does not panic");
        assert_eq!(lab::recv_n(&subscriber, 1)?, [b"update 0".to_vec()]);
        // A message that is not a probe, before the last probe, is an error.
        publisher.send("update 1", 0)?;
        let wrong = ps6::discard_probes(&subscriber, 3, 5);
        assert!(wrong.is_err(), "{wrong:?}");
        Ok(())
    })
}

/// PS6 — a fix for the slow joiner is no fix for a full queue: with high-water marks far
/// below the burst, a subscriber that was ready all along still loses what overflows
/// (PS4).
#[test]
fn ps6_a_ready_subscriber_still_loses_what_overflows_the_queue() {
    watchdog(|| {
        // ANCHOR: ps6_overflow_test
        let small = Queues {
            hwm: Some(100),
            kernel_buffer: Some(16 * 1024),
            message_size: 1024,
        };
        let joined =
            ps6::slow_joiner(Transport::Tcp, Join::AwaitSubscription, BURST, small)?;
        let received = joined.received;
        assert!(
            received.len() < BURST,
            "all {BURST} fitted in queues of 100"
        );
        assert_eq!(
            received.first(),
            Some(&0),
            "the head arrives: the subscriber was ready"
        );
        // ANCHOR_END: ps6_overflow_test
        Ok(())
    })
}

/// A run of `join` on `transport` that received `received`, its set-up as the verdict has
/// it.
fn run(transport: Transport, join: Join, received: &[usize]) -> Joined {
    Joined {
        received: received.to_vec(),
        endpoint: match transport {
            Transport::Tcp => "tcp://127.0.0.1:10000".into(),
            Transport::Ipc => "ipc:///tmp/lab/0.ipc".into(),
            Transport::Inproc => "inproc://lab-0".into(),
        },
        settings: ROOMY.settings(),
        told: Told {
            subscribed: match join {
                Join::AwaitSubscription => vec![vec![]],
                _ => vec![],
            },
            unread: vec![],
        },
        unread_after: vec![],
        probes: (join == Join::ProbeHandshake).then_some(Probes {
            sent: 3,
            discarded: 2,
            last_discarded: Some(2),
        }),
        sent_before: usize::from(already(join)),
        took_in: join == Join::AlreadySendingTakenIn,
        idle_before_burst: already(join).then_some(std::time::Duration::from_micros(20)),
        burst_took: std::time::Duration::from_micros(300),
    }
}

fn already(join: Join) -> bool {
    matches!(join, Join::AlreadySending | Join::AlreadySendingTakenIn)
}

/// The judge's repeats in these tests: bursts of 10, two runs of each fix, the naive
/// joiner two runs at least and four at most.
const SMALL: Repeats = Repeats {
    burst: 10,
    runs: 2,
    at_most: 4,
};

/// The runs of each way on `transport`: the naive ones as given, the publisher already
/// sending two runs (the second lost the head), the fixes' two as given.
fn runs_on(
    transport: Transport,
    naive: &[&[usize]],
    fixed: [&[usize]; 2],
) -> [Vec<Joined>; 4] {
    let whole: Vec<usize> = (0..10).collect();
    let tail: Vec<usize> = (4..10).collect();
    let sending: [&[usize]; 2] = [&whole, &tail];
    [
        Join::Naive,
        Join::AlreadySending,
        Join::AwaitSubscription,
        Join::ProbeHandshake,
    ]
    .map(|join| {
        let received: &[&[usize]] = match join {
            Join::Naive => naive,
            Join::AlreadySending => &sending,
            _ => &fixed,
        };
        received.iter().map(|r| run(transport, join, r)).collect()
    })
}

fn runs(naive: &[&[usize]], fixed: [&[usize]; 2]) -> [Vec<Joined>; 4] {
    runs_on(Transport::Tcp, naive, fixed)
}

fn judge_on(transport: Transport, runs: &[Vec<Joined>; 4]) -> Finding {
    ps6::judge(transport, SMALL, [&runs[0], &runs[1], &runs[2], &runs[3]])
}

fn judge(runs: &[Vec<Joined>; 4]) -> Finding {
    judge_on(Transport::Tcp, runs)
}

#[test]
fn ps6_evidence_says_when_nothing_was_lost_or_the_head_arrived() {
    let whole: Vec<usize> = (0..10).collect();
    let tail: Vec<usize> = (4..10).collect();
    let good = judge(&runs(&[&whole, &tail], [&whole, &whole]));
    assert!(good.agrees(), "{good}");
    // The naive joiner went on until a run lost: the third of four.
    let later = judge(&runs(&[&whole, &whole, &tail], [&whole, &whole]));
    assert!(later.agrees(), "{later}");
    let no_loss = judge(&runs(&[&whole[..]; 4], [&whole, &whole]));
    assert!(
        !no_loss.agrees() && no_loss.evidence().contains("nothing lost in any run"),
        "{no_loss}"
    );
    let head = judge(&runs(
        &[&(0..6).collect::<Vec<_>>(), &tail],
        [&whole, &whole],
    ));
    assert!(!head.agrees() && head.evidence().contains("not the tail of the burst"));
    let fix_lost = judge(&runs(&[&tail, &tail], [&whole, &tail]));
    assert!(
        fix_lost.evidence().contains("in order, in 1 of 2 runs") && !fix_lost.agrees(),
        "{fix_lost}"
    );
    for way in 2..4 {
        let mut missing = runs(&[&tail, &tail], [&whole, &whole]);
        missing[way].pop();
        assert!(!judge(&missing).agrees(), "a run of way {way} missing");
    }
    // A publisher already sending that lost nothing in any run, up to the most.
    let mut never = runs(&[&tail, &tail], [&whole, &whole]);
    never[1] = (0..4)
        .map(|_| run(Transport::Tcp, Join::AlreadySending, &whole))
        .collect();
    let finding = judge(&never);
    assert!(
        !finding.agrees()
            && finding
                .evidence()
                .contains("a publisher already sending: nothing lost in any run"),
        "{finding}"
    );
}

/// Over inproc the naive joiner loses nothing, in every run the verdict asks for; one run
/// that lost is a disagreement, as a run that lost nothing is over tcp.
#[test]
fn ps6_evidence_over_inproc_is_no_loss_at_all() {
    let whole: Vec<usize> = (0..10).collect();
    let tail: Vec<usize> = (4..10).collect();
    let inproc = |naive: &[&[usize]]| {
        judge_on(
            Transport::Inproc,
            &runs_on(Transport::Inproc, naive, [&whole, &whole]),
        )
    };
    let good = inproc(&[&whole[..]; 4]);
    assert!(good.agrees(), "{good}");
    assert!(
        good.evidence().contains("nothing lost in any run"),
        "{good}"
    );
    let lost = inproc(&[&whole, &tail]);
    assert!(!lost.agrees(), "{lost}");
    assert!(!lost.to_string().contains("set-up not proven"), "{lost}");
}

/// Each thing the evidence states, wrong alone, in one run of one way.
#[test]
fn ps6_evidence_refuses_each_part_wrong_alone() {
    let whole: Vec<usize> = (0..10).collect();
    let tail: Vec<usize> = (4..10).collect();
    let right = || runs(&[&whole, &tail], [&whole, &whole]);
    let wrong: [SpoilOne<Joined>; 9] = [
        ("a naive run lost from the middle", 0, |r| {
            r.received.remove(2);
        }),
        ("a naive run out of order", 0, |r| r.received.swap(1, 2)),
        ("an already-sending run lost from the middle", 1, |r| {
            r.received.remove(2);
        }),
        ("a naive run with a duplicate in place of a loss", 0, |r| {
            r.received[2] = r.received[1]
        }),
        ("an XPUB run lost the head", 2, |r| {
            r.received.remove(0);
        }),
        ("an XPUB run with a duplicate in place of a loss", 2, |r| {
            r.received[2] = r.received[1]
        }),
        ("an XPUB run with a probe ahead of the burst", 2, |r| {
            r.received.insert(0, usize::MAX)
        }),
        ("a probe run with a duplicate beside the burst", 3, |r| {
            r.received.push(9)
        }),
        ("a probe run out of order", 3, |r| r.received.swap(0, 1)),
    ];
    for (what, way, spoil) in wrong {
        let mut spoiled = right();
        spoil(&mut spoiled[way][1]);
        let finding = judge(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A run that cannot prove its set-up proves nothing: each part alone, in one run.
#[test]
fn ps6_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let whole: Vec<usize> = (0..10).collect();
    let tail: Vec<usize> = (4..10).collect();
    let right = || runs(&[&whole, &tail], [&whole, &whole]);
    let wrong: [SpoilOne<Joined>; 14] = [
        ("a naive run on ipc", 0, |r| {
            r.endpoint = "ipc:///tmp/x".into()
        }),
        ("a naive run that waited for the subscription", 0, |r| {
            r.told.subscribed = vec![vec![]]
        }),
        ("an XPUB run with the marks at libzmq's own", 2, |r| {
            r.settings.rcvhwm = 1000
        }),
        (
            "an XPUB run that never read the subscription: a sleep",
            2,
            |r| {
                r.told.subscribed.clear();
                r.unread_after = vec![vec![1]];
            },
        ),
        (
            "an XPUB run that read it, but only after the burst",
            2,
            |r| r.told.subscribed.clear(),
        ),
        ("an XPUB run with the subscription left unread", 2, |r| {
            r.unread_after = vec![vec![1]]
        }),
        (
            "an XPUB run with a withdrawal beside the subscription",
            2,
            |r| r.told.unread = vec![vec![0]],
        ),
        ("a probe run where no probe was sent", 3, |r| {
            r.probes = Some(Probes {
                sent: 0,
                discarded: 0,
                last_discarded: None,
            })
        }),
        ("a probe run that left its probes in the queue", 3, |r| {
            r.probes = Some(Probes {
                sent: 3,
                discarded: 0,
                last_discarded: None,
            })
        }),
        (
            "a probe run that stopped discarding before the last probe sent",
            3,
            |r| {
                r.probes = Some(Probes {
                    sent: 3,
                    discarded: 1,
                    last_discarded: Some(0),
                })
            },
        ),
        ("a probe run without the handshake", 3, |r| r.probes = None),
        ("an already-sending run that sent nothing before", 1, |r| {
            r.sent_before = 0
        }),
        ("an already-sending run that read its events", 1, |r| {
            r.took_in = true
        }),
        ("a naive run that sent before the connect", 0, |r| {
            r.sent_before = 1
        }),
    ];
    for (what, way, spoil) in wrong {
        let mut spoiled = right();
        spoil(&mut spoiled[way][1]);
        let finding = judge(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// The naive joiner's runs follow their rule: at least the minimum, more only while none
/// lost, and not past the most. Each way of breaking it alone is refused for its set-up,
/// whatever the runs received.
#[test]
fn ps6_evidence_refuses_naive_runs_that_break_their_rule() {
    let whole: Vec<usize> = (0..10).collect();
    let tail: Vec<usize> = (4..10).collect();
    let broken: [(&str, Vec<&[usize]>); 4] = [
        ("fewer than the minimum, one of them lost", vec![&tail]),
        (
            "on after a loss, to pick a kinder count",
            vec![&whole, &tail, &whole],
        ),
        ("stopped with no loss before the most", vec![&whole[..]; 3]),
        ("past the most", vec![&whole, &whole, &whole, &whole, &tail]),
    ];
    for (what, naive) in broken {
        let finding = judge(&runs(&naive, [&whole, &whole]));
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
    // On inproc, where no loss is due, a run stopped early is refused all the same.
    let early = judge_on(
        Transport::Inproc,
        &runs_on(Transport::Inproc, &[&whole[..]; 2], [&whole, &whole]),
    );
    assert!(
        !early.agrees() && early.to_string().contains("set-up not proven"),
        "{early}"
    );
}

/// PS6 — the "in your own program" lines: a publisher that waits for two subscribers
/// loses nothing to either, however late they connect.
#[test]
fn ps6_in_your_own_program_waiting_for_subscriptions_loses_nothing() {
    watchdog(|| {
        use zmq_workbook::claims::pubsub::{recv_until, subscriber};
        let lab = zmq_workbook::lab::Lab::new()?;
        let publisher = lab.socket(zmq::XPUB)?;
        let endpoint = lab.bind(&publisher, zmq_workbook::lab::Transport::Tcp)?;
        let subscribers = [
            subscriber(&lab, &endpoint, &[b""])?,
            subscriber(&lab, &endpoint, &[b""])?,
        ];
        ps6::wait_for_subscribers(&publisher, 2)?;
        for message in ["first", "second", "end"] {
            publisher.send(message, 0)?;
        }
        for subscriber in &subscribers {
            assert_eq!(
                recv_until(subscriber, b"end")?,
                [b"first".to_vec(), b"second".to_vec()]
            );
        }
        Ok(())
    })
}
