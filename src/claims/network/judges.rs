//! What the network experiments' results say, as evidence for the claims they extend:
//! each judge puts a result in words from its values and says whether it is what the
//! verdict states. Times vary from run to run: they are figures.

use super::crash::{ServerRestarted, Stop, WorkerStopped, SECOND_REPLY};
use super::publish::{SubscriberCutOff, PUBLISHED};
use super::push::{CutAndHealed, CutForGood, LinkReset, BATCH};
use super::request::{Retry, SwallowedReply};
use super::{Heartbeats, Link};
use crate::claims::{listed, ms, Finding};
use crate::lab::{self, Transport};
use crate::tr;
use std::process::ExitStatus;
use std::time::Duration;

fn setting(heartbeats: bool) -> String {
    if heartbeats {
        tr!("net-with-heartbeats")
    } else {
        tr!("net-without-heartbeats")
    }
}

/// A party or a break as the evidence names it, in the current language: the English names
/// the judges pass ("far puller", "the PUSH", "cut for good"…) are the keys.
fn words(name: &str) -> String {
    match name {
        "PUSH" | "REQ" | "REP" => name.to_string(),
        "the PUSH" => tr!("pl-the-push"),
        "puller" => tr!("net-puller"),
        "the puller" => tr!("net-the-puller"),
        "far puller" => tr!("net-far-puller"),
        "publisher" => tr!("net-publisher"),
        "the publisher" => tr!("net-the-publisher"),
        "subscriber" => tr!("net-subscriber"),
        "the subscriber" => tr!("net-the-subscriber"),
        "far subscriber" => tr!("net-far-subscriber"),
        "cut for good" => tr!("net-cut-for-good"),
        "cut that healed" => tr!("net-cut-that-healed"),
        "reset" => tr!("net-reset"),
        "silent link" => tr!("net-silent-link"),
        "pl-worker" => name.to_string(),
        "the first rr-server" => tr!("net-the-first-rr-server"),
        other => other.to_string(),
    }
}

/// Who noticed a break: "both ends noticed", "neither end noticed within 300 ms"…, when
/// each was watched for `window`.
fn who_noticed(
    first: (&str, Option<Duration>),
    second: (&str, Option<Duration>),
    window: Duration,
) -> String {
    let window = window.as_millis();
    match (first.1, second.1) {
        (Some(_), Some(_)) => tr!("net-both-noticed"),
        (None, None) => tr!("net-neither-noticed", window = window),
        (Some(_), None) => tr!(
            "net-one-noticed",
            noticed = words(first.0),
            other = words(second.0)
        ),
        (None, Some(_)) => tr!(
            "net-one-noticed",
            noticed = words(second.0),
            other = words(first.0)
        ),
    }
}

fn noticed_figure(finding: &mut Finding, what: &str, times: &[(&str, Option<Duration>)]) {
    let times: Vec<String> = times
        .iter()
        .filter_map(|(who, took)| {
            took.map(|t| tr!("net-who-took", who = words(who), took = ms(t)))
        })
        .collect();
    if !times.is_empty() {
        finding.figure(tr!(
            "net-noticed-by",
            what = words(what),
            times = crate::i18n::join(&times)
        ));
    }
}

/// What one end of a failing link must be for a run to say what it says.
struct Expected<'a> {
    name: &'a str,
    /// Its connections before the break.
    peers: usize,
    heartbeats: Option<Heartbeats>,
    /// When it noticed, by the run's account; `None`: not judged (the run says nothing of
    /// it).
    noticed: Option<Option<Duration>>,
}

/// The heartbeats a run names: the lab's on each end of the failing link, or none.
fn named(heartbeats: bool) -> Option<Heartbeats> {
    heartbeats.then_some(Heartbeats::LAB)
}

fn at(time: Option<Duration>) -> String {
    time.map_or_else(|| tr!("net-never"), ms)
}

