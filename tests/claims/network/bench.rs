//! The lab bench of the network experiments: heartbeats read back, a disturbed run
//! repeated, programs stopped as asked.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use zmq_workbook::claims::network::crash::{self, Stop};
use zmq_workbook::claims::network::Heartbeats;
use zmq_workbook::lab::relay::Relay;
use zmq_workbook::lab::{self, Lab, Transport, BOUND};

use super::*;
use crate::harness::watchdog;

/// The "in your own program" lines of the network page: heartbeats set with them on both
/// ends notice a cut link, which without them goes unnoticed over the same window.
#[test]
fn network_in_your_own_program_heartbeats_notice_a_cut_link() {
    watchdog(|| {
        let outcome = without_and_with(|heartbeats| {
            let lab = Lab::new()?;
            let server = lab.watch(lab.socket(zmq::PULL)?)?;
            let client = lab.watch(lab.socket(zmq::PUSH)?)?;
            if heartbeats.is_some() {
                zmq_workbook::claims::network::with_heartbeats(&server.socket, 20, 100)?;
                zmq_workbook::claims::network::with_heartbeats(&client.socket, 20, 100)?;
            }
            let relay = Relay::start(&lab.bind(&server.socket, Transport::Tcp)?)?;
            client.socket.connect(&relay.endpoint())?;
            let mut client = client;
            client.wait_handshakes(1)?;
            relay.cut()?;
            // Heartbeats are waited for on evidence; without them, the window passes.
            let window = match heartbeats {
                Some(_) => BOUND,
                None => zmq_workbook::claims::network::WINDOW,
            };
            let lost = zmq::SocketEvent::DISCONNECTED;
            Ok(client.wait_for(lost, 1, window).is_ok())
        })?;
        assert_eq!(
            outcome,
            (false, true),
            "noticed without and with heartbeats"
        );
        Ok(())
    })
}

/// The window in which "nobody noticed" is watched outlasts, twice over, the latest the lab's
/// heartbeats can notice a silent link (a PING just before the cut, its timeout a full
/// interval later): so the positive control, with heartbeats, always fits in it.
#[test]
fn network_window_outlasts_what_heartbeats_take_to_notice() {
    let latest = Heartbeats::LAB.noticed_by();
    assert_eq!(latest, Heartbeats::LAB.interval + Heartbeats::LAB.timeout);
    assert!(
        zmq_workbook::claims::network::WINDOW >= 2 * latest,
        "{latest:?}"
    );
}

/// The heartbeats an experiment names are read back from each socket: the lab's, as set;
/// none, on a socket that sets none; and a TTL given in tenths of a second (2 for 200 ms)
/// reads back as none at all, since libzmq takes milliseconds and keeps whole tenths.
#[test]
fn network_heartbeats_are_read_back_from_the_socket() {
    watchdog(|| {
        let lab = Lab::new()?;
        let with = zmq_workbook::claims::network::socket(
            &lab,
            zmq::PUSH,
            Some(Heartbeats::LAB),
        )?;
        assert_eq!(Heartbeats::of(&with)?, Some(Heartbeats::LAB));
        let without = lab.socket(zmq::PUSH)?;
        assert_eq!(Heartbeats::of(&without)?, None);
        let in_tenths = lab.socket(zmq::PUSH)?;
        Heartbeats::LAB.apply(&in_tenths)?;
        in_tenths.set_heartbeat_ttl(2)?;
        let read = Heartbeats::of(&in_tenths)?;
        assert_eq!(
            read,
            Some(Heartbeats {
                ttl: Duration::ZERO,
                ..Heartbeats::LAB
            })
        );
        assert_eq!(
            Heartbeats::named(read),
            "interval 20 ms, timeout 100 ms, TTL 0 ms"
        );
        Ok(())
    })
}

