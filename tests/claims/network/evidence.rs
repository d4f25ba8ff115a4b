//! The judges that put the network experiments' results in words for PL5, PS5, PS7,
//! RR4 and RR6: fed another world, they read differently and disagree; fed a run that
//! cannot prove its set-up, they refuse it. Each part is shown wrong alone.

use std::os::unix::process::ExitStatusExt as _;
use std::process::ExitStatus;
use std::time::Duration;

use zmq_workbook::claims::network::crash::{ServerRestarted, Stop, WorkerStopped};
use zmq_workbook::claims::network::judges;
use zmq_workbook::claims::network::publish::SubscriberCutOff;
use zmq_workbook::claims::network::push::{CutAndHealed, CutForGood, LinkReset};
use zmq_workbook::claims::network::request::{Retry, SwallowedReply, ASK_TIMEOUT};
use zmq_workbook::claims::network::{End, Heartbeats, Link, WINDOW};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab;

const SOON: Option<Duration> = Some(Duration::from_millis(97));
const BOUND_AT: &str = "tcp://127.0.0.1:10000";
const RELAY_AT: &str = "tcp://127.0.0.1:10001";
/// The raw status of a process ended by SIGKILL, and by SIGTERM.
const KILLED: i32 = 9;
const TERMINATED: i32 = 15;

/// When each end noticed: the bound end at `noticed`, the far end a little later, each
/// by its own monitor.
fn both(noticed: Option<Duration>) -> [Option<Duration>; 2] {
    [noticed, noticed.map(|t| t + Duration::from_millis(7))]
}

/// Another time than `time`: a little later, or one where there was none.
fn other(time: Option<Duration>) -> Option<Duration> {
    match time {
        Some(t) => Some(t + Duration::from_millis(23)),
        None => SOON,
    }
}

/// The other answer to "did it notice?".
fn flip(noticed: Option<Duration>) -> Option<Duration> {
    match noticed {
        Some(_) => None,
        None => SOON,
    }
}

/// The set-up of a run that proves it: the far end behind the relay, `peers`
/// connections each, the lab's heartbeats on both ends or none, each end's loss logged
/// by its own monitor at `lost`, a cut that carried nothing, a whole window watched.
fn link(heartbeats: bool, peers: [usize; 2], lost: [Option<Duration>; 2]) -> Link {
    let end = |endpoint: &str, connected, lost| End {
        endpoint: endpoint.into(),
        connected,
        heartbeats: heartbeats.then_some(Heartbeats::LAB),
        reconnect_ivl: lab::millis(zmq_workbook::claims::network::RECONNECT),
        lost,
    };
    Link {
        bound: end(BOUND_AT, peers[0], lost[0]),
        far: end(RELAY_AT, peers[1], lost[1]),
        relay: RELAY_AT.into(),
        carried_while_cut: 0,
        window: WINDOW,
        watched: WINDOW + Duration::from_millis(2),
    }
}

/// How a judge reads a link: whether it watches for a break nothing notices over a
/// window, and whether it says when the bound end noticed.
#[derive(Clone, Copy)]
struct Reads {
    windowed: bool,
    bound_time: bool,
}

const ALL: Reads = Reads {
    windowed: true,
    bound_time: true,
};

