//! RR6 ★ — "问一答式的。如果 Server 先 send,client 先 rev 是会报错的".

use std::time::Duration;

use zmq_workbook::claims::reqrep::rr6::{self, Mistake, OutOfOrder};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Transport, SILENCE};

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
            // The set-up: the pair that made the mistake is the one that then completed
            // hello → world, by the endpoints read back from its sockets.
            assert_eq!(lab::transport_of(&outcome.endpoint), Some(transport));
            assert_eq!(
                outcome.then_on,
                [outcome.endpoint.as_str(); 2],
                "{mistake:?}"
            );
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

fn refused(error: Option<zmq::Error>, took: Duration) -> OutOfOrder {
    let endpoint = "tcp://127.0.0.1:10000".to_string();
    OutOfOrder {
        error,
        took,
        still_usable: true,
        then_on: vec![endpoint.clone(), endpoint.clone()],
        endpoint,
    }
}

fn disagreements(finding: &Finding) -> Vec<&str> {
    finding.disagreements().map(|o| o.text.as_str()).collect()
}

/// Every mistake refused with EFSM at once, on tcp, and the pair usable after.
fn as_the_verdict_says() -> Vec<(Mistake, OutOfOrder)> {
    let fast = Duration::from_millis(1);
    Mistake::ALL
        .iter()
        .map(|&m| (m, refused(Some(zmq::Error::EFSM), fast)))
        .collect()
}

#[test]
fn rr6_evidence_names_a_mistake_that_went_through() {
    let judge = |outcomes: &[(Mistake, OutOfOrder)]| rr6::judge(Transport::Tcp, outcomes);
    let fast = Duration::from_millis(1);
    let all = as_the_verdict_says();
    let finding = judge(&all);
    assert!(finding.agrees(), "{finding}");
    assert!(finding
        .evidence()
        .contains("REP recv twice → EFSM, at once"));

    let mut sent_twice = all.clone();
    sent_twice[1].1 = refused(None, fast);
    let finding = judge(&sent_twice);
    assert_eq!(disagreements(&finding), ["REQ send twice → accepted"]);
    let mut waited = all.clone();
    waited[0].1 = refused(Some(zmq::Error::EFSM), Duration::from_secs(5));
    assert!(judge(&waited)
        .evidence()
        .contains("REQ recv first → EFSM after 5000 ms"));
    let mut two_wrong = waited.clone();
    two_wrong[1].1 = refused(None, fast);
    let finding = judge(&two_wrong);
    assert_eq!(
        disagreements(&finding),
        [
            "REQ recv first → EFSM after 5000 ms",
            "REQ send twice → accepted"
        ]
    );
    let mut at_the_window = all.clone();
    at_the_window[0].1 = refused(Some(zmq::Error::EFSM), SILENCE);
    assert!(judge(&at_the_window)
        .evidence()
        .contains("REQ recv first → EFSM after"));
    let mut broken = all.clone();
    broken[3].1.still_usable = false;
    let finding = judge(&broken);
    assert!(!finding.agrees() && finding.evidence().contains("then 3 of 4 pairs"));
    assert!(!judge(&all[..3]).agrees(), "a mistake missing");
}

/// Each part of RR6's evidence wrong alone: the judge does not agree, and says what.
#[test]
fn rr6_evidence_refuses_each_part_wrong_alone() {
    let judge = |outcomes: &[(Mistake, OutOfOrder)]| rr6::judge(Transport::Tcp, outcomes);
    let all = as_the_verdict_says();
    let fast = Duration::from_millis(1);

    // Refused at once, but by another error than the lock-step's EFSM.
    for error in [zmq::Error::EAGAIN, zmq::Error::ENOTSUP] {
        let mut other = all.clone();
        other[2].1 = refused(Some(error), fast);
        let finding = judge(&other);
        let expected = format!("REP send first → {}, at once", lab::error_name(error));
        assert_eq!(disagreements(&finding), [expected.as_str()]);
    }
    // A mistake too many.
    let mut extra = all.clone();
    extra.push(all[0].clone());
    assert_eq!(
        disagreements(&judge(&extra)),
        ["5 mistakes where 4 were due"]
    );

    // The set-up: "still usable" shown on other sockets than the pair that made the
    // mistake (a fresh pair, or a fresh client of the same server); another transport.
    let mut fresh_pair = all.clone();
    fresh_pair[1].1.then_on = vec!["tcp://127.0.0.1:10001".into(); 2];
    let finding = judge(&fresh_pair);
    assert!(!finding.agrees());
    assert_eq!(
        disagreements(&finding),
        [
            "REQ send twice: the exchange after it went from tcp://127.0.0.1:10001 to \
          tcp://127.0.0.1:10001, where the pair's endpoint is tcp://127.0.0.1:10000"
        ]
    );
    let mut fresh_server = all.clone();
    fresh_server[3].1.then_on[1] = "tcp://127.0.0.1:10001".into();
    assert!(!judge(&fresh_server).agrees());
    let mut unread = all.clone();
    unread[0].1.then_on.clear();
    assert!(!judge(&unread).agrees());
    let finding = rr6::judge(Transport::Ipc, &all);
    assert!(!finding.agrees());
    assert!(
        finding.to_string().contains(
            "set-up not proven: asked for ipc, the socket's endpoint is tcp://"
        ),
        "{finding}"
    );
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