/// A run a stall disturbed is run again, at most `ATTEMPTS` times, and says so when it
/// fails; any other failure is the result at once.
#[test]
fn network_a_disturbed_run_is_repeated_a_bounded_number_of_times() {
    // Under the watchdog: a count of repeats that never grows would loop for ever.
    watchdog(|| {
        use zmq_workbook::claims::network::{undisturbed, Disturbed, ATTEMPTS};
        let mut runs = 0;
        let (outcome, repeated) = undisturbed(|| {
            runs += 1;
            if runs < 2 {
                return Err(Disturbed("a stall".into()).into());
            }
            Ok(runs)
        })?;
        assert_eq!((outcome, repeated), (2, 1));

        let mut runs = 0;
        let failed = undisturbed(|| -> anyhow::Result<()> {
            runs += 1;
            Err(Disturbed(format!("stall {runs}")).into())
        })
        .expect_err("it failed");
        assert_eq!(runs, ATTEMPTS);
        assert_eq!(
            failed.to_string(),
            format!("a stall of the machine disturbed the run: stall {ATTEMPTS}")
        );

        let mut runs = 0;
        let failed = undisturbed(|| -> anyhow::Result<()> {
            runs += 1;
            bail!("the world is otherwise")
        })
        .expect_err("it failed");
        assert_eq!(
            (runs, failed.to_string()),
            (1, "the world is otherwise".into())
        );
        Ok(())
    })
}

/// Heartbeats that noticed within the window showed what it claims; later than it, the
/// machine stalled, and the run is disturbed.
#[test]
fn network_a_verdict_later_than_the_window_disturbs_the_run() {
    use zmq_workbook::claims::network::{in_time, Disturbed, WINDOW};
    assert!(in_time("PUSH", None).is_ok());
    assert!(in_time("PUSH", Some(WINDOW)).is_ok());
    let late = in_time("PUSH", Some(WINDOW + Duration::from_millis(1))).unwrap_err();
    assert!(late.is::<Disturbed>(), "{late}");
    assert!(
        late.to_string()
            .contains("the PUSH noticed only after 301ms"),
        "{late}"
    );
}

/// A run is disturbed when a socket lost more connections than the run can cause, or
/// failed while one was lost; otherwise its outcome stands, a failure included.
#[test]
fn network_settle_tells_a_disturbed_run_from_the_worlds_answer() {
    use zmq_workbook::claims::network::{settle, Disturbed};
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        // ipc: no other socket can be given its address once it is gone.
        let endpoint = lab.bind(&server, Transport::Ipc)?;
        let mut lost_one = lab.watch(lab.socket(zmq::REQ)?)?;
        lost_one.socket.connect(&endpoint)?;
        lost_one.wait_handshakes(1)?;
        drop(server);
        lost_one.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
        let mut lost_none = lab.watch(lab.socket(zmq::REQ)?)?;

        let ok = || anyhow::Ok(5);
        let failed = || -> Result<i32> { bail!("the world is otherwise") };
        assert_eq!(settle(ok(), &mut [("REQ", &mut lost_none, 0)])?, 5);
        assert_eq!(settle(ok(), &mut [("REQ", &mut lost_one, 1)])?, 5);
        let too_many = settle(ok(), &mut [("REQ", &mut lost_one, 0)]).unwrap_err();
        assert!(too_many.is::<Disturbed>(), "{too_many}");
        assert!(
            too_many
                .to_string()
                .ends_with("the REQ lost 1 connections, where only 0 could fail"),
            "{too_many}"
        );
        let during = settle(failed(), &mut [("REQ", &mut lost_one, 1)]).unwrap_err();
        assert!(
            during
                .to_string()
                .ends_with("could fail, and the run failed: the world is otherwise"),
            "{during}"
        );
        let answer = settle(failed(), &mut [("REQ", &mut lost_none, 0)]).unwrap_err();
        assert!(!answer.is::<Disturbed>(), "{answer}");
        Ok(())
    })
}