/// Each part of a link's set-up wrong alone, and what is wrong.
fn spoiled_links(good: &Link, reads: Reads) -> Vec<(&'static str, Link)> {
    let ms = Duration::from_millis;
    let heartbeats = good.far.heartbeats.is_some();
    let mut spoiled: Vec<(&'static str, Link)> = Vec::new();
    let mut spoil = |what, change: &dyn Fn(&mut Link)| {
        let mut link = good.clone();
        change(&mut link);
        spoiled.push((what, link));
    };
    spoil("the two ends named the wrong way round", &|l| {
        std::mem::swap(&mut l.bound.endpoint, &mut l.far.endpoint)
    });
    spoil("the far end connected past the relay", &|l| {
        l.far.endpoint = l.bound.endpoint.clone()
    });
    spoil("another transport", &|l| {
        l.bound.endpoint = "ipc:///tmp/bound.ipc".into()
    });
    spoil(
        "a peer of the bound end not connected before the break",
        &|l| l.bound.connected -= 1,
    );
    spoil("the far end not connected before the break", &|l| {
        l.far.connected = 0
    });
    spoil("the far end's heartbeats not the ones named", &|l| {
        l.far.heartbeats = match l.far.heartbeats {
            Some(_) => None,
            None => Some(Heartbeats::LAB),
        }
    });
    spoil("a TTL set in tenths, which libzmq reads as none", &|l| {
        l.bound.heartbeats = Some(Heartbeats {
            ttl: Duration::ZERO,
            ..Heartbeats::LAB
        })
    });
    spoil("the far end reconnecting at libzmq's default", &|l| {
        l.far.reconnect_ivl = 100
    });
    spoil("a cut link that carried bytes", &|l| {
        l.carried_while_cut = 64
    });
    spoil("the far end's time not logged by its own monitor", &|l| {
        l.far.lost = other(l.far.lost)
    });
    if reads.bound_time {
        spoil("the bound end's time not logged by its own monitor", &|l| {
            l.bound.lost = other(l.bound.lost)
        });
    }
    spoil("a window shorter than the heartbeats need", &|l| {
        l.window = ms(100);
        l.watched = ms(102);
    });
    if reads.windowed && !heartbeats {
        spoil("a window cut short", &|l| l.watched = ms(100));
        spoil("a window watched far longer than it says", &|l| {
            l.watched = 2 * l.window + lab::LATE_SLACK + ms(1)
        });
    }
    spoiled
}

/// A judge agrees with `good`, and refuses it with each part of its link's set-up wrong
/// alone (see [`spoiled_links`]), saying that the set-up is not proven.
fn refuses_each_spoiled_link<T: Clone>(
    good: &T,
    link_of: fn(&T) -> &Link,
    with_link: fn(&T, Link) -> T,
    reads: Reads,
    judge: impl Fn(&T) -> Finding,
) {
    let finding = judge(good);
    assert!(
        finding.agrees(),
        "the run that proves its set-up: {finding}"
    );
    for (what, link) in spoiled_links(link_of(good), reads) {
        let finding = judge(&with_link(good, link));
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A judge refuses each run, where only the part named is wrong: the set-up stands.
fn each_alone<T>(runs: Vec<(&str, T)>, judge: impl Fn(&T) -> Finding) {
    for (what, run) in runs {
        let finding = judge(&run);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: only that part is wrong: {finding}"
        );
    }
}

fn cut_with(
    heartbeats: bool,
    noticed: [Option<Duration>; 2],
    near_after: usize,
    lost: usize,
) -> CutForGood {
    CutForGood {
        before: [5, 5],
        push_noticed: noticed[0],
        puller_noticed: noticed[1],
        near_during: 5,
        near_after,
        // A bound PUSH lets go of a lost puller: once it noticed, the run probed.
        probed_until_near_alone: noticed[0].map(|_| 1),
        lost: (0..lost).collect(),
        link: link(heartbeats, [2, 1], noticed),
        pusher_connects: false,
        immediate: false,
        repeated: 0,
    }
}

fn cut(noticed: Option<Duration>, near_after: usize, lost: usize) -> CutForGood {
    cut_with(noticed.is_some(), both(noticed), near_after, lost)
}

#[test]
fn pl5_evidence_of_a_cut_for_good_counts_what_the_dead_puller_was_dealt() {
    assert!(judges::cut_for_good(false, &cut(None, 5, 10)).agrees());
    assert!(judges::cut_for_good(true, &cut(SOON, 10, 5)).agrees());
    let noticed_anyway = judges::cut_for_good(false, &cut_with(false, both(SOON), 10, 5));
    assert!(!noticed_anyway.agrees());
    assert!(
        noticed_anyway.evidence().contains("both ends noticed"),
        "{noticed_anyway}"
    );
    let still_dealt = judges::cut_for_good(true, &cut(SOON, 5, 10));
    assert!(!still_dealt.agrees() && still_dealt.evidence().contains("10 of 30 lost"));
    let only_the_push = cut_with(true, [SOON, None], 10, 5);
    let finding = judges::cut_for_good(true, &only_the_push);
    assert!(finding
        .evidence()
        .contains("the PUSH noticed, the puller did not"));
}

/// Every part of the evidence counts: from a run that agrees, one part changed at a
/// time (the world changed with it: each end's own monitor logs what it says) makes a
/// run that does not.
#[test]
fn pl5_evidence_of_a_cut_for_good_wants_every_part() {
    for heartbeats in [false, true] {
        let noticed = heartbeats.then_some(SOON).flatten();
        let (near_after, lost) = if heartbeats { (10, 5) } else { (5, 10) };
        let good = cut(noticed, near_after, lost);
        let finding = judges::cut_for_good(heartbeats, &good);
        assert!(finding.agrees(), "{finding}");
        // How soon is a figure, there only when someone noticed.
        let figure = finding
            .to_string()
            .contains("cut for good: noticed by the PUSH");
        assert_eq!(figure, heartbeats, "{finding}");
        let [push, puller] = both(noticed);
        let wrong = vec![
            (
                "the PUSH",
                cut_with(heartbeats, [flip(push), puller], near_after, lost),
            ),
            (
                "the puller",
                cut_with(heartbeats, [push, flip(puller)], near_after, lost),
            ),
            ("dealt after", cut(noticed, near_after - 1, lost)),
            ("lost", cut(noticed, near_after, lost - 1)),
            (
                "the control",
                CutForGood {
                    before: [6, 4],
                    ..good.clone()
                },
            ),
            (
                "dealt during",
                CutForGood {
                    near_during: 6,
                    ..good.clone()
                },
            ),
        ];
        each_alone(wrong, |run| judges::cut_for_good(heartbeats, run));
    }
}

/// A run that cannot prove its set-up proves nothing, each part alone; and two
/// detection times that are really one, or a time the settings gave, are refused.
#[test]
fn pl5_evidence_of_a_cut_for_good_refuses_a_run_that_cannot_prove_its_set_up() {
    for heartbeats in [false, true] {
        let good = match heartbeats {
            true => cut(SOON, 10, 5),
            false => cut(None, 5, 10),
        };
        refuses_each_spoiled_link(
            &good,
            |run| &run.link,
            |run, link| CutForGood {
                link,
                ..run.clone()
            },
            ALL,
            |run| judges::cut_for_good(heartbeats, run),
        );
    }
    let good = cut(SOON, 10, 5);
    let one_for_both = CutForGood {
        puller_noticed: good.push_noticed,
        ..good.clone()
    };
    let settings = Some(Heartbeats::LAB.noticed_by());
    let from_the_settings = CutForGood {
        push_noticed: settings,
        puller_noticed: settings,
        ..good.clone()
    };
    for probed in [None, Some(0)] {
        let not_probed = CutForGood {
            probed_until_near_alone: probed,
            ..good.clone()
        };
        let refused = judges::cut_for_good(true, &not_probed);
        assert!(!refused.agrees(), "{probed:?}: {refused}");
        assert!(
            refused
                .to_string()
                .contains("dealing to the live puller alone"),
            "{refused}"
        );
    }
    for (what, run) in [
        ("two times that are really one", one_for_both),
        ("times the settings gave", from_the_settings),
    ] {
        let finding = judges::cut_for_good(true, &run);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("by its own monitor"),
            "{what}: {finding}"
        );
    }
}

/// A connecting PUSH's run of a cut for good, both ends noticing, as the verdict has it.
fn connecting_cut(immediate: bool) -> CutForGood {
    let (near_after, lost) = if immediate { (10, 5) } else { (5, 10) };
    let [push, puller] = both(SOON);
    CutForGood {
        before: [5, 5],
        push_noticed: push,
        puller_noticed: puller,
        near_during: 5,
        near_after,
        probed_until_near_alone: push.filter(|_| immediate).map(|_| 1),
        lost: (10..10 + lost).collect(),
        // The far puller is the bound end; the PUSH, behind the relay, the far one.
        link: link(true, [1, 2], [puller, push]),
        pusher_connects: true,
        immediate,
        repeated: 0,
    }
}

/// The judge of a connecting PUSH's cut, each part wrong alone, either way; and the
/// judge of a binding PUSH's cut refuses a run whose PUSH connected.
#[test]
fn pl5_evidence_of_a_connecting_push_cut_for_good_wants_every_part() {
    for immediate in [false, true] {
        let good = connecting_cut(immediate);
        let judge = |run: &CutForGood| judges::connecting_cut_for_good(immediate, run);
        super::agrees(judge(&good));
        let (near_after, lost) = (good.near_after, good.lost.len());
        let wrong = vec![
            (
                "the other way's dealing after the break",
                CutForGood {
                    near_after: 15 - near_after,
                    ..good.clone()
                },
            ),
            (
                "one lost more",
                CutForGood {
                    lost: (10..11 + lost).collect(),
                    ..good.clone()
                },
            ),
            (
                "the control",
                CutForGood {
                    before: [6, 4],
                    ..good.clone()
                },
            ),
            (
                "dealt during",
                CutForGood {
                    near_during: 6,
                    ..good.clone()
                },
            ),
        ];
        each_alone(wrong, judge);
        refuses_each_spoiled_link(
            &good,
            |run| &run.link,
            |run, link| CutForGood {
                link,
                ..run.clone()
            },
            Reads {
                windowed: false,
                bound_time: true,
            },
            judge,
        );
        for (what, run) in [
            (
                "the PUSH bound",
                CutForGood {
                    pusher_connects: false,
                    ..good.clone()
                },
            ),
            (
                "ZMQ_IMMEDIATE the other way",
                CutForGood {
                    immediate: !immediate,
                    ..good.clone()
                },
            ),
        ] {
            let finding = judge(&run);
            assert!(
                !finding.agrees() && finding.to_string().contains("set-up not proven"),
                "{what}: {finding}"
            );
        }
    }
    let connected = CutForGood {
        pusher_connects: true,
        ..cut(SOON, 10, 5)
    };
    let finding = judges::cut_for_good(true, &connected);
    assert!(
        !finding.agrees()
            && finding
                .to_string()
                .contains("set-up not proven: the PUSH connected"),
        "{finding}"
    );
}

fn healed_with(
    heartbeats: bool,
    noticed: [Option<Duration>; 2],
    reconnected: Option<Duration>,
    lost: usize,
) -> CutAndHealed {
    CutAndHealed {
        push_noticed: noticed[0],
        puller_noticed: noticed[1],
        cut_lasted: Duration::from_millis(300),
        reconnected,
        during: [5, 5],
        after: [5, 5],
        lost: (0..lost).collect(),
        link: link(heartbeats, [2, 1], noticed),
        repeated: 0,
    }
}

fn healed(noticed: Option<Duration>, lost: usize) -> CutAndHealed {
    healed_with(noticed.is_some(), both(noticed), noticed, lost)
}

/// Every part of a healed cut's evidence counts (see the cut for good).
#[test]
fn pl5_evidence_of_a_healed_cut_wants_every_part() {
    for heartbeats in [false, true] {
        let noticed = heartbeats.then_some(SOON).flatten();
        let lost = if heartbeats { 5 } else { 0 };
        let good = healed(noticed, lost);
        assert!(judges::cut_and_healed(heartbeats, &good).agrees());
        let [push, puller] = both(noticed);
        let wrong = vec![
            (
                "the PUSH",
                healed_with(heartbeats, [flip(push), puller], good.reconnected, lost),
            ),
            (
                "the puller",
                healed_with(heartbeats, [push, flip(puller)], good.reconnected, lost),
            ),
            (
                "reconnected",
                healed_with(heartbeats, [push, puller], flip(good.reconnected), lost),
            ),
            (
                "lost",
                CutAndHealed {
                    lost: vec![29; good.lost.len() + 1],
                    ..good.clone()
                },
            ),
            (
                "after",
                CutAndHealed {
                    after: [6, 4],
                    ..good.clone()
                },
            ),
        ];
        each_alone(wrong, |run| judges::cut_and_healed(heartbeats, run));
    }
}

#[test]
fn pl5_evidence_of_a_healed_cut_refuses_a_run_that_cannot_prove_its_set_up() {
    for heartbeats in [false, true] {
        let good = match heartbeats {
            true => healed(SOON, 5),
            false => healed(None, 0),
        };
        refuses_each_spoiled_link(
            &good,
            |run| &run.link,
            |run, link| CutAndHealed {
                link,
                ..run.clone()
            },
            ALL,
            |run| judges::cut_and_healed(heartbeats, run),
        );
    }
}

#[test]
fn pl5_evidence_of_a_healed_cut_says_what_heartbeats_lost() {
    assert!(judges::cut_and_healed(false, &healed(None, 0)).agrees());
    assert!(judges::cut_and_healed(true, &healed(SOON, 5)).agrees());
    let lossless = judges::cut_and_healed(true, &healed(SOON, 0));
    assert!(!lossless.agrees() && lossless.evidence().contains("0 of 30 lost"));
    assert!(!judges::cut_and_healed(false, &healed(None, 5)).agrees());
    let one_sided = CutAndHealed {
        after: [0, 10],
        ..healed(None, 0)
    };
    assert!(judges::cut_and_healed(false, &one_sided)
        .evidence()
        .contains("0, 10"));
    assert!(!judges::cut_and_healed(false, &one_sided).agrees());
}

fn reset(
    noticed: [Option<Duration>; 2],
    reconnected: Option<Duration>,
    lost: usize,
) -> LinkReset {
    LinkReset {
        push_noticed: noticed[0],
        puller_noticed: noticed[1],
        reconnected,
        during: [0, 5],
        after: [5, 5],
        lost: (0..lost).collect(),
        link: Link {
            window: lab::BOUND,
            ..link(false, [2, 1], noticed)
        },
        repeated: 0,
    }
}

#[test]
fn pl5_evidence_of_a_reset_wants_both_ends_to_notice_and_the_puller_back() {
    let early = Some(Duration::from_millis(1));
    // However late: a loaded machine delays the news of a reset, it cannot make it
    // up.
    let late = judges::link_reset(
        false,
        &reset([early, Some(Duration::from_secs(1))], SOON, 5),
    );
    assert!(late.agrees(), "{}", late.evidence());
    assert_eq!(
        late.evidence(),
        "a reset (the far host came back), without heartbeats: both ends noticed; the \
         puller connected again; 5 of 30 lost, what was on its way"
    );
    let unnoticed = judges::link_reset(false, &reset([early, None], SOON, 5));
    assert!(!unnoticed.agrees());
    assert!(unnoticed
        .evidence()
        .contains("the PUSH noticed, the puller did not"));
    let gone = judges::link_reset(false, &reset([early, early], None, 5));
    assert!(!gone.agrees() && gone.evidence().contains("never connected again"));
    assert!(!judges::link_reset(false, &reset([early, early], SOON, 0)).agrees());
    let push_unaware = reset([None, SOON], SOON, 5);
    assert!(!judges::link_reset(false, &push_unaware).agrees());
    refuses_each_spoiled_link(
        &reset(both(SOON), SOON, 5),
        |run| &run.link,
        |run, link| LinkReset {
            link,
            ..run.clone()
        },
        Reads {
            windowed: false,
            ..ALL
        },
        |run| judges::link_reset(false, run),
    );
}

/// The worker's share of the tasks pushed just before the stop: 10, 12, …, 18.
fn stopped(exit: i32, lost: &[usize]) -> WorkerStopped {
    WorkerStopped {
        noticed: SOON,
        dealt_to_worker: 5,
        lost: lost.to_vec(),
        exit: ExitStatus::from_raw(exit),
        ventilator: lab::Ready {
            endpoint: BOUND_AT.into(),
            peers: 2,
        },
        sink_peers: 1,
    }
}

#[test]
fn pl5_evidence_of_a_stopped_worker_tells_a_kill_from_a_polite_stop() {
    let all = [10, 12, 14, 16, 18];
    let kill = judges::worker_stopped(Stop::Kill, &stopped(KILLED, &all));
    assert!(kill.agrees(), "{kill}");
    assert!(kill.to_string().contains("5 of its 5 lost"), "{kill}");
    // It passed two on before the kill came: the three others are lost.
    let part = judges::worker_stopped(Stop::Kill, &stopped(KILLED, &all[2..]));
    assert!(part.agrees() && part.to_string().contains("3 of its 5 lost"));
    assert_eq!(kill.evidence(), part.evidence(), "the count is a figure");
    assert!(judges::worker_stopped(Stop::Polite, &stopped(0, &[])).agrees());
    // Asked politely, it must end by itself: one that died of the SIGTERM never
    // handled it, and proves no polite stop.
    let died = judges::worker_stopped(Stop::Polite, &stopped(TERMINATED, &[]));
    assert!(!died.agrees(), "a polite stop it died of: {died}");
    let polite_loss = judges::worker_stopped(Stop::Polite, &stopped(0, &all));
    assert!(!polite_loss.agrees() && polite_loss.evidence().contains("5 lost"));
    assert!(!judges::worker_stopped(Stop::Kill, &stopped(KILLED, &[])).agrees());
    let beyond = judges::worker_stopped(Stop::Kill, &stopped(KILLED, &[3, 10]));
    assert!(!beyond.agrees(), "a task outside its share lost: {beyond}");
    assert!(beyond.evidence().contains("2 lost (3, 10)"), "{beyond}");
    let more =
        judges::worker_stopped(Stop::Kill, &stopped(KILLED, &[10, 11, 12, 13, 14, 15]));
    assert!(!more.agrees(), "more lost than it was dealt: {more}");
    let never_dealt = WorkerStopped {
        dealt_to_worker: 0,
        ..stopped(KILLED, &[])
    };
    let finding = judges::worker_stopped(Stop::Kill, &never_dealt);
    assert!(
        !finding.agrees(),
        "a killed worker never dealt its share: {finding}"
    );
    assert!(
        finding.evidence().contains("of the 0 tasks dealt to it"),
        "{finding}"
    );
}

/// A stop the judge cannot prove was the one it names proves nothing: a "SIGKILL" the
/// process did not die of, a polite stop it did, a pipeline not connected before.
#[test]
fn pl5_evidence_of_a_stopped_worker_refuses_a_run_that_cannot_prove_its_set_up() {
    let all = [10, 12, 14, 16, 18];
    let wrong = [
        (Stop::Kill, "a kill by SIGTERM", stopped(TERMINATED, &all)),
        (Stop::Kill, "a kill it survived", stopped(0, &all)),
        (
            Stop::Polite,
            "a polite stop it died of",
            stopped(KILLED, &[]),
        ),
        (
            Stop::Kill,
            "another transport",
            WorkerStopped {
                ventilator: lab::Ready {
                    endpoint: "ipc:///tmp/tasks.ipc".into(),
                    peers: 2,
                },
                ..stopped(KILLED, &all)
            },
        ),
        (
            Stop::Kill,
            "the other puller not connected",
            WorkerStopped {
                ventilator: lab::Ready {
                    endpoint: BOUND_AT.into(),
                    peers: 1,
                },
                ..stopped(KILLED, &all)
            },
        ),
        (
            Stop::Kill,
            "the worker not connected to the sink",
            WorkerStopped {
                sink_peers: 0,
                ..stopped(KILLED, &all)
            },
        ),
    ];
    for (stop, what, run) in wrong {
        let finding = judges::worker_stopped(stop, &run);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

fn cut_off_with(
    heartbeats: bool,
    noticed: [Option<Duration>; 2],
    resubscribed: Option<Duration>,
    far: std::ops::Range<usize>,
) -> SubscriberCutOff {
    SubscriberCutOff {
        subscriber_noticed: noticed[1],
        publisher_noticed: noticed[0],
        cut_lasted: Duration::from_millis(300),
        resubscribed,
        far: far.collect(),
        near: (0..10).collect(),
        link: link(heartbeats, [2, 1], noticed),
        subscribed: 2,
        unread_subscriptions: 0,
        repeated: 0,
    }
}

fn cut_off(noticed: Option<Duration>, far: std::ops::Range<usize>) -> SubscriberCutOff {
    cut_off_with(noticed.is_some(), both(noticed), noticed, far)
}

/// Every part of a subscriber's silent-link evidence counts (see the cut for good).
#[test]
fn ps5_evidence_of_a_silent_link_wants_every_part() {
    for heartbeats in [false, true] {
        let (noticed, far) = match heartbeats {
            true => (SOON, 5..10),
            false => (None, 0..10),
        };
        let good = cut_off(noticed, far.clone());
        assert!(judges::subscriber_cut_off(heartbeats, &good).agrees());
        let [publisher, subscriber] = both(noticed);
        let resubscribed = good.resubscribed;
        let wrong = vec![
            (
                "the subscriber",
                cut_off_with(
                    heartbeats,
                    [publisher, flip(subscriber)],
                    resubscribed,
                    far.clone(),
                ),
            ),
            (
                "the publisher",
                cut_off_with(
                    heartbeats,
                    [flip(publisher), subscriber],
                    resubscribed,
                    far.clone(),
                ),
            ),
            (
                "resubscribed",
                cut_off_with(heartbeats, both(noticed), flip(resubscribed), far.clone()),
            ),
            (
                "far",
                SubscriberCutOff {
                    far: good.far[1..].to_vec(),
                    ..good.clone()
                },
            ),
            (
                "near",
                SubscriberCutOff {
                    near: (1..10).collect(),
                    ..good.clone()
                },
            ),
        ];
        each_alone(wrong, |run| judges::subscriber_cut_off(heartbeats, run));
    }
    let nothing = judges::subscriber_cut_off(true, &cut_off(SOON, 0..0));
    assert!(
        nothing.evidence().contains(
            "got 0 of the 5 published during the cut and 0 of the 5 after (nothing)"
        ),
        "{nothing}"
    );
}

#[test]
fn ps5_evidence_of_a_silent_link_refuses_a_run_that_cannot_prove_its_set_up() {
    for heartbeats in [false, true] {
        let good = match heartbeats {
            true => cut_off(SOON, 5..10),
            false => cut_off(None, 0..10),
        };
        refuses_each_spoiled_link(
            &good,
            |run| &run.link,
            |run, link| SubscriberCutOff {
                link,
                ..run.clone()
            },
            ALL,
            |run| judges::subscriber_cut_off(heartbeats, run),
        );
        let wrong = [
            (
                "one subscriber subscribed before the cut",
                SubscriberCutOff {
                    subscribed: 1,
                    ..good.clone()
                },
            ),
            (
                "published before the far subscriber was subscribed again",
                SubscriberCutOff {
                    unread_subscriptions: 1,
                    ..good.clone()
                },
            ),
        ];
        for (what, run) in wrong {
            let finding = judges::subscriber_cut_off(heartbeats, &run);
            assert!(!finding.agrees(), "{what}: {finding}");
            assert!(
                finding.to_string().contains("set-up not proven"),
                "{what}: {finding}"
            );
        }
    }
}

#[test]
fn ps5_evidence_of_a_silent_link_says_whether_the_backlog_came() {
    assert!(judges::subscriber_cut_off(false, &cut_off(None, 0..10)).agrees());
    assert!(judges::subscriber_cut_off(true, &cut_off(SOON, 5..10)).agrees());
    let only_new = judges::subscriber_cut_off(false, &cut_off(None, 5..10));
    assert!(!only_new.agrees());
    assert!(only_new
        .evidence()
        .contains("got 0 of the 5 published during the cut"));
    assert!(!judges::subscriber_cut_off(true, &cut_off(SOON, 0..10)).agrees());
    let disturbed = SubscriberCutOff {
        near: (0..9).collect(),
        ..cut_off(None, 0..10)
    };
    let finding = judges::subscriber_cut_off(false, &disturbed);
    assert!(!finding.agrees() && finding.evidence().contains("got 9 of 10"));
}

/// A reply swallowed by a cut, as a run with or without heartbeats proves it: the REQ
/// noticed (its own monitor logged it) only with them, and, if it dropped its
/// connection, was connected again before it listened for the late reply.
fn swallowed(
    heartbeats: bool,
    resend: Option<zmq::Error>,
    answer: Option<&str>,
) -> SwallowedReply {
    swallowed_noticing(heartbeats, heartbeats, resend, answer)
}

/// As [`swallowed`], in a world where the REQ noticed or not, whatever its heartbeats.
fn swallowed_noticing(
    heartbeats: bool,
    noticed: bool,
    resend: Option<zmq::Error>,
    answer: Option<&str>,
) -> SwallowedReply {
    let noticed_after = noticed.then_some(SOON).flatten();
    let link = link(heartbeats, [1, 1], [None, noticed_after]);
    SwallowedReply {
        noticed,
        gave_up_after: Duration::from_millis(151),
        resend,
        answer: answer.map(str::to_string),
        answered_after: SOON,
        noticed_after,
        rcvtimeo: lab::millis(ASK_TIMEOUT),
        reconnected: noticed_after,
        link: Link {
            bound: End {
                heartbeats: None,
                ..link.bound.clone()
            },
            ..link
        },
        repeated: 0,
    }
}

#[test]
fn rr6_evidence_of_a_swallowed_reply_names_what_the_req_got() {
    let efsm = Some(zmq::Error::EFSM);
    assert!(
        judges::swallowed_reply(Retry::Wait, true, &swallowed(true, efsm, None)).agrees()
    );
    let relaxed = swallowed(true, None, Some("reply to request 2"));
    assert!(judges::swallowed_reply(Retry::Relaxed, true, &relaxed).agrees());
    assert!(judges::swallowed_reply(Retry::FreshSocket, true, &relaxed).agrees());
    let late = swallowed(true, None, Some("reply to request 1"));
    let finding = judges::swallowed_reply(Retry::Relaxed, true, &late);
    assert!(!finding.agrees() && finding.evidence().contains("\"reply to request 1\""));
    let impatient = SwallowedReply {
        gave_up_after: Duration::from_millis(2),
        ..swallowed(true, efsm, None)
    };
    assert!(!judges::swallowed_reply(Retry::Wait, true, &impatient).agrees());
    let waited = Some("reply to request 1");
    let without = swallowed(false, efsm, waited);
    assert!(judges::swallowed_reply(Retry::Wait, false, &without).agrees());
    // Each alone, the rest of the run as its world would make it.
    let unnoticed = swallowed_noticing(true, false, efsm, None);
    let noticed_anyway = swallowed_noticing(false, true, efsm, waited);
    each_alone(
        vec![("with heartbeats, a REQ that did not notice", unnoticed)],
        |run| judges::swallowed_reply(Retry::Wait, true, run),
    );
    each_alone(
        vec![("without heartbeats, a REQ that noticed", noticed_anyway)],
        |run| judges::swallowed_reply(Retry::Wait, false, run),
    );
}

#[test]
fn rr6_evidence_of_a_swallowed_reply_refuses_a_run_that_cannot_prove_its_set_up() {
    let efsm = Some(zmq::Error::EFSM);
    for heartbeats in [false, true] {
        let answer = (!heartbeats).then_some("reply to request 1");
        let good = swallowed(heartbeats, efsm, answer);
        let judge =
            |run: &SwallowedReply| judges::swallowed_reply(Retry::Wait, heartbeats, run);
        refuses_each_spoiled_link(
            &good,
            |run| &run.link,
            |run, link| SwallowedReply {
                link,
                ..run.clone()
            },
            Reads {
                bound_time: false,
                ..ALL
            },
            judge,
        );
        let mut wrong = vec![
            (
                "another receive timeout",
                SwallowedReply {
                    rcvtimeo: 1000,
                    ..good.clone()
                },
            ),
            (
                "noticed, by no loss its monitor reported",
                SwallowedReply {
                    noticed: !good.noticed,
                    ..good.clone()
                },
            ),
        ];
        if heartbeats {
            wrong.push((
                "listened for the late reply before it was connected again",
                SwallowedReply {
                    reconnected: None,
                    ..good.clone()
                },
            ));
        }
        for (what, run) in wrong {
            let finding = judge(&run);
            assert!(!finding.agrees(), "{what}: {finding}");
            assert!(
                finding.to_string().contains("set-up not proven"),
                "{what}: {finding}"
            );
        }
    }
}

fn restarted(
    stop: Stop,
    resend: Option<zmq::Error>,
    answer: Option<&str>,
) -> ServerRestarted {
    ServerRestarted {
        noticed: SOON,
        reconnected: SOON,
        resend,
        answer: answer.map(str::to_string),
        first_exit: ExitStatus::from_raw(match stop {
            Stop::Kill => KILLED,
            Stop::Polite => 1 << 8, // exit code 1: it said what it left unanswered
        }),
        client: lab::Ready {
            endpoint: BOUND_AT.into(),
            peers: 1,
        },
    }
}

#[test]
fn rr4_evidence_of_a_restarted_server_says_who_was_answered() {
    let efsm = Some(zmq::Error::EFSM);
    let stuck = restarted(Stop::Kill, efsm, None);
    assert!(judges::server_restarted(Stop::Kill, Retry::Wait, &stuck).agrees());
    let polite = restarted(Stop::Polite, efsm, None);
    assert!(judges::server_restarted(Stop::Polite, Retry::Wait, &polite).agrees());
    let answered = restarted(Stop::Kill, None, Some("from the second server"));
    assert!(judges::server_restarted(Stop::Kill, Retry::Relaxed, &answered).agrees());
    let finding = judges::server_restarted(Stop::Kill, Retry::Wait, &answered);
    assert!(!finding.agrees() && finding.evidence().contains("asking again: accepted"));
    let never_back = ServerRestarted {
        reconnected: None,
        ..restarted(Stop::Polite, efsm, None)
    };
    let finding = judges::server_restarted(Stop::Polite, Retry::Wait, &never_back);
    assert!(!finding.agrees() && finding.evidence().contains("never connected"));
}

#[test]
fn rr4_evidence_of_a_restarted_server_refuses_a_run_that_cannot_prove_its_set_up() {
    let efsm = Some(zmq::Error::EFSM);
    let wrong = [
        (
            Stop::Kill,
            "a kill by SIGTERM",
            ServerRestarted {
                first_exit: ExitStatus::from_raw(TERMINATED),
                ..restarted(Stop::Kill, efsm, None)
            },
        ),
        (
            Stop::Polite,
            "a polite stop it died of",
            ServerRestarted {
                first_exit: ExitStatus::from_raw(KILLED),
                ..restarted(Stop::Polite, efsm, None)
            },
        ),
        (
            Stop::Polite,
            "a polite stop whose SIGTERM it died of",
            ServerRestarted {
                first_exit: ExitStatus::from_raw(TERMINATED),
                ..restarted(Stop::Polite, efsm, None)
            },
        ),
        (
            Stop::Kill,
            "another transport",
            ServerRestarted {
                client: lab::Ready {
                    endpoint: "ipc:///tmp/server.ipc".into(),
                    peers: 1,
                },
                ..restarted(Stop::Kill, efsm, None)
            },
        ),
        (
            Stop::Kill,
            "the REQ not connected before the stop",
            ServerRestarted {
                client: lab::Ready {
                    endpoint: BOUND_AT.into(),
                    peers: 0,
                },
                ..restarted(Stop::Kill, efsm, None)
            },
        ),
    ];
    for (stop, what, run) in wrong {
        let finding = judges::server_restarted(stop, Retry::Wait, &run);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// A wait for a disconnection that ended in an error before its deadline is no answer: it
/// is passed on, never read as "not noticed"; one that gave up at its deadline (within the
/// clock's slack) is "not within", and one that saw the event, "it happened".
#[test]
fn a_wait_that_broke_before_its_deadline_is_no_answer() {
    use std::time::{Duration, Instant};
    use zmq_workbook::claims::network::happened;
    let now = Instant::now();
    let broken = || Err(anyhow::anyhow!("the monitor broke"));
    let early = happened(broken(), now + Duration::from_secs(2), now);
    assert!(early.is_err(), "an early error read as {early:?}");
    assert!(
        !happened(broken(), now, now).unwrap(),
        "at the deadline: not within"
    );
    let a_little_early = now + zmq_workbook::lab::CLOCK_SLACK / 2;
    assert!(!happened(broken(), a_little_early, now).unwrap());
    assert!(happened(Ok(()), now + Duration::from_secs(2), now).unwrap());
}
