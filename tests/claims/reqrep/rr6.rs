//! RR6 ★ — "问一答式的。如果 Server 先 send,client 先 rev 是会报错的".

use std::time::Duration;

use zmq_workbook::claims::reqrep::rr6::{self, Mistake, OutOfOrder};
use zmq_workbook::lab::{Transport, SILENCE};

use crate::harness::watchdog;

fn assert_efsm_and_recovery(mistake: Mistake) {
    watchdog(move || {
        for transport in Transport::ALL {
            // ANCHOR: rr6_test
            let outcome = rr6::out_of_order(transport, mistake)?;
            assert_eq!(
                outcome.error,
                Some(zmq::Error::EFSM),
                "{mistake:?} on {transport}"
            );
            assert!(
                outcome.took < Duration::from_secs(1),
                "{mistake:?}: it waited"
            );
            assert!(
                outcome.still_usable,
                "{mistake:?} on {transport} broke the socket"
            );
            // ANCHOR_END: rr6_test
        }
        Ok(())
    })
}

/// RR6 ★ — "client 先 rev 是会报错的": REQ receiving before it has sent fails with EFSM.
#[test]
fn rr6_client_receiving_first_fails_with_efsm() {
    assert_efsm_and_recovery(Mistake::ClientReceivesFirst);
}

/// RR6 ★ — one question at a time: a REQ that sends twice gets EFSM on the second send.
#[test]
fn rr6_client_sending_twice_fails_with_efsm() {
    assert_efsm_and_recovery(Mistake::ClientSendsTwice);
}

/// RR6 ★ — "如果 Server 先 send … 是会报错的": REP sending before it has received fails with
/// EFSM.
#[test]
fn rr6_server_sending_first_fails_with_efsm() {
    assert_efsm_and_recovery(Mistake::ServerSendsFirst);
}

/// RR6 ★ — and one answer per question: a REP that receives twice gets EFSM.
#[test]
fn rr6_server_receiving_twice_fails_with_efsm() {
    assert_efsm_and_recovery(Mistake::ServerReceivesTwice);
}

#[test]
fn rr6_evidence_names_a_mistake_that_went_through() {
    let refused = |error, took| OutOfOrder {
        error,
        took,
        still_usable: true,
    };
    let fast = Duration::from_millis(1);
    let all: Vec<_> = Mistake::ALL
        .iter()
        .map(|&m| (m, refused(Some(zmq::Error::EFSM), fast)))
        .collect();
    let finding = rr6::judge(&all);
    assert!(finding.agrees(), "{finding}");
    assert!(finding
        .evidence()
        .contains("REP recv twice → EFSM, at once"));

    let mut sent_twice = all.clone();
    sent_twice[1].1 = refused(None, fast);
    let finding = rr6::judge(&sent_twice);
    assert_eq!(
        finding
            .disagreements()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>(),
        ["REQ send twice → accepted"]
    );
    let mut waited = all.clone();
    waited[0].1 = refused(Some(zmq::Error::EFSM), Duration::from_secs(5));
    assert!(rr6::judge(&waited)
        .evidence()
        .contains("REQ recv first → EFSM after 5000 ms"));
    let mut two_wrong = waited.clone();
    two_wrong[1].1 = refused(None, fast);
    let finding = rr6::judge(&two_wrong);
    assert_eq!(
        finding
            .disagreements()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>(),
        [
            "REQ recv first → EFSM after 5000 ms",
            "REQ send twice → accepted"
        ]
    );
    let mut at_the_window = all.clone();
    at_the_window[0].1 = refused(Some(zmq::Error::EFSM), SILENCE);
    assert!(rr6::judge(&at_the_window)
        .evidence()
        .contains("REQ recv first → EFSM after"));
    let mut broken = all.clone();
    broken[3].1.still_usable = false;
    let finding = rr6::judge(&broken);
    assert!(!finding.agrees() && finding.evidence().contains("then 3 of 4 pairs"));
    assert!(!rr6::judge(&all[..3]).agrees(), "a mistake missing");
}

/// RR6 — the "in your own program" lines: a relaxed REQ may ask again before the first
/// answer came, and gets the answer to its second question, not the late one to its
/// first.
#[test]
fn rr6_in_your_own_program_a_relaxed_client_asks_again() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        let endpoint = lab.bind(&server, Transport::Inproc)?;
        let client = rr6::relaxed_client(lab.context(), &endpoint)?;
        client.set_rcvtimeo(5000)?;
        client.send("first", 0)?;
        assert_eq!(server.recv_bytes(0)?, b"first");
        client.send("second", 0)?; // no EFSM: the REQ is relaxed
        server.send("late answer to first", 0)?;
        assert_eq!(server.recv_bytes(0)?, b"second");
        server.send("answer to second", 0)?;
        assert_eq!(client.recv_bytes(0)?, b"answer to second");
        Ok(())
    })
}