/// The set-up of a run across the relay, proven from what it read back: the far end
/// reached the bound one through the relay (over tcp), each end had its peers and the
/// heartbeats the run names, each end's time of noticing is its own monitor's, the cut
/// link carried nothing, and a break nothing noticed was watched for the whole window,
/// which outlasts twice what the heartbeats take.
fn link_proven(
    finding: &mut Finding,
    link: &Link,
    bound: Expected,
    far: Expected,
    nothing_noticed: bool,
) {
    finding.used_transport(Transport::Tcp, &link.bound.endpoint);
    finding.used_transport(Transport::Tcp, &link.far.endpoint);
    finding.set_up(
        link.far.endpoint == link.relay && link.bound.endpoint != link.relay,
        tr!(
            "net-relayed",
            far = words(far.name),
            far_endpoint = &link.far.endpoint,
            relay = &link.relay,
            bound = words(bound.name),
            bound_endpoint = &link.bound.endpoint
        ),
    );
    for (end, expected) in [(&link.bound, &bound), (&link.far, &far)] {
        let name = words(expected.name);
        finding.set_up(
            end.connected == expected.peers,
            tr!(
                "net-connections",
                name = &name,
                connected = end.connected,
                made = expected.peers
            ),
        );
        finding.set_up(
            end.heartbeats == expected.heartbeats,
            tr!(
                "net-heartbeats-read-back",
                name = &name,
                read = Heartbeats::named(end.heartbeats),
                named = Heartbeats::named(expected.heartbeats)
            ),
        );
        if let Some(noticed) = expected.noticed {
            finding.set_up(
                end.lost == noticed,
                tr!(
                    "net-noticed-accounts",
                    name = &name,
                    run = at(noticed),
                    monitor = at(end.lost)
                ),
            );
        }
    }
    // The end behind the relay is the one that connects, and connects again.
    let reconnect = lab::millis(super::RECONNECT);
    finding.set_up(
        link.far.reconnect_ivl == reconnect,
        tr!(
            "net-reconnect-ivl",
            name = words(far.name),
            read = link.far.reconnect_ivl,
            set = reconnect
        ),
    );
    finding.set_up(
        link.carried_while_cut == 0,
        tr!("net-carried", bytes = link.carried_while_cut),
    );
    let needed = 2 * Heartbeats::LAB.noticed_by();
    finding.set_up(
        link.window >= needed,
        tr!("net-window", window = ms(link.window), needed = ms(needed)),
    );
    if nothing_noticed {
        finding.set_up(
            lab::gave_up_at(link.watched, link.window),
            tr!(
                "net-watched",
                watched = ms(link.watched),
                window = ms(link.window)
            ),
        );
    }
}

/// How a program that was stopped must have ended: killed by SIGKILL, or by itself (no
/// signal) when it was asked politely.
fn ended_as(finding: &mut Finding, program: &str, stop: Stop, exit: &ExitStatus) {
    use std::os::unix::process::ExitStatusExt as _;
    let expected = match stop {
        Stop::Kill => Some(libc::SIGKILL),
        Stop::Polite => None,
    };
    finding.set_up(
        exit.signal() == expected,
        tr!(
            "net-ended-with",
            program = words(program),
            exit = exit.to_string(),
            due = match expected {
                Some(_) => "SIGKILL".to_string(),
                None => tr!("net-exit-of-its-own"),
            }
        ),
    );
}

fn lost(lost: &[usize], of: usize) -> String {
    tr!("net-lost-of", lost = lost.len(), of = of)
}

/// A PUSH that lets go of a lost puller (bound, or with `ZMQ_IMMEDIATE`) and noticed the
/// cut is seen dealing to the live puller alone before the batch after it is pushed: the
/// batch then shows where the PUSH deals, not how soon its pipe is gone.
fn dealt_to_near_alone_proven(finding: &mut Finding, cut: &CutForGood) {
    let due = cut.push_noticed.is_some() && (!cut.pusher_connects || cut.immediate);
    finding.set_up(
        !due || cut.probed_until_near_alone.is_some_and(|pairs| pairs > 0),
        tr!("net-dealt-to-near-alone"),
    );
}

