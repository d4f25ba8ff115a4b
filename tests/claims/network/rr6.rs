//! RR6 beyond the claim: a reply that a silent link swallowed.

use std::thread;

use anyhow::Result;
use zmq_workbook::claims::network::request::{self, Retry, SwallowedReply};
use zmq_workbook::claims::network::{judges, Heartbeats};
use zmq_workbook::lab::{self};
use Retry::{FreshSocket, Relaxed};

use super::*;
use crate::harness::watchdog;

/// RR6 — "严格一问一答": a REQ whose reply a silent link swallowed gives up after its receive
/// timeout and may not ask again (EFSM). Without heartbeats the reply is only late: it
/// arrives when the link returns. With heartbeats the REQ dropped the connection, and the
/// reply with it: the socket is stuck for good, unable to send or receive.
#[test]
fn rr6_a_req_whose_reply_a_silent_link_swallowed_may_not_ask_again() {
    watchdog(|| {
        // ANCHOR: rr6_silent_link_test
        let (without, with) =
            without_and_with(|hb| request::reply_swallowed_by_a_cut(Retry::Wait, hb))?;
        for outcome in [&without, &with] {
            assert!(
                lab::waited_out(outcome.gave_up_after, request::ASK_TIMEOUT),
                "{outcome:?}"
            );
            assert_eq!(outcome.resend, Some(zmq::Error::EFSM), "{outcome:?}");
        }
        assert!(!without.noticed, "{without:?}");
        assert_eq!(
            without.answer.as_deref(),
            Some("reply to request 1"),
            "{without:?}"
        );
        assert!(with.noticed, "{with:?}");
        assert_eq!(
            with.answer, None,
            "the reply was lost with the connection: {with:?}"
        );
        // ANCHOR_END: rr6_silent_link_test
        agrees(judges::swallowed_reply(Retry::Wait, false, &without));
        agrees(judges::swallowed_reply(Retry::Wait, true, &with));
        Ok(())
    })
}

/// [`request::reply_swallowed_by_a_cut`] for each case, side by side.
fn swallowed_each(cases: &[(Retry, Option<Heartbeats>)]) -> Result<Vec<SwallowedReply>> {
    thread::scope(|scope| {
        let runs: Vec<_> = cases
            .iter()
            .map(|&(retry, hb)| {
                scope.spawn(move || request::reply_swallowed_by_a_cut(retry, hb))
            })
            .collect();
        runs.into_iter()
            .map(|run| run.join().expect("the experiment panicked"))
            .collect()
    })
}

/// RR6 — with `ZMQ_REQ_RELAXED` the REQ may ask again, and with `ZMQ_REQ_CORRELATE` the
/// late reply to its first request is dropped: it gets the reply to the second once the
/// link is back, heartbeats or not. A new socket (the Lazy Pirate) gets its answer too.
#[test]
fn rr6_a_relaxed_req_or_a_fresh_socket_asks_again_and_gets_the_new_reply() {
    watchdog(|| {
        // ANCHOR: rr6_retry_test
        let hb = Some(Heartbeats::LAB);
        let cases = [
            (Relaxed, None),
            (Relaxed, hb),
            (FreshSocket, None),
            (FreshSocket, hb),
        ];
        let outcomes = swallowed_each(&cases)?;
        assert_eq!(outcomes.len(), 4);
        for outcome in &outcomes {
            assert_eq!(outcome.resend, None, "{outcome:?}");
            let answer = outcome.answer.as_deref();
            assert_eq!(answer, Some("reply to request 2"), "{outcome:?}");
        }
        // ANCHOR_END: rr6_retry_test
        for (&(retry, hb), outcome) in cases.iter().zip(&outcomes) {
            agrees(judges::swallowed_reply(retry, hb.is_some(), outcome));
        }
        Ok(())
    })
}
