//! PL5 beyond the claim: a puller behind a silent link, a reset, a killed worker.

use std::path::Path;
use std::thread;

use anyhow::{Context as _, Result};
use zmq_workbook::claims::network::crash::{self, Stop};
use zmq_workbook::claims::network::{judges, push, Heartbeats};
use zmq_workbook::lab::{self, Lab, Transport, BOUND};

use super::*;
use crate::harness::watchdog;

/// The wait before the last batch of a cut for good: it returns only once the PUSH deals to
/// the near puller alone (here, once the other puller closed), with the tasks the near
/// puller took meanwhile; a probe the other puller took first does not end it early.
#[test]
fn pl5_probing_ends_only_once_the_push_deals_to_the_near_puller_alone() {
    watchdog(|| {
        use std::sync::atomic::{AtomicBool, Ordering};
        let lab = Lab::new()?;
        let pusher = lab.socket(zmq::PUSH)?;
        // No high-water mark on the way to the other puller: a PUSH passes over a puller
        // whose queue is full, and the probing, which pushes on while the other puller's
        // thread waits for the processor, would fill it (2,000 messages on inproc) and
        // see the PUSH deal to the near puller alone with the other still connected.
        pusher.set_sndhwm(0)?;
        let endpoint = lab.bind(&pusher, Transport::Inproc)?;
        // Connected first, the other puller is dealt the first of every pair.
        let other = lab.socket(zmq::PULL)?;
        other.set_rcvhwm(0)?;
        other.connect(&endpoint)?;
        let near = lab.socket(zmq::PULL)?;
        near.connect(&endpoint)?;
        for task in 10..14 {
            pusher.send(task.to_string().as_str(), 0)?;
        }
        let closed = &AtomicBool::new(false);
        let (returned, taken_by_other) = thread::scope(|scope| {
            let other_side = scope.spawn(move || -> Result<Vec<String>> {
                let mut taken = Vec::new();
                while taken
                    .iter()
                    .filter(|t: &&String| t.starts_with("probe"))
                    .count()
                    < 3
                {
                    let message =
                        lab::recv_within(&other, BOUND)?.with_context(|| {
                            format!("no probe within {BOUND:?}: {taken:?}")
                        })?;
                    taken.push(lab::text(&message));
                }
                // Said before the close: the PUSH may deal to the near puller alone as
                // soon as the socket is gone, before this thread runs again.
                closed.store(true, Ordering::SeqCst);
                drop(other);
                Ok(taken)
            });
            let returned = push::until_dealing_only_to(&pusher, &near);
            let closed_first = closed.load(Ordering::SeqCst);
            (
                returned.map(|dealt| (dealt.tasks, closed_first)),
                other_side.join(),
            )
        });
        // The other puller's outcome first: had it failed, its socket would have closed
        // without saying so, and the PUSH dealt to the near puller alone for that reason.
        let taken_by_other = taken_by_other.expect("the other puller's thread panicked");
        let taken_by_other = taken_by_other.context("the other puller")?;
        let (tasks, closed_first) = returned.context("probing")?;
        assert!(
            closed_first,
            "it returned while the other puller was still dealt to: the near puller \
             took {tasks:?}, the other {taken_by_other:?}"
        );
        assert_eq!(tasks, [11, 13], "the tasks the near puller took meanwhile");
        assert_eq!(&taken_by_other[..2], ["10", "12"], "{taken_by_other:?}");
        Ok(())
    })
}

/// PL5 — "当连接被断开,数据不会丢失": not when the link dies in silence. The PUSH goes on dealing the
/// far puller its share, into a link that will never deliver it, and nothing notices
/// within the window. With heartbeats on both ends (the positive control), both notice
/// within it, and from then on the PUSH deals everything to the puller that is left: only
/// what it dealt before is lost.
#[test]
fn pl5_a_puller_behind_a_silent_link_keeps_its_share_until_heartbeats_drop_it() {
    watchdog(|| {
        // ANCHOR: pl5_silent_link_test
        let (without, with) = without_and_with(push::puller_cut_for_good)?;
        for outcome in [&without, &with] {
            assert_eq!(outcome.before, [5, 5], "the control: {outcome:?}");
            assert_eq!(outcome.near_during, 5, "{outcome:?}");
        }
        assert_eq!(without.push_noticed, None, "{without:?}");
        assert_eq!(without.puller_noticed, None, "{without:?}");
        assert_eq!(
            without.near_after, 5,
            "still dealing to the dead link: {without:?}"
        );
        assert!(lost_from(&without.lost, 10, 10..30), "{without:?}");

        assert!(with.push_noticed.is_some(), "{with:?}");
        assert!(with.puller_noticed.is_some(), "{with:?}");
        assert_eq!(
            with.near_after, 10,
            "all to the puller that is left: {with:?}"
        );
        assert!(lost_from(&with.lost, 5, 10..20), "{with:?}");
        // ANCHOR_END: pl5_silent_link_test
        agrees(judges::cut_for_good(false, &without));
        agrees(judges::cut_for_good(true, &with));
        Ok(())
    })
}