/// PL5: the link to one of two pullers cut for good.
pub fn cut_for_good(heartbeats: bool, cut: &CutForGood) -> Finding {
    let mut finding = Finding::new();
    dealt_to_near_alone_proven(&mut finding, cut);
    two_pullers_proven(
        &mut finding,
        heartbeats,
        &cut.link,
        [cut.push_noticed, cut.puller_noticed],
    );
    finding.set_up(
        !cut.pusher_connects && !cut.immediate,
        tr!(
            "net-push-binding-due",
            side = if cut.pusher_connects {
                tr!("net-connected")
            } else {
                tr!("net-bound")
            },
            read = cut.immediate.to_string()
        ),
    );
    let noticed = who_noticed(
        ("PUSH", cut.push_noticed),
        ("puller", cut.puller_noticed),
        cut.link.window,
    );
    let pushed = 3 * BATCH;
    let half = BATCH / 2;
    let (agrees, dealt) = if heartbeats {
        let both = cut.push_noticed.is_some() && cut.puller_noticed.is_some();
        (
            both && cut.near_after == BATCH && cut.lost.len() == half,
            tr!("net-then"),
        )
    } else {
        let none = cut.push_noticed.is_none() && cut.puller_noticed.is_none();
        (
            none && cut.near_after == half && cut.lost.len() == BATCH,
            tr!("net-still"),
        )
    };
    finding.observe(
        agrees && cut.before == [half, half] && cut.near_during == half,
        tr!(
            "net-cut-for-good-push",
            setting = setting(heartbeats),
            noticed = noticed,
            dealt = dealt,
            near = cut.near_after,
            batch = BATCH,
            lost = lost(&cut.lost, pushed)
        ),
    );
    noticed_figure(
        &mut finding,
        "cut for good",
        &[
            ("the PUSH", cut.push_noticed),
            ("the puller", cut.puller_noticed),
        ],
    );
    finding
}

/// PL5, beyond the claim: the link to one of two pullers cut for good, the PUSH connecting
/// to them, heartbeats on both ends of the failing link, `ZMQ_IMMEDIATE` `immediate`. Both
/// ends notice; without the option the PUSH keeps its queue for the lost puller and goes
/// on dealing it its share; with it, it deals everything to the live one.
pub fn connecting_cut_for_good(immediate: bool, cut: &CutForGood) -> Finding {
    let mut finding = Finding::new();
    dealt_to_near_alone_proven(&mut finding, cut);
    link_proven(
        &mut finding,
        &cut.link,
        Expected {
            name: "far puller",
            peers: 1,
            heartbeats: named(true),
            noticed: Some(cut.puller_noticed),
        },
        Expected {
            name: "PUSH",
            peers: 2,
            heartbeats: named(true),
            noticed: Some(cut.push_noticed),
        },
        false,
    );
    finding.set_up(
        cut.pusher_connects && cut.immediate == immediate,
        tr!(
            "net-push-connecting-due",
            side = if cut.pusher_connects {
                tr!("net-connected")
            } else {
                tr!("net-bound")
            },
            read = cut.immediate.to_string(),
            immediate = immediate.to_string()
        ),
    );
    let noticed = who_noticed(
        ("PUSH", cut.push_noticed),
        ("puller", cut.puller_noticed),
        cut.link.window,
    );
    let pushed = 3 * BATCH;
    let half = BATCH / 2;
    let both = cut.push_noticed.is_some() && cut.puller_noticed.is_some();
    let (near_after, lost_due) = if immediate {
        (BATCH, half)
    } else {
        (half, BATCH)
    };
    let dealt = if cut.near_after == BATCH {
        tr!("net-then-dealt", near = cut.near_after, batch = BATCH)
    } else {
        tr!("net-still-dealt", near = cut.near_after, batch = BATCH)
    };
    finding.observe(
        both && cut.before == [half, half]
            && cut.near_during == half
            && cut.near_after == near_after
            && cut.lost.len() == lost_due,
        tr!(
            "net-connecting-cut",
            setting = if immediate {
                tr!("rr2-on")
            } else {
                tr!("rr2-off")
            },
            noticed = noticed,
            dealt = dealt,
            lost = lost(&cut.lost, pushed)
        ),
    );
    noticed_figure(
        &mut finding,
        &tr!(
            "net-connecting-cut-figure",
            setting = if immediate {
                tr!("rr2-on")
            } else {
                tr!("rr2-off")
            }
        ),
        &[
            ("the PUSH", cut.push_noticed),
            ("the puller", cut.puller_noticed),
        ],
    );
    finding
}

/// The set-up of a PUSH and a far puller (see [`link_proven`]): the PUSH had both pullers.
fn two_pullers_proven(
    finding: &mut Finding,
    heartbeats: bool,
    link: &Link,
    [push_noticed, puller_noticed]: [Option<Duration>; 2],
) {
    link_proven(
        finding,
        link,
        Expected {
            name: "PUSH",
            peers: 2,
            heartbeats: named(heartbeats),
            noticed: Some(push_noticed),
        },
        Expected {
            name: "far puller",
            peers: 1,
            heartbeats: named(heartbeats),
            noticed: Some(puller_noticed),
        },
        !heartbeats,
    );
}

