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
use std::process::ExitStatus;
use std::time::Duration;

fn setting(heartbeats: bool) -> &'static str {
    if heartbeats {
        "with heartbeats"
    } else {
        "without heartbeats"
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
        (Some(_), Some(_)) => "both ends noticed".into(),
        (None, None) => format!("neither end noticed within {window} ms"),
        (Some(_), None) => format!("the {} noticed, the {} did not", first.0, second.0),
        (None, Some(_)) => format!("the {} noticed, the {} did not", second.0, first.0),
    }
}

fn noticed_figure(finding: &mut Finding, what: &str, times: &[(&str, Option<Duration>)]) {
    let times: Vec<String> = times
        .iter()
        .filter_map(|(who, took)| took.map(|t| format!("{who} {}", ms(t))))
        .collect();
    if !times.is_empty() {
        finding.figure(format!("{what}: noticed by {}", times.join(", ")));
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
    time.map_or_else(|| "never".into(), ms)
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
        format!(
            "the {} connected to {}, the relay is at {}, the {} bound {}",
            far.name, link.far.endpoint, link.relay, bound.name, link.bound.endpoint
        ),
    );
    for (end, expected) in [(&link.bound, &bound), (&link.far, &far)] {
        let name = expected.name;
        finding.set_up(
            end.connected == expected.peers,
            format!(
                "the {name} had {} connections before the break, where {} were made",
                end.connected, expected.peers
            ),
        );
        finding.set_up(
            end.heartbeats == expected.heartbeats,
            format!(
                "the {name}'s heartbeats read back: {}, where the run names {}",
                Heartbeats::named(end.heartbeats),
                Heartbeats::named(expected.heartbeats)
            ),
        );
        if let Some(noticed) = expected.noticed {
            finding.set_up(
                end.lost == noticed,
                format!(
                    "the {name} noticed {} by the run's account, and {} by its own monitor",
                    at(noticed),
                    at(end.lost)
                ),
            );
        }
    }
    // The end behind the relay is the one that connects, and connects again.
    let reconnect = lab::millis(super::RECONNECT);
    finding.set_up(
        link.far.reconnect_ivl == reconnect,
        format!(
            "the {}'s reconnect interval read back: {} ms, where {reconnect} ms was set",
            far.name, link.far.reconnect_ivl
        ),
    );
    finding.set_up(
        link.carried_while_cut == 0,
        format!(
            "the relay carried {} bytes while the link was cut",
            link.carried_while_cut
        ),
    );
    let needed = 2 * Heartbeats::LAB.noticed_by();
    finding.set_up(
        link.window >= needed,
        format!(
            "the window is {}, where twice the latest the heartbeats notice is {}",
            ms(link.window),
            ms(needed)
        ),
    );
    if nothing_noticed {
        finding.set_up(
            lab::gave_up_at(link.watched, link.window),
            format!(
                "the break was watched for {}, where the window is {}",
                ms(link.watched),
                ms(link.window)
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
        format!(
            "{program} ended with {exit}, where {} was due",
            match expected {
                Some(_) => "SIGKILL",
                None => "an exit of its own",
            }
        ),
    );
}

fn lost(lost: &[usize], of: usize) -> String {
    format!("{} of {of} lost", lost.len())
}

/// PL5: the link to one of two pullers cut for good.
pub fn cut_for_good(heartbeats: bool, cut: &CutForGood) -> Finding {
    let mut finding = Finding::new();
    two_pullers_proven(
        &mut finding,
        heartbeats,
        &cut.link,
        [cut.push_noticed, cut.puller_noticed],
    );
    finding.set_up(
        !cut.pusher_connects && !cut.immediate,
        format!(
            "the PUSH {}, ZMQ_IMMEDIATE read back {}, where a binding PUSH with libzmq's default (false) is due",
            if cut.pusher_connects { "connected" } else { "bound" },
            cut.immediate
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
            "then",
        )
    } else {
        let none = cut.push_noticed.is_none() && cut.puller_noticed.is_none();
        (
            none && cut.near_after == half && cut.lost.len() == BATCH,
            "still",
        )
    };
    finding.observe(
        agrees && cut.before == [half, half] && cut.near_during == half,
        format!(
            "a PUSH whose link to one of two pullers is cut for good, {}: {noticed}; it {dealt} dealt the live puller {} of {BATCH}; {}",
            setting(heartbeats),
            cut.near_after,
            lost(&cut.lost, pushed)
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
        format!(
            "the PUSH {}, ZMQ_IMMEDIATE read back {}, where a connecting PUSH with {immediate} is due",
            if cut.pusher_connects { "connected" } else { "bound" },
            cut.immediate
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
        format!("then dealt the live puller {} of {BATCH}", cut.near_after)
    } else {
        format!(
            "still dealt the live puller {} of {BATCH}, the rest into its queue for the lost one",
            cut.near_after
        )
    };
    finding.observe(
        both && cut.before == [half, half]
            && cut.near_during == half
            && cut.near_after == near_after
            && cut.lost.len() == lost_due,
        format!(
            "a connecting PUSH whose link to one of two pullers is cut for good, with heartbeats, ZMQ_IMMEDIATE {}: {noticed}; it {dealt}; {}",
            if immediate { "on" } else { "off" },
            lost(&cut.lost, pushed)
        ),
    );
    noticed_figure(
        &mut finding,
        &format!(
            "connecting PUSH, ZMQ_IMMEDIATE {}, cut for good",
            if immediate { "on" } else { "off" }
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
        "; the puller connected again"
    } else {
        ""
    };
    finding.observe(
        agrees && cut.lost.len() == expected_lost && cut.after == [BATCH / 2, BATCH / 2],
        format!(
            "a cut that healed, {}: {noticed}{reconnected}; {}; after it both pullers were dealt {}",
            setting(heartbeats),
            lost(&cut.lost, 3 * BATCH),
            listed(&cut.after)
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
        finding.figure(format!("reconnected {} after the link came back", ms(took)));
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
        "; the puller connected again"
    } else {
        "; the puller never connected again"
    };
    finding.observe(
        both && reset.reconnected.is_some() && reset.lost.len() == BATCH / 2,
        format!(
            "a reset (the far host came back), {}: {noticed}{reconnected}; {}, what was on \
             its way",
            setting(heartbeats),
            lost(&reset.lost, 3 * BATCH)
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
        Some(_) => "the ventilator noticed",
        None => "the ventilator never noticed",
    };
    finding.ready(Transport::Tcp, &stopped.ventilator, 2);
    finding.set_up(
        stopped.sink_peers == 1,
        format!(
            "the sink had {} connections before the stop, where the worker made 1",
            stopped.sink_peers
        ),
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
            "pl-worker killed (SIGKILL) mid-stream",
            !stopped.exit.success()
                && dealt == BATCH / 2
                && !lost.is_empty()
                && lost.len() <= dealt
                && of_its_share,
            if !lost.is_empty() && lost.len() <= dealt && of_its_share {
                "none went to the other puller; those it had not passed on were lost"
                    .into()
            } else {
                format!("{} lost ({})", lost.len(), numbers(lost))
            },
        ),
        Stop::Polite => (
            "pl-worker stopped politely (SIGTERM) once it took its share",
            stopped.exit.success() && lost.is_empty(),
            format!("{} lost", lost.len()),
        ),
    };
    finding.observe(
        agrees && stopped.noticed.is_some(),
        format!("{how}: {noticed}; of the {dealt} tasks dealt to it, {what}"),
    );
    if let Some(took) = stopped.noticed {
        finding.figure(format!("{how}: noticed after {}", ms(took)));
    }
    if stop == Stop::Kill {
        finding.figure(format!("{how}: {} of its {dealt} lost", lost.len()));
    }
    finding
}

fn numbers(received: &[usize]) -> String {
    match (received.first(), received.last()) {
        (Some(first), Some(last)) if received.len() > 2 => format!("{first}…{last}"),
        _ if received.is_empty() => "nothing".into(),
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
        format!(
            "{} subscriptions reached the publisher before the cut, where 2 subscribers \
             subscribed",
            cut.subscribed
        ),
    );
    finding.set_up(
        cut.unread_subscriptions == 0,
        format!(
            "{} subscriptions reached the publisher and were never waited for: it \
             published before the far subscriber was subscribed again",
            cut.unread_subscriptions
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
        "resubscribed and "
    } else {
        ""
    };
    let during = cut.far.iter().filter(|&&n| n < PUBLISHED).count();
    let after = cut.far.len() - during;
    finding.observe(
        agrees && cut.far == *expected,
        format!(
            "a subscriber behind a silent link that healed, {}: {noticed}; it {resubscribed}got {during} of the {PUBLISHED} published during the cut and {after} of the {PUBLISHED} after ({})",
            setting(heartbeats),
            numbers(&cut.far)
        ),
    );
    finding.observe(
        cut.near == everything,
        format!(
            "the subscriber beside it, on a healthy link, got {} of {} ({})",
            cut.near.len(),
            everything.len(),
            numbers(&cut.near)
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
        finding.figure(format!(
            "resubscribed {} after the link came back",
            ms(took)
        ));
    }
    finding
}

fn resend_text(resend: Option<zmq::Error>) -> String {
    match resend {
        Some(error) => format!("asking again: {}", lab::error_name(error)),
        None => "asking again: accepted".into(),
    }
}

fn answer_text(answer: &Option<String>) -> String {
    match answer {
        Some(answer) => format!("answered {answer:?}"),
        None => "no answer".into(),
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
            "a plain REQ",
            Some(zmq::Error::EFSM),
            Some("reply to request 1"),
        ),
        (Retry::Wait, true) => ("a plain REQ", Some(zmq::Error::EFSM), None),
        (Retry::Relaxed, _) => ("a relaxed REQ", None, Some("reply to request 2")),
        (Retry::FreshSocket, _) => {
            ("a fresh REQ socket", None, Some("reply to request 2"))
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
        format!(
            "the REQ's receive timeout read back {} ms, where {} ms was set",
            swallowed.rcvtimeo,
            timeout.as_millis()
        ),
    );
    finding.set_up(
        swallowed.noticed == swallowed.noticed_after.is_some(),
        format!(
            "the REQ noticed: {}, by a loss its monitor reported {}",
            swallowed.noticed,
            at(swallowed.noticed_after)
        ),
    );
    if retry == Retry::Wait && swallowed.noticed {
        finding.set_up(
            swallowed.reconnected.is_some(),
            format!(
                "the REQ that dropped its connection was connected again {} after the \
                 link came back, before it listened for the late reply",
                at(swallowed.reconnected)
            ),
        );
    }
    let gave_up = lab::waited_out(swallowed.gave_up_after, super::request::ASK_TIMEOUT);
    finding.observe(
        gave_up
            && swallowed.noticed == heartbeats
            && swallowed.resend == expected_resend
            && swallowed.answer.as_deref() == expected_answer,
        format!(
            "a reply swallowed by a silent link, {}: recv gave up at its timeout{}; {who}: {}; once the link was back, {}",
            setting(heartbeats),
            if swallowed.noticed { ", the REQ noticed the break" } else { "" },
            resend_text(swallowed.resend),
            answer_text(&swallowed.answer)
        ),
    );
    if let Some(took) = swallowed.answered_after {
        finding.figure(format!(
            "{who}, {}: answered {} after the link came back",
            setting(heartbeats),
            ms(took)
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
        Stop::Kill => "rr-server killed (SIGKILL) mid-request",
        Stop::Polite => "rr-server stopped mid-request",
    };
    let (who, expected_resend, expected_answer) = match retry {
        Retry::Wait => ("a plain REQ", Some(zmq::Error::EFSM), None),
        Retry::Relaxed => ("a relaxed REQ", None, Some(SECOND_REPLY)),
        Retry::FreshSocket => ("a fresh REQ socket", None, Some(SECOND_REPLY)),
    };
    let reconnected = if restarted.reconnected.is_some() {
        "connected to the new server by itself"
    } else {
        "never connected to the new server"
    };
    finding.observe(
        restarted.noticed.is_some()
            && restarted.reconnected.is_some()
            && restarted.resend == expected_resend
            && restarted.answer.as_deref() == expected_answer,
        format!(
            "{how}, a new one at its address: {who} {reconnected}; {}; {}",
            resend_text(restarted.resend),
            answer_text(&restarted.answer)
        ),
    );
    if let Some(took) = restarted.reconnected {
        finding.figure(format!(
            "{how}, {who}: reconnected {} after the new server started",
            ms(took)
        ));
    }
    finding
}
