//! Publish–Subscribe (PS1–PS7). Each test quotes the article above the property it
//! checks.

mod ps1;
mod ps2;
mod ps3;
mod ps4;
mod ps5;
mod ps6;
mod ps7;

// What the pattern's experiments share: each wait is shown to stop at what it waits for,
// and to leave what comes after it for the next read.

use std::time::{Duration, Instant};

use zmq_workbook::claims::pubsub::{
    await_subscriptions, await_told, left_unread, listen, publisher, recv_until,
    recv_until_within, subscriber,
};
use zmq_workbook::lab::{self, Lab, Transport, SILENCE};

use crate::harness::watchdog;

/// A withdrawal the publisher is told of before a subscription is not a subscription: the
/// wait skips it and returns the subscription that came after it; and a subscription
/// beyond the count waited for stays for the next read.
#[test]
fn pubsub_await_subscriptions_counts_subscriptions_not_withdrawals() {
    watchdog(|| {
        let lab = Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, Transport::Inproc)?;
        let first = subscriber(&lab, &endpoint, &[b"x"])?;
        assert_eq!(await_subscriptions(&publisher, 1)?, [b"x".to_vec()]);
        first.set_unsubscribe(b"x")?;
        // The withdrawal is with the publisher before the next subscriber connects.
        assert_eq!(
            publisher.poll(zmq::POLLIN, lab::millis(lab::BOUND).into())?,
            1
        );
        let _second = subscriber(&lab, &endpoint, &[b"y"])?;
        assert_eq!(await_subscriptions(&publisher, 1)?, [b"y".to_vec()]);
        assert_eq!(left_unread(&publisher)?, Vec::<Vec<u8>>::new());

        let _third = subscriber(&lab, &endpoint, &[b"z1", b"z2"])?;
        let told = await_told(&publisher, 1)?;
        assert_eq!(told.subscribed, [b"z1".to_vec()]);
        assert_eq!(
            told.unread,
            [b"\x01z2".to_vec()],
            "the second one, left unread"
        );
        Ok(())
    })
}

/// The marker ends the wait: what came before it is returned, a late duplicate of it and
/// what follows stay for the next read.
#[test]
fn pubsub_recv_until_stops_at_the_marker_and_leaves_what_follows() {
    watchdog(|| {
        let lab = Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, Transport::Inproc)?;
        let subscriber = subscriber(&lab, &endpoint, &[b""])?;
        await_subscriptions(&publisher, 1)?;
        for message in ["a", "b", "end", "end", "c", "end"] {
            publisher.send(message, 0)?;
        }
        assert_eq!(
            recv_until(&subscriber, b"end")?,
            [b"a".to_vec(), b"b".to_vec()]
        );
        assert_eq!(recv_until(&subscriber, b"end")?, Vec::<Vec<u8>>::new());
        assert_eq!(recv_until(&subscriber, b"end")?, [b"c".to_vec()]);
        Ok(())
    })
}

/// A marker that never comes is an error, not the end of what came: a silence is not an
/// end. Nor is a message of several frames whose first reads as the marker.
#[test]
fn pubsub_recv_until_fails_without_its_marker() {
    watchdog(|| {
        let lab = Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, Transport::Inproc)?;
        let subscriber = subscriber(&lab, &endpoint, &[b""])?;
        await_subscriptions(&publisher, 1)?;
        publisher.send("a", 0)?;
        let window = Duration::from_millis(50);
        let started = Instant::now();
        let lost = recv_until_within(&subscriber, b"end", window);
        let took = started.elapsed();
        let error = lost.expect_err("no marker, yet it ended").to_string();
        assert!(error.contains("\"end\" (3 B) never arrived"), "{error}");
        assert!(error.contains("[\"a\" (1 B)]"), "{error}");
        assert!(lab::waited_out(took, window), "gave up after {took:?}");

        publisher.send_multipart(["end", "more"], 0)?;
        publisher.send("end", 0)?;
        let error = recv_until_within(&subscriber, b"end", window)
            .expect_err("a marker with a part more, taken for the marker")
            .to_string();
        assert!(error.contains("a message of 2 frames"), "{error}");
        Ok(())
    })
}

/// A silence listened to says when it began and how long it lasted; what comes in it is
/// kept, and the window starts again after it.
#[test]
fn pubsub_listen_times_its_window_and_keeps_what_came() {
    watchdog(|| {
        let lab = Lab::new()?;
        let publisher = publisher(&lab)?;
        let endpoint = lab.bind(&publisher, Transport::Inproc)?;
        let subscriber = subscriber(&lab, &endpoint, &[b""])?;
        await_subscriptions(&publisher, 1)?;
        let clock = Instant::now();
        let quiet = listen(&subscriber, SILENCE, clock)?;
        assert!(quiet.got.is_empty(), "{quiet:?}");
        assert!(lab::gave_up_at(quiet.lasted, SILENCE), "{quiet:?}");
        assert!(quiet.began <= clock.elapsed() - quiet.lasted, "{quiet:?}");

        publisher.send("extra", 0)?;
        let heard = listen(&subscriber, SILENCE, clock)?;
        assert_eq!(heard.got, [b"extra".to_vec()]);
        assert!(
            heard.began >= quiet.began + quiet.lasted,
            "{quiet:?} {heard:?}"
        );
        assert!(lab::waited_out(heard.lasted, SILENCE), "{heard:?}");
        Ok(())
    })
}