/// PL5: the link to one of two pullers cut for a while, then back.
pub fn cut_and_healed(heartbeats: bool, cut: &CutAndHealed) -> Finding {
    let mut finding = Finding::new();
    two_pullers_proven(
        &mut finding,
        heartbeats,
        &cut.link,
        [cut.push_noticed, cut.puller_noticed],
    );
    let noticed = who_noticed(
        ("PUSH", cut.push_noticed),
        ("puller", cut.puller_noticed),
        cut.link.window,
    );
    let both = cut.push_noticed.is_some() && cut.puller_noticed.is_some();
    let none = cut.push_noticed.is_none() && cut.puller_noticed.is_none();
    let (agrees, expected_lost) = if heartbeats {
        (both && cut.reconnected.is_some(), BATCH / 2)
    } else {
        (none && cut.reconnected.is_none(), 0)
    };
    let reconnected = if cut.reconnected.is_some() {
        tr!("net-puller-again")
    } else {
        String::new()
    };
    finding.observe(
        agrees && cut.lost.len() == expected_lost && cut.after == [BATCH / 2, BATCH / 2],
        tr!(
            "net-healed",
            setting = setting(heartbeats),
            noticed = noticed,
            reconnected = reconnected,
            lost = lost(&cut.lost, 3 * BATCH),
            after = listed(&cut.after)
        ),
    );
    noticed_figure(
        &mut finding,
        "cut that healed",
        &[
            ("the PUSH", cut.push_noticed),
            ("the puller", cut.puller_noticed),
        ],
    );
    if let Some(took) = cut.reconnected {
        finding.figure(tr!("net-reconnected-after", took = ms(took)));
    }
    finding
}

/// PL5: a reset (a host that crashed and came back). Without heartbeats only the reset
/// itself can tell either end, so "noticed" is evidence enough; how soon is a figure (a
/// loaded machine can make it late, never wrong).
pub fn link_reset(heartbeats: bool, reset: &LinkReset) -> Finding {
    let mut finding = Finding::new();
    link_proven(
        &mut finding,
        &reset.link,
        Expected {
            name: "PUSH",
            peers: 2,
            heartbeats: named(heartbeats),
            noticed: Some(reset.push_noticed),
        },
        Expected {
            name: "far puller",
            peers: 1,
            heartbeats: named(heartbeats),
            noticed: Some(reset.puller_noticed),
        },
        false,
    );
    let noticed = who_noticed(
        ("PUSH", reset.push_noticed),
        ("puller", reset.puller_noticed),
        lab::BOUND,
    );
    let both = reset.push_noticed.is_some() && reset.puller_noticed.is_some();
    let reconnected = if reset.reconnected.is_some() {
        tr!("net-puller-again")
    } else {
        tr!("net-puller-never-again")
    };
    finding.observe(
        both && reset.reconnected.is_some() && reset.lost.len() == BATCH / 2,
        tr!(
            "net-reset-observed",
            setting = setting(heartbeats),
            noticed = noticed,
            reconnected = reconnected,
            lost = lost(&reset.lost, 3 * BATCH)
        ),
    );
    noticed_figure(
        &mut finding,
        "reset",
        &[
            ("the PUSH", reset.push_noticed),
            ("the puller", reset.puller_noticed),
        ],
    );
    finding
}

/// PL5: a worker process stopped in the middle of a stream, killed or politely.
pub fn worker_stopped(stop: Stop, stopped: &WorkerStopped) -> Finding {
    let mut finding = Finding::new();
    let noticed = match stopped.noticed {
        Some(_) => tr!("net-ventilator-noticed"),
        None => tr!("net-ventilator-never"),
    };
    finding.ready(Transport::Tcp, &stopped.ventilator, 2);
    finding.set_up(
        stopped.sink_peers == 1,
        tr!("net-sink-peers", peers = stopped.sink_peers),
    );
    ended_as(&mut finding, "pl-worker", stop, &stopped.exit);
    let dealt = stopped.dealt_to_worker;
    let lost = &stopped.lost;
    // The tasks the worker was dealt just before the stop are numbered BATCH..2 BATCH.
    let of_its_share = lost.iter().all(|n| (BATCH..2 * BATCH).contains(n));
    let (how, agrees, what) = match stop {
        // How many it had passed on when SIGKILL came varies; that the rest was lost, and
        // none dealt again to the other puller, does not.
        Stop::Kill => (
            tr!("net-worker-killed"),
            !stopped.exit.success()
                && dealt == BATCH / 2
                && !lost.is_empty()
                && lost.len() <= dealt
                && of_its_share,
            if !lost.is_empty() && lost.len() <= dealt && of_its_share {
                tr!("net-none-to-other")
            } else {
                tr!(
                    "net-lost-numbers",
                    lost = lost.len(),
                    numbers = numbers(lost)
                )
            },
        ),
        Stop::Polite => (
            tr!("net-worker-stopped"),
            stopped.exit.success() && lost.is_empty(),
            tr!("net-lost", lost = lost.len()),
        ),
    };
    finding.observe(
        agrees && stopped.noticed.is_some(),
        tr!(
            "net-worker-observed",
            how = &how,
            noticed = noticed,
            dealt = dealt,
            what = what
        ),
    );
    if let Some(took) = stopped.noticed {
        finding.figure(tr!("net-worker-noticed-after", how = &how, took = ms(took)));
    }
    if stop == Stop::Kill {
        finding.figure(tr!(
            "net-worker-lost-figure",
            how = &how,
            lost = lost.len(),
            dealt = dealt
        ));
    }
    finding
}