/// How a program is stopped: politely, one that reads its input sees it end (`cat` exits
/// by itself) and one that reads none gets SIGTERM (`sleep` dies of it); killed, SIGKILL.
#[test]
fn network_a_program_is_stopped_as_the_stop_says() {
    watchdog(|| {
        use std::os::unix::process::ExitStatusExt as _;
        let mut reads = crash::Program::start(Path::new("cat"), &[], "")?;
        reads.stop(Stop::Polite)?;
        let exit = reads.ended()?;
        assert_eq!((exit.code(), exit.signal()), (Some(0), None), "{exit}");
        let sleeps = || crash::Program::start_without_input(Path::new("sleep"), &["30"]);
        for (stop, signal) in [(Stop::Polite, libc::SIGTERM), (Stop::Kill, libc::SIGKILL)]
        {
            let mut program = sleeps()?;
            program.stop(stop)?;
            let exit = program.ended()?;
            assert_eq!(exit.signal(), Some(signal), "{stop:?}: {exit}");
        }
        Ok(())
    })
}

/// A program the experiments started is stopped and reaped when it is dropped, whatever
/// the experiment did with it: none outlives its test.
#[test]
fn network_a_program_is_stopped_when_dropped() {
    watchdog(|| {
        let program = crash::Program::start(Path::new("sleep"), &["30"], "")?;
        let process = format!("/proc/{}", program.id());
        assert!(Path::new(&process).exists(), "the control: it runs");
        drop(program);
        assert!(
            !Path::new(&process).exists(),
            "it still runs, or was not reaped"
        );
        Ok(())
    })
}

/// A time reported for a socket comes from an event its monitor logged after the moment
/// it is measured from: an event logged before it (the handshake, before a break) is
/// not "noticed at 0 ms". The control: measured from before, it is found.
#[test]
fn network_an_event_logged_before_the_break_is_not_the_break_noticed() {
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::PULL)?;
        let endpoint = lab.bind(&server, Transport::Tcp)?;
        let before = Instant::now();
        let mut client = lab.watch(lab.socket(zmq::PUSH)?)?;
        client.socket.connect(&endpoint)?;
        client.wait_handshakes(1)?;
        let handshake = zmq::SocketEvent::HANDSHAKE_SUCCEEDED;
        let after = Instant::now();
        assert_eq!(
            zmq_workbook::claims::network::logged(&mut client, handshake, 1, after)?,
            None
        );
        let found =
            zmq_workbook::claims::network::logged(&mut client, handshake, 1, before)?;
        assert!(
            found.is_some_and(|at| at <= after - before),
            "the control: from before the connect, the handshake is found ({found:?})"
        );
        Ok(())
    })
}

/// A watch of a silent break that overran its window by more than a stall explains is a
/// run the machine disturbed (and is run again), not evidence; a watch of its length, or
/// one that heartbeats may end late, is evidence.
#[test]
fn network_a_watch_a_stall_held_up_is_a_disturbed_run() {
    let end = |heartbeats| zmq_workbook::claims::network::End {
        endpoint: "tcp://127.0.0.1:1".into(),
        connected: 1,
        heartbeats,
        reconnect_ivl: 20,
        lost: None,
    };
    let link = |heartbeats| zmq_workbook::claims::network::Link {
        bound: end(None),
        far: end(heartbeats),
        relay: "tcp://127.0.0.1:2".into(),
        carried_while_cut: 0,
        window: Duration::from_millis(300),
        watched: Duration::ZERO,
    };
    let limit = 2 * Duration::from_millis(300) + lab::LATE_SLACK;
    let mut silent = link(None);
    silent
        .watched_for(limit)
        .expect("a watch at its limit is evidence");
    assert_eq!(silent.watched, limit);
    let overran = silent.watched_for(limit + Duration::from_millis(1));
    let error = overran.expect_err("a watch past its limit must be a disturbed run");
    assert!(
        error.is::<zmq_workbook::claims::network::Disturbed>(),
        "{error}"
    );
    link(Some(Heartbeats::LAB))
        .watched_for(lab::BOUND)
        .expect("heartbeats may end a watch as late as the bound");
}
