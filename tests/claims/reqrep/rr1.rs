//! RR1 — "req端请求的消息,rep端必须答复给req端".

use std::time::{Duration, Instant};

use zmq_workbook::claims::reqrep::rr1::{self, Hello, Served, CLIENTS};
use zmq_workbook::claims::reqrep::Exchange;
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::Transport;

on_each_transport! {
    /// RR1 — "req端请求的消息,rep端必须答复给req端": REP answers the REQ that asked.
    fn rr1_hello_gets_world(transport) {
        // ANCHOR: rr1_test
        assert_eq!(rr1::hello_world(transport)?.reply, b"world");
        // ANCHOR_END: rr1_test
        let hello = rr1::hello_world(transport)?;
        let mut finding = Finding::new();
        rr1::judge_hello(&mut finding, transport, &hello);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

on_each_transport! {
    /// RR1, RR2 — several REQ clients on one REP: every client gets the answer to *its*
    /// request.
    fn rr1_each_client_gets_the_answer_to_its_own_request(transport) {
        // ANCHOR: rr1_many_test
        let served = rr1::many_clients_one_server(transport, CLIENTS)?;
        assert_eq!(served.exchanges.len(), CLIENTS);
        for exchange in &served.exchanges {
            assert_eq!(exchange.answered, format!("answer to {}", exchange.asked));
        }
        // ANCHOR_END: rr1_many_test
        // The set-up: every client was waiting for its answer before the first came.
        let last_asked = served.asked_at.iter().max();
        let first_answered = served.answered_at.iter().min();
        assert!(
            last_asked.is_some() && last_asked <= first_answered,
            "{served:?}"
        );
        let mut finding = Finding::new();
        rr1::judge_served(&mut finding, transport, CLIENTS, &served);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

fn exchange(asked: &str, answered: &str) -> Exchange {
    Exchange {
        asked: asked.into(),
        answered: answered.into(),
    }
}

fn disagreements(finding: &Finding) -> Vec<&str> {
    finding.disagreements().map(|o| o.text.as_str()).collect()
}

#[test]
fn rr1_evidence_names_a_client_that_got_another_ones_answer() {
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

/// A run of several clients, as RR1's verdict says: each asked, then each got its own
/// answer.
fn served(clients: usize) -> Served {
    let asked = Instant::now();
    let answered = asked + Duration::from_millis(1);
    Served {
        endpoint: "tcp://127.0.0.1:10000".into(),
        exchanges: (0..clients)
            .map(|i| exchange(&format!("client {i}"), &format!("answer to client {i}")))
            .collect(),
        asked_at: vec![asked; clients],
        answered_at: vec![answered; clients],
    }
}

/// Each part of RR1's evidence wrong alone: the judge does not agree, and says what.
#[test]
fn rr1_evidence_refuses_each_part_wrong_alone() {
    let judged = |served: &Served| {
        let mut finding = Finding::new();
        rr1::judge_served(&mut finding, Transport::Tcp, 3, served);
        finding
    };
    let good = served(3);
    assert!(judged(&good).agrees(), "{}", judged(&good));

    // One client got the answer meant for another, the others their own.
    let mut stray = good.clone();
    stray.exchanges[2].answered = "answer to client 1".into();
    assert_eq!(
        disagreements(&judged(&stray)),
        ["3 clients on one REP: 2 of 3 got the answer to their own request (client 2 got \
          \"answer to client 1\")"]
    );
    // An answer that only looks like one.
    let mut other_form = good.clone();
    other_form.exchanges[0].answered = "answer to client 0 and 1".into();
    assert!(!judged(&other_form).agrees());
    // A client too many, or too few.
    let mut extra = good.clone();
    extra
        .exchanges
        .push(exchange("client 0", "answer to client 0"));
    assert!(disagreements(&judged(&extra)).contains(&"4 exchanges where 3 were due"));
    let mut missing = good.clone();
    missing.exchanges.pop();
    assert!(disagreements(&judged(&missing)).contains(&"2 exchanges where 3 were due"));

    // The set-up: the clients asked one at a time, each after the one before was
    // answered; the transport; a client whose times are missing.
    let mut one_at_a_time = good.clone();
    one_at_a_time.asked_at[2] = one_at_a_time.answered_at[0] + Duration::from_millis(1);
    let finding = judged(&one_at_a_time);
    assert!(!finding.agrees());
    assert_eq!(
        disagreements(&finding),
        [
            "3 of 3 clients asked, 3 were answered, and the last asked after the first \
          answer came back"
        ]
    );
    let mut other_transport = good.clone();
    other_transport.endpoint = "ipc:///tmp/lab/0.ipc".into();
    assert!(judged(&other_transport)
        .to_string()
        .contains("set-up not proven: asked for tcp, the socket's endpoint is ipc://"));
    let mut untimed = good.clone();
    untimed.answered_at.pop();
    assert!(!judged(&untimed).agrees());

    // hello → world over another transport.
    let hello = Hello {
        endpoint: "inproc://lab-0".into(),
        reply: b"world".to_vec(),
    };
    let mut finding = Finding::new();
    rr1::judge_hello(&mut finding, Transport::Inproc, &hello);
    assert!(finding.agrees(), "{finding}");
    let mut finding = Finding::new();
    rr1::judge_hello(&mut finding, Transport::Tcp, &hello);
    assert!(!finding.agrees(), "{finding}");
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