fn numbers(received: &[usize]) -> String {
    match (received.first(), received.last()) {
        (Some(first), Some(last)) if received.len() > 2 => format!("{first}…{last}"),
        _ if received.is_empty() => tr!("rr2-nothing"),
        _ => listed(received),
    }
}

/// PS5 and PS7: a subscriber cut off by a silent link that heals.
pub fn subscriber_cut_off(heartbeats: bool, cut: &SubscriberCutOff) -> Finding {
    let mut finding = Finding::new();
    let everything: Vec<usize> = (0..2 * PUBLISHED).collect();
    let only_new: Vec<usize> = (PUBLISHED..2 * PUBLISHED).collect();
    link_proven(
        &mut finding,
        &cut.link,
        Expected {
            name: "publisher",
            peers: 2,
            heartbeats: named(heartbeats),
            noticed: Some(cut.publisher_noticed),
        },
        Expected {
            name: "far subscriber",
            peers: 1,
            heartbeats: named(heartbeats),
            noticed: Some(cut.subscriber_noticed),
        },
        !heartbeats,
    );
    finding.set_up(
        cut.subscribed == 2,
        tr!("net-subscriptions-before", subscribed = cut.subscribed),
    );
    finding.set_up(
        cut.unread_subscriptions == 0,
        tr!(
            "net-subscriptions-unread",
            unread = cut.unread_subscriptions
        ),
    );
    let noticed = who_noticed(
        ("subscriber", cut.subscriber_noticed),
        ("publisher", cut.publisher_noticed),
        cut.link.window,
    );
    let both = cut.subscriber_noticed.is_some() && cut.publisher_noticed.is_some();
    let none = cut.subscriber_noticed.is_none() && cut.publisher_noticed.is_none();
    let (agrees, expected) = if heartbeats {
        (both && cut.resubscribed.is_some(), &only_new)
    } else {
        (none && cut.resubscribed.is_none(), &everything)
    };
    let resubscribed = if cut.resubscribed.is_some() {
        tr!("net-resubscribed-and")
    } else {
        String::new()
    };
    let during = cut.far.iter().filter(|&&n| n < PUBLISHED).count();
    let after = cut.far.len() - during;
    finding.observe(
        agrees && cut.far == *expected,
        tr!(
            "net-subscriber-cut",
            setting = setting(heartbeats),
            noticed = noticed,
            resubscribed = resubscribed,
            during = during,
            published = PUBLISHED,
            after = after,
            numbers = numbers(&cut.far)
        ),
    );
    finding.observe(
        cut.near == everything,
        tr!(
            "net-subscriber-beside",
            got = cut.near.len(),
            of = everything.len(),
            numbers = numbers(&cut.near)
        ),
    );
    noticed_figure(
        &mut finding,
        "silent link",
        &[
            ("the subscriber", cut.subscriber_noticed),
            ("the publisher", cut.publisher_noticed),
        ],
    );
    if let Some(took) = cut.resubscribed {
        finding.figure(tr!("net-resubscribed-after", took = ms(took)));
    }
    finding
}

fn resend_text(resend: Option<zmq::Error>) -> String {
    match resend {
        Some(error) => tr!("net-asking-again", result = lab::error_name(error)),
        None => tr!("net-asking-again", result = tr!("rr6-accepted")),
    }
}

fn answer_text(answer: &Option<String>) -> String {
    match answer {
        Some(answer) => tr!("net-answered", answer = format!("{answer:?}")),
        None => tr!("net-no-answer"),
    }
}

