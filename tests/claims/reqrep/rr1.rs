//! RR1 — "req端请求的消息,rep端必须答复给req端".

use zmq_workbook::claims::reqrep::rr1::{self, CLIENTS};
use zmq_workbook::claims::reqrep::Exchange;
use zmq_workbook::claims::Finding;

on_each_transport! {
    /// RR1 — "req端请求的消息,rep端必须答复给req端": REP answers the REQ that asked.
    fn rr1_hello_gets_world(transport) {
        // ANCHOR: rr1_test
        assert_eq!(rr1::hello_world(transport)?, b"world");
        // ANCHOR_END: rr1_test
        Ok(())
    }
}

on_each_transport! {
    /// RR1, RR2 — several REQ clients on one REP: every client gets the answer to *its*
    /// request.
    fn rr1_each_client_gets_the_answer_to_its_own_request(transport) {
        // ANCHOR: rr1_many_test
        let exchanges = rr1::many_clients_one_server(transport, CLIENTS)?;
        assert_eq!(exchanges.len(), CLIENTS);
        for exchange in &exchanges {
            assert_eq!(exchange.answered, format!("answer to {}", exchange.asked));
        }
        // ANCHOR_END: rr1_many_test
        Ok(())
    }
}

#[test]
fn rr1_evidence_names_a_client_that_got_another_ones_answer() {
    let exchange = |asked: &str, answered: &str| Exchange {
        asked: asked.into(),
        answered: answered.into(),
    };
    let right = [
        exchange("client 0", "answer to client 0"),
        exchange("client 1", "answer to client 1"),
    ];
    let mut finding = Finding::new();
    rr1::judge_exchanges(&mut finding, 2, &right);
    rr1::judge_reply(&mut finding, b"world");
    assert!(finding.agrees(), "{finding}");

    let crossed = [
        exchange("client 0", "answer to client 1"),
        exchange("client 1", "answer to client 0"),
    ];
    let mut finding = Finding::new();
    rr1::judge_exchanges(&mut finding, 2, &crossed);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("0 of 2 got the answer to their own request"),
        "{finding}"
    );
    assert!(
        finding
            .evidence()
            .contains("client 0 got \"answer to client 1\""),
        "{finding}"
    );

    let mut finding = Finding::new();
    rr1::judge_exchanges(&mut finding, 3, &right);
    assert!(!finding.agrees(), "a client missing");

    let mut finding = Finding::new();
    rr1::judge_reply(&mut finding, b"hello");
    assert_eq!(finding.evidence(), "hello → hello");
    assert!(!finding.agrees());
}

/// RR1 — the "in your own program" lines: each of three clients gets its own answer.
#[test]
fn rr1_in_your_own_program_each_client_gets_its_answer() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        let endpoint = lab.bind(&server, zmq_workbook::lab::Transport::Tcp)?;
        let clients = lab.connected(zmq::REQ, &endpoint, 3)?;
        for (i, client) in clients.iter().enumerate() {
            client.send(format!("client {i}").as_str(), 0)?;
        }
        rr1::serve(&server, 3)?;
        for (i, client) in clients.iter().enumerate() {
            assert_eq!(
                client.recv_bytes(0)?,
                format!("answer to client {i}").as_bytes()
            );
        }
        Ok(())
    })
}
