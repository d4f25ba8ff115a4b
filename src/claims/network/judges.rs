//! What the network experiments' results say, as evidence for the claims they extend:
//! each judge puts a result in words from its values and says whether it is what the
//! verdict states. Times vary from run to run: they are figures.

use super::crash::{ServerRestarted, Stop, WorkerStopped, SECOND_REPLY};
use super::publish::{SubscriberCutOff, PUBLISHED};
use super::push::{CutAndHealed, CutForGood, LinkReset, BATCH};
use super::request::{Retry, SwallowedReply};
use super::WINDOW;
use crate::claims::{listed, ms, Finding};
use crate::lab;
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

fn lost(lost: &[usize], of: usize) -> String {
    format!("{} of {of} lost", lost.len())
}

/// PL5: the link to one of two pullers cut for good.
pub fn cut_for_good(heartbeats: bool, cut: &CutForGood) -> Finding {
    let mut finding = Finding::new();
    let noticed = who_noticed(
        ("PUSH", cut.push_noticed),
        ("puller", cut.puller_noticed),
        WINDOW,
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

/// PL5: the link to one of two pullers cut for a while, then back.
pub fn cut_and_healed(heartbeats: bool, cut: &CutAndHealed) -> Finding {
    let mut finding = Finding::new();
    let noticed = who_noticed(
        ("PUSH", cut.push_noticed),
        ("puller", cut.puller_noticed),
        WINDOW,
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
            "pl-worker stopped politely (its stdin closed) once it took its share",
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
    let noticed = who_noticed(
        ("subscriber", cut.subscriber_noticed),
        ("publisher", cut.publisher_noticed),
        WINDOW,
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