/// RR6: a REQ whose reply a silent link swallowed.
pub fn swallowed_reply(
    retry: Retry,
    heartbeats: bool,
    swallowed: &SwallowedReply,
) -> Finding {
    let mut finding = Finding::new();
    let (who, expected_resend, expected_answer) = match (retry, heartbeats) {
        (Retry::Wait, false) => (
            tr!("net-plain-req"),
            Some(zmq::Error::EFSM),
            Some("reply to request 1"),
        ),
        (Retry::Wait, true) => (tr!("net-plain-req"), Some(zmq::Error::EFSM), None),
        (Retry::Relaxed, _) => (tr!("net-relaxed-req"), None, Some("reply to request 2")),
        (Retry::FreshSocket, _) => {
            (tr!("net-fresh-req"), None, Some("reply to request 2"))
        }
    };
    link_proven(
        &mut finding,
        &swallowed.link,
        Expected {
            name: "REP",
            peers: 1,
            heartbeats: None,
            noticed: None,
        },
        Expected {
            name: "REQ",
            peers: 1,
            heartbeats: named(heartbeats),
            noticed: Some(swallowed.noticed_after),
        },
        !heartbeats,
    );
    let timeout = super::request::ASK_TIMEOUT;
    finding.set_up(
        swallowed.rcvtimeo == lab::millis(timeout),
        tr!(
            "net-req-timeout",
            read = swallowed.rcvtimeo,
            set = timeout.as_millis()
        ),
    );
    finding.set_up(
        swallowed.noticed == swallowed.noticed_after.is_some(),
        tr!(
            "net-req-noticed",
            noticed = swallowed.noticed.to_string(),
            at = at(swallowed.noticed_after)
        ),
    );
    if retry == Retry::Wait && swallowed.noticed {
        finding.set_up(
            swallowed.reconnected.is_some(),
            tr!("net-req-reconnected", at = at(swallowed.reconnected)),
        );
    }
    let gave_up = lab::waited_out(swallowed.gave_up_after, super::request::ASK_TIMEOUT);
    finding.observe(
        gave_up
            && swallowed.noticed == heartbeats
            && swallowed.resend == expected_resend
            && swallowed.answer.as_deref() == expected_answer,
        tr!(
            "net-swallowed",
            setting = setting(heartbeats),
            noticed = if swallowed.noticed {
                tr!("net-req-noticed-break")
            } else {
                String::new()
            },
            who = &who,
            resend = resend_text(swallowed.resend),
            answer = answer_text(&swallowed.answer)
        ),
    );
    if let Some(took) = swallowed.answered_after {
        finding.figure(tr!(
            "net-answered-after",
            who = &who,
            setting = setting(heartbeats),
            took = ms(took)
        ));
    }
    finding
}

/// RR4: a server process stopped in the middle of a request, and a new one at its
/// address.
pub fn server_restarted(
    stop: Stop,
    retry: Retry,
    restarted: &ServerRestarted,
) -> Finding {
    let mut finding = Finding::new();
    finding.ready(Transport::Tcp, &restarted.client, 1);
    ended_as(
        &mut finding,
        "the first rr-server",
        stop,
        &restarted.first_exit,
    );
    let how = match stop {
        Stop::Kill => tr!("net-server-killed"),
        Stop::Polite => tr!("net-server-stopped"),
    };
    let (who, expected_resend, expected_answer) = match retry {
        Retry::Wait => (tr!("net-plain-req"), Some(zmq::Error::EFSM), None),
        Retry::Relaxed => (tr!("net-relaxed-req"), None, Some(SECOND_REPLY)),
        Retry::FreshSocket => (tr!("net-fresh-req"), None, Some(SECOND_REPLY)),
    };
    let reconnected = if restarted.reconnected.is_some() {
        tr!("net-connected-by-itself")
    } else {
        tr!("net-never-connected")
    };
    finding.observe(
        restarted.noticed.is_some()
            && restarted.reconnected.is_some()
            && restarted.resend == expected_resend
            && restarted.answer.as_deref() == expected_answer,
        tr!(
            "net-restarted",
            how = &how,
            who = &who,
            reconnected = reconnected,
            resend = resend_text(restarted.resend),
            answer = answer_text(&restarted.answer)
        ),
    );
    if let Some(took) = restarted.reconnected {
        finding.figure(tr!(
            "net-restarted-figure",
            how = &how,
            who = &who,
            took = ms(took)
        ));
    }
    finding
}