/// PL5, beyond the claim — "with heartbeats the PUSH deals everything to the live puller"
/// holds for a PUSH that binds, which lets go of a connection that dropped. A PUSH that
/// connects keeps its queue for the puller it lost, tries to connect again, and goes on
/// dealing it its share, heartbeats or not; with `ZMQ_IMMEDIATE` on it lets go of it too.
#[test]
fn pl5_a_connecting_push_deals_a_lost_puller_its_share_unless_immediate() {
    watchdog(|| {
        // ANCHOR: pl5_connecting_cut_test
        let (off, on) = thread::scope(|scope| {
            let on = scope.spawn(|| push::connecting_push_puller_cut_for_good(true));
            let off = push::connecting_push_puller_cut_for_good(false);
            (off, on.join().expect("the experiment panicked"))
        });
        let (off, on) = (off?, on?);
        for outcome in [&off, &on] {
            assert!(outcome.push_noticed.is_some(), "{outcome:?}");
            assert!(outcome.puller_noticed.is_some(), "{outcome:?}");
            assert_eq!(outcome.before, [5, 5], "the control: {outcome:?}");
        }
        assert_eq!(off.near_after, 5, "still dealing to the lost one: {off:?}");
        assert!(lost_from(&off.lost, 10, 10..30), "{off:?}");
        assert_eq!(on.near_after, 10, "all to the puller that is left: {on:?}");
        assert!(lost_from(&on.lost, 5, 10..20), "{on:?}");
        // ANCHOR_END: pl5_connecting_cut_test
        agrees(judges::connecting_cut_for_good(false, &off));
        agrees(judges::connecting_cut_for_good(true, &on));
        Ok(())
    })
}

/// PL5 — a silent link that comes back loses nothing without heartbeats: the connection
/// never closed, and what piled up is delivered. With heartbeats shorter than the cut,
/// both ends gave up on the connection: the far puller's share in it is lost, and the
/// puller connects again by itself once the link is back.
#[test]
fn pl5_a_short_silent_cut_loses_nothing_without_heartbeats_and_the_share_in_flight_with_them(
) {
    watchdog(|| {
        // ANCHOR: pl5_short_cut_test
        let (without, with) = without_and_with(push::puller_cut_and_healed)?;
        assert_eq!(
            (without.push_noticed, without.puller_noticed),
            (None, None),
            "{without:?}"
        );
        assert_eq!(without.reconnected, None, "{without:?}");
        assert_eq!(without.during, [5, 5], "{without:?}");
        assert_eq!(without.lost, Vec::<usize>::new(), "{without:?}");

        assert!(
            with.push_noticed.is_some() && with.puller_noticed.is_some(),
            "{with:?}"
        );
        assert!(with.reconnected.is_some(), "{with:?}");
        assert_eq!(with.during, [0, 5], "{with:?}");
        assert!(lost_from(&with.lost, 5, 10..20), "{with:?}");
        for outcome in [without.after, with.after] {
            assert_eq!(outcome, [5, 5], "the control: both pullers take part again");
        }
        // ANCHOR_END: pl5_short_cut_test
        agrees(judges::cut_and_healed(false, &without));
        agrees(judges::cut_and_healed(true, &with));
        Ok(())
    })
}

/// PL5 — a reset (a crashed host that came back and answers with RST) is noticed by both
/// ends, heartbeats or not; what was on its way to the dead connection is lost, and the
/// puller connects again by itself.
#[test]
fn pl5_a_reset_link_is_noticed_and_loses_what_was_on_its_way() {
    watchdog(|| {
        let (without, with) = without_and_with(push::puller_link_reset)?;
        for outcome in [&without, &with] {
            assert!(outcome.push_noticed.is_some(), "{outcome:?}");
            assert!(outcome.puller_noticed.is_some(), "{outcome:?}");
            assert!(outcome.reconnected.is_some(), "{outcome:?}");
            assert_eq!(outcome.during, [0, 5], "{outcome:?}");
            assert_eq!(outcome.after, [5, 5], "{outcome:?}");
            assert!(lost_from(&outcome.lost, 5, 10..20), "{outcome:?}");
        }
        agrees(judges::link_reset(false, &without));
        agrees(judges::link_reset(true, &with));
        Ok(())
    })
}

/// PL5 — the far puller pinged by the PUSH alone has no heartbeats of its own (read back
/// from each socket): the PUSH notices the cut and deals to the near puller alone; the
/// far puller notices only by the TTL of the PINGs it received, if at all, and its own
/// monitor says which.
#[test]
fn pl5_a_puller_pinged_by_the_push_alone_has_no_heartbeats_of_its_own() {
    watchdog(|| {
        let outcome =
            push::puller_cut_for_good_pinged_by_the_push_alone(Heartbeats::LAB)?;
        let link = &outcome.link;
        assert_eq!(
            [link.bound.heartbeats, link.far.heartbeats],
            [Some(Heartbeats::LAB), None],
            "the heartbeats read back from the PUSH and the far puller: {outcome:?}"
        );
        assert!(outcome.push_noticed.is_some(), "{outcome:?}");
        assert_eq!(outcome.push_noticed, link.bound.lost, "{outcome:?}");
        assert_eq!(outcome.puller_noticed, link.far.lost, "{outcome:?}");
        assert_eq!(link.carried_while_cut, 0, "{outcome:?}");
        assert_eq!(outcome.near_after, 10, "{outcome:?}");
        assert!(lost_from(&outcome.lost, 5, 10..20), "{outcome:?}");
        Ok(())
    })
}

