//! RR4 beyond the claim: a server that dies mid-request and comes back.

use std::path::Path;

use zmq_workbook::claims::network::crash::{self, Stop};
use zmq_workbook::claims::network::judges;
use zmq_workbook::claims::network::request::Retry;

use super::*;
use crate::harness::watchdog;

/// RR4 — "谁先启动都一样": a REQ does reconnect by itself to a server that died and came back,
/// whichever way it died (killed, or stopped politely): but the request the dead server
/// had taken died with it, and a plain REQ waits for its reply for ever (the control
/// beside it: a new socket asking again is answered by the new server).
#[test]
fn rr4_a_server_that_dies_mid_request_and_comes_back_leaves_a_plain_req_stuck() {
    watchdog(|| {
        let server = Path::new(env!("CARGO_BIN_EXE_rr-server"));
        let outcomes = side_by_side(vec![
            Box::new(|| crash::server_stops_mid_request(server, Stop::Kill, Retry::Wait)),
            Box::new(|| {
                crash::server_stops_mid_request(server, Stop::Polite, Retry::Wait)
            }),
            Box::new(|| {
                crash::server_stops_mid_request(server, Stop::Kill, Retry::FreshSocket)
            }),
        ])?;
        for outcome in &outcomes {
            assert!(outcome.noticed.is_some(), "{outcome:?}");
            assert!(outcome.reconnected.is_some(), "{outcome:?}");
        }
        for stuck in &outcomes[..2] {
            assert_eq!(stuck.resend, Some(zmq::Error::EFSM), "{stuck:?}");
            assert_eq!(stuck.answer, None, "{stuck:?}");
        }
        assert_eq!(
            outcomes[2].answer.as_deref(),
            Some(crash::SECOND_REPLY),
            "the control"
        );
        let cases = [
            (Stop::Kill, Retry::Wait),
            (Stop::Polite, Retry::Wait),
            (Stop::Kill, Retry::FreshSocket),
        ];
        for ((stop, retry), outcome) in cases.into_iter().zip(&outcomes) {
            agrees(judges::server_restarted(stop, retry, outcome));
        }
        Ok(())
    })
}

/// RR4 — a relaxed, correlated REQ asks the restarted server again on the same socket,
/// and is answered.
#[test]
fn rr4_a_relaxed_req_asks_a_restarted_server_again_and_is_answered() {
    watchdog(|| {
        let server = Path::new(env!("CARGO_BIN_EXE_rr-server"));
        let outcome =
            crash::server_stops_mid_request(server, Stop::Kill, Retry::Relaxed)?;
        assert_eq!(outcome.resend, None, "{outcome:?}");
        assert_eq!(
            outcome.answer.as_deref(),
            Some(crash::SECOND_REPLY),
            "{outcome:?}"
        );
        agrees(judges::server_restarted(
            Stop::Kill,
            Retry::Relaxed,
            &outcome,
        ));
        Ok(())
    })
}
