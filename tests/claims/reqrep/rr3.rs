//! RR3 — "把 1:N 扩展为N:M (只需要加入若干路由节点)".

use zmq_workbook::claims::reqrep::rr3::{
    self, Arrival, Brokered, CLIENTS, ROUNDS, WORKERS,
};
use zmq_workbook::claims::reqrep::Exchange;

use crate::harness::watchdog;

/// RR3 — "把 1:N 扩展为N:M (只需要加入若干路由节点)": four clients and two workers meet
/// only at a ROUTER/DEALER proxy; every reply still reaches the client that asked.
#[test]
fn rr3_broker_returns_every_reply_to_its_asker() {
    watchdog(|| {
        // ANCHOR: rr3_test
        let brokered = rr3::broker(CLIENTS, WORKERS, ROUNDS, Arrival::AllFirst)?;
        assert_eq!(brokered.exchanges.len(), CLIENTS * ROUNDS);
        for exchange in &brokered.exchanges {
            let own = format!("answer to {}", exchange.asked);
            assert!(exchange.answered.ends_with(&own), "{exchange:?}");
        }
        // The DEALER deals requests to the workers in turn: both take half the load.
        assert_eq!(brokered.served_per_worker, [6, 6]);
        // ANCHOR_END: rr3_test
        Ok(())
    })
}

/// RR3 — why the broker waits for the workers: a DEALER deals only to the workers it
/// knows. A worker that connects after the first round was dealt gets none of that round.
#[test]
fn rr3_a_worker_that_arrives_late_misses_what_was_dealt_before() {
    watchdog(|| {
        // ANCHOR: rr3_late_test
        let brokered =
            rr3::broker(CLIENTS, WORKERS, ROUNDS, Arrival::LastAfterFirstRound)?;
        // Round 0 (4 requests) all to worker 0; rounds 1 and 2 shared in turn.
        assert_eq!(brokered.served_per_worker, [8, 4]);
        // ANCHOR_END: rr3_late_test
        Ok(())
    })
}

#[test]
fn rr3_evidence_shows_replies_and_shares() {
    let exchanges: Vec<Exchange> = (0..4)
        .map(|c| Exchange {
            asked: format!("client {c} round 0"),
            answered: format!("worker 0: answer to client {c} round 0"),
        })
        .collect();
    let good = Brokered {
        exchanges: exchanges.clone(),
        served_per_worker: vec![2, 2],
    };
    assert!(rr3::judge((4, 2, 1), Arrival::AllFirst, &good).agrees());

    let uneven = Brokered {
        exchanges: exchanges.clone(),
        served_per_worker: vec![4, 0],
    };
    let finding = rr3::judge((4, 2, 1), Arrival::AllFirst, &uneven);
    assert!(!finding.agrees());
    assert!(
        finding.evidence().contains("requests per worker: 4, 0"),
        "{finding}"
    );
    assert!(rr3::judge((4, 2, 1), Arrival::LastAfterFirstRound, &uneven).agrees());

    let mut stray = exchanges;
    stray[1].answered = "worker 0: answer to client 2 round 0".into();
    let finding = rr3::judge(
        (4, 2, 1),
        Arrival::AllFirst,
        &Brokered {
            exchanges: stray,
            served_per_worker: vec![2, 2],
        },
    );
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("3 of 4 replies reached their asker"),
        "{finding}"
    );
    assert_eq!(rr3::dealt(4, 2, 3, Arrival::LastAfterFirstRound), [8, 4]);
}

/// RR3 — a worker that comes late joins the DEALER's turn where it stands: five requests
/// to two workers leave the turn at the second, so of the next five the newcomer gets two
/// and the first worker only one. The broker measures it; `dealt` predicts it.
#[test]
fn rr3_a_late_worker_joins_the_turn_where_it_stands() {
    watchdog(|| {
        let expected = [4, 4, 2];
        assert_eq!(rr3::dealt(5, 3, 2, Arrival::LastAfterFirstRound), expected);
        let brokered = rr3::broker(5, 3, 2, Arrival::LastAfterFirstRound)?;
        assert_eq!(brokered.served_per_worker, expected);
        Ok(())
    })
}

/// RR3 — the "in your own program" lines: a broker started on its own thread carries a
/// request and its reply, and stops when told.
#[test]
fn rr3_in_your_own_program_the_broker_carries_and_stops() {
    watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let [clients, workers, control] =
            [0, 1, 2].map(|_| lab.endpoint(zmq_workbook::lab::Transport::Inproc));
        let (clients, workers, control) = (clients?, workers?, control?);
        let stop = lab.socket(zmq::PAIR)?;
        stop.bind(&control)?;
        let context = lab.context().clone();
        let (c, w) = (clients.clone(), workers.clone());
        let broker =
            std::thread::spawn(move || rr3::run_broker(&context, &c, &w, &control));
        let worker = lab.socket(zmq::REP)?;
        worker.connect(&workers)?;
        let client = lab.socket(zmq::REQ)?;
        client.connect(&clients)?;
        client.send("hello", 0)?;
        assert_eq!(worker.recv_bytes(0)?, b"hello");
        worker.send("world", 0)?;
        assert_eq!(client.recv_bytes(0)?, b"world");
        stop.send("TERMINATE", 0)?;
        broker.join().expect("the broker thread")?;
        Ok(())
    })
}
