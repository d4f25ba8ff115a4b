//! G1 — three patterns, each a matched pair of socket types.

use std::time::{Duration, Instant};

use zmq_workbook::claims::general::g1::{self, PairOutcome, PAIRS};
use zmq_workbook::lab::{Transport, BOUND, SILENCE};

use crate::harness::watchdog;

/// What is wrong with a spoiled run, and how a good run is spoiled so.
type Spoil = (&'static str, fn(&mut Vec<PairOutcome>));

on_each_transport! {
    /// G1 — three models, each a pair of socket types that talk: REQ with REP, PUB with
    /// SUB, PUSH with PULL, each handshake through and each message delivered.
    fn g1_each_models_pair_talks(transport) {
        // ANCHOR: g1_main_test
        let outcomes = g1::matched_pairs(transport)?;
        assert_eq!(outcomes.len(), 3);
        for outcome in &outcomes {
            assert!(outcome.delivered, "{outcome:?}");
            assert_eq!(outcome.handshake, g1::expected_handshake(transport, true));
        }
        // ANCHOR_END: g1_main_test
        let finding = g1::judge_matched(transport, &outcomes);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

on_each_transport! {
    /// G1, beyond the claim — sockets of two different patterns. The matched pairs (the
    /// controls) talk; over tcp and ipc every mismatched pair is disconnected at the
    /// handshake and exchanges nothing; over inproc, which has no handshake, two of them
    /// talk anyway.
    fn g1_matched_pairs_talk_mismatched_pairs_do_not(transport) {
        // ANCHOR: g1_test
        let outcomes = g1::all_pairs(transport)?;
        assert_eq!(outcomes.len(), PAIRS.len());
        for (outcome, (sender, receiver, matched)) in outcomes.iter().zip(PAIRS) {
            let pair = format!("{sender:?} → {receiver:?} on {transport}: {outcome:?}");
            let talks = g1::expected_to_talk(transport, sender, receiver, matched);
            assert_eq!(outcome.delivered, talks, "{pair}");
            let handshake = g1::expected_handshake(transport, matched);
            assert_eq!(outcome.handshake, handshake, "{pair}");
        }
        // ANCHOR_END: g1_test
        let finding = g1::judge(transport, &outcomes);
        assert!(finding.agrees(), "{finding}");
        for outcome in &outcomes {
            let used = zmq_workbook::lab::transport_of(&outcome.endpoint);
            assert_eq!(used, Some(transport), "{outcome:?}");
        }
        Ok(())
    }
}

fn endpoint_on(transport: Transport) -> String {
    match transport {
        Transport::Tcp => "tcp://127.0.0.1:10000".into(),
        Transport::Ipc => "ipc:///tmp/lab/0.ipc".into(),
        Transport::Inproc => "inproc://lab-0".into(),
    }
}

/// The outcomes of a world that is as G1's verdict says on `transport`: the controls
/// deliver 10 ms after they start, the silent pairs try for the whole window after that.
fn as_expected(transport: Transport) -> Vec<PairOutcome> {
    let started = Instant::now();
    let delivered_at = started + Duration::from_millis(10);
    PAIRS
        .iter()
        .map(|&(sender, receiver, matched)| {
            let delivered = g1::expected_to_talk(transport, sender, receiver, matched);
            PairOutcome {
                endpoint: endpoint_on(transport),
                handshake: g1::expected_handshake(transport, matched),
                delivered,
                started,
                stopped: if delivered {
                    delivered_at
                } else {
                    delivered_at + SILENCE
                },
            }
        })
        .collect()
}

fn disagreements(finding: &zmq_workbook::claims::Finding) -> Vec<&str> {
    finding.disagreements().map(|o| o.text.as_str()).collect()
}

/// The matched pairs of a world as G1's verdict has it, on `transport`.
fn matched_as_expected(transport: Transport) -> Vec<PairOutcome> {
    as_expected(transport)
        .into_iter()
        .zip(PAIRS)
        .filter(|(_, pair)| pair.2)
        .map(|(outcome, _)| outcome)
        .collect()
}

/// Each part of the verdict's evidence wrong alone: a matched pair that delivers nothing,
/// one dropped at the handshake, a handshake over inproc, a pair missing or one too many;
/// and a pair on another transport, refused for its set-up.
#[test]
fn g1_evidence_of_the_three_pairs_refuses_each_part_wrong_alone() {
    for transport in Transport::ALL {
        let good = matched_as_expected(transport);
        let finding = g1::judge_matched(transport, &good);
        assert!(finding.agrees(), "{transport}: {finding}");
    }
    let tcp = matched_as_expected(Transport::Tcp);
    assert_eq!(
        g1::judge_matched(Transport::Tcp, &tcp).evidence(),
        "REQ→REP, PUB→SUB, PUSH→PULL: handshake, delivered"
    );
    let wrong: [Spoil; 4] = [
        ("a pair that delivered nothing", |o| o[1].delivered = false),
        ("a pair dropped at the handshake", |o| {
            o[2].handshake = Some(zmq::SocketEvent::DISCONNECTED)
        }),
        ("a pair missing", |o| {
            o.pop();
        }),
        ("a pair too many", |o| o.push(o[0].clone())),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = tcp.clone();
        spoil(&mut spoiled);
        let finding = g1::judge_matched(Transport::Tcp, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            !finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
    let mut handshake = matched_as_expected(Transport::Inproc);
    handshake[0].handshake = Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED);
    assert!(!g1::judge_matched(Transport::Inproc, &handshake).agrees());
    let mut elsewhere = tcp.clone();
    elsewhere[0].endpoint = endpoint_on(Transport::Ipc);
    let finding = g1::judge_matched(Transport::Tcp, &elsewhere);
    assert!(
        !finding.agrees() && finding.to_string().contains("set-up not proven"),
        "{finding}"
    );
}

/// The judge reads a world where a mismatched pair talks over tcp as a disagreement, and
/// says which pair did what.
#[test]
fn g1_evidence_names_a_mismatched_pair_that_talks() {
    let as_expected = as_expected(Transport::Tcp);
    assert!(g1::judge(Transport::Tcp, &as_expected).agrees());

    let mut other_world = as_expected.clone();
    other_world[3].handshake = Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED);
    other_world[3].delivered = true;
    let finding = g1::judge(Transport::Tcp, &other_world);
    assert!(!finding.agrees());
    assert_eq!(disagreements(&finding), ["REQ→PULL: handshake, delivered"]);

    // The evidence, exactly: pairs that fared alike share a line.
    let finding = g1::judge(Transport::Tcp, &as_expected);
    assert_eq!(
        finding.evidence(),
        "REQ→REP, PUB→SUB, PUSH→PULL: handshake, delivered; REQ→PULL, PUSH→REP, PUB→PULL, \
         PUSH→SUB: disconnected at the handshake, nothing delivered"
    );
    // A handshake that went through where it should have failed, though nothing was
    // delivered, is a disagreement of its own.
    let mut accepted = as_expected.clone();
    accepted[4].handshake = Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED);
    let finding = g1::judge(Transport::Tcp, &accepted);
    assert_eq!(
        disagreements(&finding),
        ["PUSH→REP: handshake, nothing delivered"]
    );
}

/// Each part of G1's evidence wrong alone: the judge does not agree, and says what.
#[test]
fn g1_evidence_refuses_each_part_wrong_alone() {
    let tcp = as_expected(Transport::Tcp);
    let inproc = as_expected(Transport::Inproc);
    assert!(g1::judge(Transport::Inproc, &inproc).agrees());

    // A control that never delivers, with its handshake as expected.
    let mut control_silent = tcp.clone();
    control_silent[0].delivered = false;
    let finding = g1::judge(Transport::Tcp, &control_silent);
    assert!(!finding.agrees());
    assert!(
        disagreements(&finding).contains(&"REQ→REP: handshake, nothing delivered"),
        "{finding}"
    );
    // A matched pair dropped at the handshake, though it delivered.
    let mut control_dropped = tcp.clone();
    control_dropped[2].handshake = Some(zmq::SocketEvent::DISCONNECTED);
    let finding = g1::judge(Transport::Tcp, &control_dropped);
    assert_eq!(
        disagreements(&finding),
        ["PUSH→PULL: disconnected at the handshake, delivered"]
    );
    // Over inproc: a pair that talks though a REP drops what has no envelope, and one of
    // the two that talk anyway silent.
    let mut rep_talks = inproc.clone();
    rep_talks[4].delivered = true;
    let finding = g1::judge(Transport::Inproc, &rep_talks);
    assert_eq!(disagreements(&finding), ["PUSH→REP: delivered"]);
    let mut pull_silent = inproc.clone();
    pull_silent[3].delivered = false;
    pull_silent[3].stopped = pull_silent[0].stopped + SILENCE;
    let finding = g1::judge(Transport::Inproc, &pull_silent);
    assert_eq!(disagreements(&finding), ["REQ→PULL: nothing delivered"]);
    // A handshake seen over inproc, which has none.
    let mut inproc_handshake = inproc.clone();
    inproc_handshake[1].handshake = Some(zmq::SocketEvent::HANDSHAKE_SUCCEEDED);
    assert!(!g1::judge(Transport::Inproc, &inproc_handshake).agrees());

    // A pair too few, or one too many.
    let finding = g1::judge(Transport::Tcp, &tcp[..6]);
    assert_eq!(
        disagreements(&finding),
        ["6 pair outcomes where 7 were due"]
    );
    let mut extra = tcp.clone();
    extra.push(tcp[0].clone());
    let finding = g1::judge(Transport::Tcp, &extra);
    assert_eq!(
        disagreements(&finding),
        ["8 pair outcomes where 7 were due"]
    );
}

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn g1_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let good = as_expected(Transport::Tcp);
    let wrong: [Spoil; 5] = [
        ("a pair on another transport", |o| {
            o[5].endpoint = endpoint_on(Transport::Ipc)
        }),
        (
            "a silent pair that stopped before the window after the controls",
            |o| o[6].stopped -= Duration::from_millis(2),
        ),
        (
            "a control that delivered late, after a pair's silence began",
            |o| o[1].stopped += Duration::from_millis(2),
        ),
        (
            "a silent pair that started late and stopped a window after the controls",
            |o| o[4].started += SILENCE,
        ),
        ("no control delivered", |o| {
            for outcome in o.iter_mut().take(3) {
                outcome.delivered = false
            }
        }),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = good.clone();
        spoil(&mut spoiled);
        let finding = g1::judge(Transport::Tcp, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

/// G1's pairs run side by side, and the silence of the mismatched pairs is backed by the
/// controls only if it lasts a whole window after the last control has delivered. Here the
/// controls are slow: they deliver only once every silent pair has tried for a window from
/// its own start; the silent pairs must still try for a whole window after that.
#[test]
fn g1_the_silence_window_opens_only_once_every_control_has_delivered() {
    use std::sync::{Condvar, Mutex};
    watchdog(|| {
        let silent_pairs = PAIRS.iter().filter(|p| !p.2).count();
        // How many silent pairs have tried for a window from their own start.
        let tried = (Mutex::new(0), Condvar::new());
        let tell_tried = || {
            *tried.0.lock().unwrap() += 1;
            tried.1.notify_all();
        };
        let outcomes =
            g1::side_by_side(Transport::Inproc, |_, sender, receiver, window| {
                let matched = PAIRS
                    .iter()
                    .any(|&(s, r, matched)| (s, r) == (sender, receiver) && matched);
                let started = Instant::now();
                if matched {
                    let (count, changed) = (&tried.0, &tried.1);
                    let count = count.lock().unwrap();
                    let (count, _) = changed
                        .wait_timeout_while(count, BOUND, |n| *n < silent_pairs)
                        .unwrap();
                    assert_eq!(*count, silent_pairs, "the silent pairs never tried");
                    return Ok((matched, started, Instant::now()));
                }
                let mut told = false;
                loop {
                    let now = Instant::now();
                    if window.closed(started, now) {
                        if !told {
                            tell_tried();
                        }
                        return Ok((matched, started, now));
                    }
                    if !told && now >= started + SILENCE {
                        tell_tried();
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
            })?;
        assert_eq!(outcomes.len(), PAIRS.len());
        let last_control = outcomes
            .iter()
            .filter(|o| o.0)
            .map(|o| o.2)
            .max()
            .expect("the controls");
        for (pair, (_, started, stopped)) in
            PAIRS.iter().zip(&outcomes).filter(|p| !p.0 .2)
        {
            assert!(
                *stopped >= last_control + SILENCE,
                "{pair:?} stopped {:?} after it started, {:?} before the last control \
                 delivered",
                *stopped - *started,
                last_control.saturating_duration_since(*stopped)
            );
        }
        Ok(())
    })
}

/// G1 — the "in your own program" lines: a matched pair exchanges a message.
#[test]
fn g1_in_your_own_program_a_matched_pair_talks() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let endpoint = lab.free_endpoint(Transport::Tcp)?;
        assert_eq!(g1::a_matched_pair(lab.context(), &endpoint)?, b"hello");
        Ok(())
    })
}

/// The silence window: a pair listens for [`SILENCE`] after the controls delivered, from
/// its own start if it started later (its thread waited for the processor), and never
/// beyond [`BOUND`].
#[test]
fn g1_every_pair_listens_for_the_whole_silence_window() {
    let window = g1::Window::default();
    let now = Instant::now();
    let early = now - SILENCE;
    assert!(
        !window.closed(early, now),
        "closed before the controls delivered"
    );
    assert!(window.closed(now - BOUND, now), "still trying after BOUND");

    let before = Instant::now();
    window.open();
    let after = Instant::now();
    let tick = Duration::from_millis(1);
    assert!(!window.closed(early, before + SILENCE - tick));
    assert!(window.closed(early, after + SILENCE + tick));
    let late = after + 10 * SILENCE;
    assert!(
        !window.closed(late, late + SILENCE - tick),
        "a late pair cut short"
    );
    assert!(window.closed(late, late + SILENCE + tick));
}
