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
        // The set-up: both workers known to the DEALER before the proxy started.
        assert_eq!(brokered.known, [WORKERS; ROUNDS], "{brokered:?}");
        let finding =
            rr3::judge((CLIENTS, WORKERS, ROUNDS), Arrival::AllFirst, &brokered);
        assert!(finding.agrees(), "{finding}");
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
        // The set-up: one worker known when the proxy started, both from round 1.
        assert_eq!(brokered.known, [1, 2, 2], "{brokered:?}");
        let late = Arrival::LastAfterFirstRound;
        let finding = rr3::judge((CLIENTS, WORKERS, ROUNDS), late, &brokered);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    })
}

/// A broker run of four clients, one round, two workers, as RR3's verdict says.
fn brokered(served_per_worker: Vec<usize>) -> Brokered {
    Brokered {
        exchanges: (0..4)
            .map(|c| Exchange {
                asked: format!("client {c} round 0"),
                answered: format!("worker 0: answer to client {c} round 0"),
            })
            .collect(),
        served_per_worker,
        front: "tcp://127.0.0.1:10000".into(),
        back: "tcp://127.0.0.1:10001".into(),
        known: vec![2],
    }
}

#[test]
fn rr3_evidence_shows_replies_and_shares() {
    let good = brokered(vec![2, 2]);
    assert!(rr3::judge((4, 2, 1), Arrival::AllFirst, &good).agrees());

    let uneven = brokered(vec![4, 0]);
    let finding = rr3::judge((4, 2, 1), Arrival::AllFirst, &uneven);
    assert!(!finding.agrees());
    assert!(
        finding.evidence().contains("requests per worker: 4, 0"),
        "{finding}"
    );
    let mut late = uneven.clone();
    late.known = vec![1];
    assert!(rr3::judge((4, 2, 1), Arrival::LastAfterFirstRound, &late).agrees());

    let mut stray = good.clone();
    stray.exchanges[1].answered = "worker 0: answer to client 2 round 0".into();
    let finding = rr3::judge((4, 2, 1), Arrival::AllFirst, &stray);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("3 of 4 replies reached their asker"),
        "{finding}"
    );
    assert_eq!(rr3::dealt(4, 2, 3, Arrival::LastAfterFirstRound), [8, 4]);
}

/// Each part of RR3's evidence wrong alone: the judge does not agree, and says what.
#[test]
fn rr3_evidence_refuses_each_part_wrong_alone() {
    let all_first = |b: &Brokered| rr3::judge((4, 2, 1), Arrival::AllFirst, b);
    assert!(all_first(&brokered(vec![2, 2])).agrees());
    // Every worker served, but not in turn; a worker the DEALER did not have.
    assert!(!all_first(&brokered(vec![3, 1])).agrees());
    assert!(!all_first(&brokered(vec![2, 2, 0])).agrees());
    assert!(!all_first(&brokered(vec![2])).agrees());
    // A reply too many, or one missing.
    let mut extra = brokered(vec![2, 2]);
    extra.exchanges.push(extra.exchanges[0].clone());
    let finding = all_first(&extra);
    assert_eq!(
        finding
            .disagreements()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>(),
        ["5 exchanges where 4 were due"]
    );
    let mut missing = brokered(vec![2, 2]);
    missing.exchanges.pop();
    assert!(!all_first(&missing).agrees());

    // The set-up: a worker the DEALER did not know yet when the proxy started; the late
    // worker there from the start; another transport.
    let mut unknown = brokered(vec![2, 2]);
    unknown.known = vec![1];
    let finding = all_first(&unknown);
    assert!(
        !finding.agrees()
            && finding.to_string().contains(
                "set-up not proven: workers the DEALER knew when the proxy started, \
                 then before each later round: 1, where 2 are due"
            ),
        "{finding}"
    );
    let mut early = brokered(vec![4, 0]);
    early.known = vec![2];
    assert!(!rr3::judge((4, 2, 1), Arrival::LastAfterFirstRound, &early).agrees());
    let mut rounds = brokered(vec![2, 2]);
    rounds.known = vec![2, 2];
    assert!(!all_first(&rounds).agrees(), "a round too many");
    let mut ipc = brokered(vec![2, 2]);
    ipc.back = "ipc:///tmp/lab/0.ipc".into();
    assert!(!all_first(&ipc).agrees());
    assert_eq!(
        rr3::known_before_rounds(3, 3, Arrival::LastAfterFirstRound),
        [2, 3, 3]
    );
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
        assert_eq!(brokered.known, [2, 3], "the set-up: who the DEALER knew");
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