/// PL5 — a worker process killed (SIGKILL) in the middle of a stream: the ventilator
/// notices at once (the worker's kernel closes its connections), and what the worker held
/// and had not passed on is lost; the worker stopped politely (SIGTERM) once it took its
/// share passes on everything.
#[test]
fn pl5_a_worker_killed_mid_stream_loses_what_it_held_and_a_polite_stop_loses_nothing() {
    watchdog(|| {
        let worker = Path::new(env!("CARGO_BIN_EXE_pl-worker"));
        let outcomes = side_by_side(vec![
            Box::new(|| crash::worker_stops_mid_stream(worker, Stop::Kill)),
            Box::new(|| crash::worker_stops_mid_stream(worker, Stop::Polite)),
        ])?;
        let (killed, polite) = (&outcomes[0], &outcomes[1]);
        for outcome in [killed, polite] {
            assert!(outcome.noticed.is_some(), "{outcome:?}");
            assert_eq!(outcome.dealt_to_worker, 5, "{outcome:?}");
        }
        assert!(!killed.exit.success(), "{killed:?}");
        assert!(
            (1..=5).contains(&killed.lost.len()),
            "what it held is lost, and only the worker's share: {killed:?}"
        );
        assert!(
            killed.lost.iter().all(|n| (10..20).contains(n)),
            "{killed:?}"
        );
        assert!(polite.exit.success(), "{polite:?}");
        assert_eq!(polite.lost, Vec::<usize>::new(), "{polite:?}");
        use std::os::unix::process::ExitStatusExt as _;
        assert_eq!(killed.exit.signal(), Some(libc::SIGKILL), "{killed:?}");
        assert_eq!(polite.exit.signal(), None, "{polite:?}");
        agrees(judges::worker_stopped(Stop::Kill, killed));
        agrees(judges::worker_stopped(Stop::Polite, polite));
        Ok(())
    })
}

/// PL5 — what a killed worker loses is of its own share, whatever that share is: with the
/// puller beside it connected twice, the ventilator deals to three connections in turn,
/// and the worker is dealt a third of the tasks (3 or 4 of 10), not half.
#[test]
fn pl5_a_killed_worker_loses_only_from_its_own_share_whatever_its_size() {
    watchdog(|| {
        use zmq_workbook::claims::network::undisturbed;
        let worker = Path::new(env!("CARGO_BIN_EXE_pl-worker"));
        let (killed, _) =
            undisturbed(|| crash::worker_stops_beside(worker, Stop::Kill, 2))?;
        assert_eq!(killed.ventilator.peers, 3, "{killed:?}");
        assert!((3..=4).contains(&killed.dealt_to_worker), "{killed:?}");
        assert!(
            (1..=killed.dealt_to_worker).contains(&killed.lost.len()),
            "{killed:?}"
        );
        assert!(
            killed.lost.iter().all(|n| (10..20).contains(n)),
            "{killed:?}"
        );
        use std::os::unix::process::ExitStatusExt as _;
        assert_eq!(killed.exit.signal(), Some(libc::SIGKILL), "{killed:?}");
        Ok(())
    })
}

/// A cut that lands in the middle of a stream: what the relay carried up to the cut is not
/// counted as carried while cut (the count is read once the cut holds), and the stream was
/// really under way (more comes once the link is back).
#[test]
fn pl5_a_cut_mid_stream_counts_nothing_carried_before_it_as_carried_while_cut() {
    watchdog(|| {
        let lab = Lab::new()?;
        let mut two = push::TwoPullers::new(&lab, None)?;
        // Half of it for the far puller, which reads nothing: the relay is still pumping
        // it when the cut comes.
        let chunk = vec![b'x'; 64 * 1024];
        let mut sent = 0;
        while sent < 60
            && two
                .pusher
                .socket
                .send(chunk.as_slice(), zmq::DONTWAIT)
                .is_ok()
        {
            sent += 1;
        }
        assert!(sent >= 20, "only {sent} chunks went out");
        let cut = two.cut()?;
        let at_cut = two.relay.carried();
        let proven = two.proven(cut)?;
        assert_eq!(proven.carried_while_cut, 0, "counted as carried while cut");
        two.restore();
        assert!(
            crate::harness::eventually(|| two.relay.carried() > at_cut),
            "nothing was left to carry when the cut came: no stream was cut"
        );
        Ok(())
    })
}
