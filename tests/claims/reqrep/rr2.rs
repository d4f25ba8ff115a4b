//! RR2 — "请求端和服务端都可以是 1:N 的模型".

use zmq_workbook::claims::reqrep::rr2::{self, Dealt, REQUESTS, SERVERS};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Transport};

on_each_transport! {
    /// RR2 — "请求端和服务端都可以是 1:N": one REQ connected to three REPs does not broadcast
    /// its request; it deals requests out to the servers in turn.
    fn rr2_one_client_deals_requests_round_robin_over_servers(transport) {
        // ANCHOR: rr2_test
        let dealt = rr2::one_client_many_servers(transport, SERVERS, REQUESTS)?;
        assert_eq!(dealt.answered_by, [0, 1, 2, 0, 1, 2, 0, 1, 2]);
        // ANCHOR_END: rr2_test
        assert_eq!(dealt.connected, SERVERS, "the set-up: connected before asking");
        let mut finding = Finding::new();
        rr2::judge_dealing(&mut finding, transport, (SERVERS, REQUESTS), &dealt);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

/// A client of `servers` servers, all connected, whose requests were answered `by` these.
fn dealt(servers: usize, by: &[usize]) -> Dealt {
    Dealt {
        endpoints: (0..servers)
            .map(|i| format!("tcp://127.0.0.1:{}", 10_000 + i))
            .collect(),
        connected: servers,
        answered_by: by.to_vec(),
    }
}

fn judged(servers: usize, requests: usize, dealt: &Dealt) -> Finding {
    let mut finding = Finding::new();
    rr2::judge_dealing(&mut finding, Transport::Tcp, (servers, requests), dealt);
    finding
}

#[test]
fn rr2_evidence_shows_the_order_of_the_servers() {
    let finding = judged(3, 4, &dealt(3, &[0, 1, 2, 0]));
    assert!(finding.agrees());
    assert_eq!(
        finding.evidence(),
        "1 REQ on 3 REPs: 4 requests answered by servers 0, 1, 2, 0"
    );

    let finding = judged(3, 4, &dealt(3, &[0, 0, 0, 0]));
    assert!(!finding.agrees());
    assert!(finding.evidence().contains("servers 0, 0, 0, 0"));

    let finding = judged(3, 4, &dealt(3, &[0, 1, 2]));
    assert!(!finding.agrees(), "a request missing");
}

/// Each part of RR2's evidence wrong alone: the judge does not agree, and says what.
#[test]
fn rr2_evidence_refuses_each_part_wrong_alone() {
    // Every server used, but not in turn.
    for by in [[0, 0, 1, 2], [0, 2, 1, 0], [1, 2, 0, 1]] {
        let finding = judged(3, 4, &dealt(3, &by));
        assert!(!finding.agrees(), "{by:?}: {finding}");
    }
    // Each server its fair share, but in bursts, not in turn.
    let finding = judged(3, 9, &dealt(3, &[0, 0, 0, 1, 1, 1, 2, 2, 2]));
    assert!(!finding.agrees(), "{finding}");
    assert!(
        finding
            .evidence()
            .contains("servers 0, 0, 0, 1, 1, 1, 2, 2, 2"),
        "{finding}"
    );
    // A server the client was not connected to.
    assert!(!judged(3, 4, &dealt(3, &[0, 1, 3, 0])).agrees());
    // A request too many.
    let finding = judged(3, 4, &dealt(3, &[0, 1, 2, 0, 1]));
    assert_eq!(
        finding
            .disagreements()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>(),
        ["5 answered requests where 4 were due"]
    );

    // The set-up: a server not yet connected when the client asked; a server missing;
    // another transport.
    let mut late = dealt(3, &[0, 1, 2, 0]);
    late.connected = 2;
    let finding = judged(3, 4, &late);
    assert!(!finding.agrees());
    assert!(
        finding.to_string().contains(
            "set-up not proven: the client was connected to 2 of 3 servers before its \
             first request, where 3 should be"
        ),
        "{finding}"
    );
    let mut fewer = dealt(3, &[0, 1, 2, 0]);
    fewer.endpoints.pop();
    assert!(!judged(3, 4, &fewer).agrees());
    let mut other = dealt(3, &[0, 1, 2, 0]);
    other.endpoints[1] = "inproc://lab-1".into();
    let finding = judged(3, 4, &other);
    assert!(
        finding
            .to_string()
            .contains("set-up not proven: asked for tcp"),
        "{finding}"
    );
}

/// RR2 — the "in your own program" lines: one client, two servers, requests in turn.
#[test]
fn rr2_in_your_own_program_requests_alternate_between_servers() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let servers = [lab.socket(zmq::REP)?, lab.socket(zmq::REP)?];
        let mut endpoints = Vec::new();
        for server in &servers {
            endpoints.push(lab.bind(server, zmq_workbook::lab::Transport::Inproc)?);
        }
        let addresses: Vec<&str> = endpoints.iter().map(String::as_str).collect();
        let client = rr2::client_of(lab.context(), &addresses)?;
        for round in 0..4 {
            client.send("which?", 0)?;
            let server = &servers[round % 2];
            assert_eq!(
                server.recv_bytes(zmq::DONTWAIT)?,
                b"which?",
                "round {round}"
            );
            server.send("me", 0)?;
            assert_eq!(client.recv_bytes(0)?, b"me");
        }
        Ok(())
    })
}

on_each_transport! {
    /// RR2, beyond the claim — a REQ connected to three servers, one of them down, deals a
    /// request to the one that is down as well (`ZMQ_IMMEDIATE` is off by default): the
    /// request waits there, and the client waits for its answer. The server, once up, gets
    /// that very request.
    fn rr2_a_req_queues_a_request_for_a_server_that_is_down(transport) {
        // ANCHOR: rr2_down_test
        let down = rr2::one_server_down(transport, false)?;
        assert_eq!(down.answered_by, [0], "server 0 answered the first request");
        assert_eq!(down.unanswered, Some(1), "the second went to server 1, down");
        let late = down.late_server_got.as_deref();
        assert_eq!(late, Some(&b"request 1"[..]), "queued for it, until it came up");
        assert!(down.late_answer_came, "and the client had waited for its answer");
        // ANCHOR_END: rr2_down_test
        let finding = rr2::judge_server_down(transport, false, &down);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

on_networked_transports! {
    /// RR2, beyond the claim — with `ZMQ_IMMEDIATE` on, requests go only to completed
    /// connections: the two live servers answer every request, in turn.
    fn rr2_with_immediate_a_req_asks_only_the_live_servers(transport) {
        // ANCHOR: rr2_immediate_test
        let down = rr2::one_server_down(transport, true)?;
        assert_eq!(down.answered_by.len(), REQUESTS, "all answered: {down:?}");
        assert!(down.answered_by.iter().all(|&s| s != rr2::DOWN));
        assert!(down.answered_by.windows(2).all(|pair| pair[0] != pair[1]), "in turn");
        // ANCHOR_END: rr2_immediate_test
        let finding = rr2::judge_server_down(transport, true, &down);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    }
}

/// RR2, beyond the claim — `ZMQ_IMMEDIATE` is for connection-oriented transports: over
/// inproc a REQ with it on still queues a request for a name nobody has bound.
#[test]
fn rr2_immediate_changes_nothing_over_inproc() {
    crate::harness::watchdog(|| {
        let down = rr2::one_server_down(Transport::Inproc, true)?;
        assert!(down.immediate, "the set-up: the option read back");
        assert_eq!(down.unanswered, Some(1), "{down:?}");
        assert_eq!(down.late_server_got.as_deref(), Some(&b"request 1"[..]));
        let finding = rr2::judge_server_down(Transport::Inproc, true, &down);
        assert!(finding.agrees(), "{finding}");
        Ok(())
    })
}

fn server_down(immediate: bool) -> rr2::ServerDown {
    let endpoints = (0..SERVERS)
        .map(|i| format!("tcp://127.0.0.1:{}", 10_000 + i))
        .collect();
    if immediate {
        rr2::ServerDown {
            endpoints,
            immediate,
            connected: 2,
            refused: 1,
            answered_by: vec![0, 2, 0, 2, 0, 2, 0, 2, 0],
            unanswered: None,
            waited: None,
            late_server_got: None,
            late_answer_came: false,
        }
    } else {
        rr2::ServerDown {
            endpoints,
            immediate,
            connected: 2,
            refused: 1,
            answered_by: vec![0],
            unanswered: Some(1),
            waited: Some(std::time::Duration::from_millis(201)),
            late_server_got: Some(b"request 1".to_vec()),
            late_answer_came: true,
        }
    }
}

/// RR2's judge of a server down, shown each part of its evidence wrong alone, either way.
#[test]
fn rr2_evidence_of_a_server_down_refuses_each_part_wrong_alone() {
    type Spoil = fn(&mut rr2::ServerDown);
    for immediate in [false, true] {
        let good = server_down(immediate);
        let finding = rr2::judge_server_down(Transport::Tcp, immediate, &good);
        assert!(finding.agrees(), "{finding}");
    }
    let off: [(&str, Spoil, &str); 8] = [
        (
            "the first request unanswered too",
            |d| {
                d.answered_by.clear();
                d.unanswered = Some(0);
            },
            "requests answered by servers ; request 0 went unanswered",
        ),
        (
            "every request answered",
            |d| {
                d.answered_by = vec![0, 2, 0, 2, 0, 2, 0, 2, 0];
                d.unanswered = None;
                d.waited = None;
            },
            "request none went unanswered",
        ),
        (
            "the client gave up at once",
            |d| d.waited = Some(std::time::Duration::from_millis(3)),
            "but the client did not wait 200 ms",
        ),
        (
            "the client gave up only at the lab's bound",
            |d| d.waited = Some(zmq_workbook::lab::BOUND),
            "but the client did not wait 200 ms",
        ),
        (
            "nothing queued for the server that was down",
            |d| d.late_server_got = None,
            "once up, received nothing",
        ),
        (
            "another request queued for it",
            |d| d.late_server_got = Some(b"request 2".to_vec()),
            "once up, received \"request 2\"",
        ),
        (
            "its answer lost",
            |d| d.late_answer_came = false,
            "its answer did not reach the waiting client",
        ),
        (
            "ZMQ_IMMEDIATE on where off was set",
            |d| d.immediate = true,
            "ZMQ_IMMEDIATE read back true, where false was set",
        ),
    ];
    let on: [(&str, Spoil, &str); 6] = [
        (
            "a request unanswered",
            |d| {
                d.answered_by.truncate(3);
                d.unanswered = Some(3);
            },
            "3 of 9 requests answered, by servers 0, 2, 0",
        ),
        (
            "a request to the server that is down",
            |d| d.answered_by[4] = 1,
            "9 of 9 requests answered, by servers 0, 2, 0, 2, 1, 2, 0, 2, 0",
        ),
        (
            "not in turn",
            |d| d.answered_by = vec![0, 0, 2, 2, 0, 2, 0, 2, 0],
            "by servers 0, 0, 2, 2",
        ),
        (
            "a server not connected before the first request",
            |d| d.connected = 1,
            "the client had 1 live servers connected, where 2 should be",
        ),
        (
            "the one down never tried",
            |d| d.refused = 0,
            "its connects to the one down refused 0 times",
        ),
        (
            "another transport",
            |d| d.endpoints[0] = "ipc:///tmp/lab/0.ipc".into(),
            "asked for tcp, the socket's endpoint is ipc://",
        ),
    ];
    for (immediate, wrong) in [(false, &off[..]), (true, &on[..])] {
        for (what, spoil, text) in wrong {
            let mut spoiled = server_down(immediate);
            spoil(&mut spoiled);
            let finding = rr2::judge_server_down(Transport::Tcp, immediate, &spoiled);
            crate::pipeline::refuses(&finding, what, text);
        }
    }
}

/// RR2 — the "in your own program" lines of a client of the live servers: one server of
/// two down, every request answered by the other.
#[test]
fn rr2_in_your_own_program_a_client_of_live_servers_passes_over_one_that_is_down() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let live = lab.socket(zmq::REP)?;
        let live_at = lab.bind(&live, Transport::Tcp)?;
        let down_at = lab.endpoint(Transport::Tcp)?; // nobody binds it
        let client =
            rr2::client_of_live_servers(lab.context(), &[&down_at, &live_at], 1000)?;
        client.set_linger(0)?;
        // Ready to send once a connection is complete (the live server's): no earlier.
        let ready = client.poll(zmq::POLLOUT, lab::millis(lab::BOUND).into())?;
        assert_eq!(ready, 1, "the live server never connected");
        for round in 0..4 {
            client.send("which?", zmq::DONTWAIT)?;
            assert_eq!(
                lab::recv_n(&live, 1)?,
                [b"which?".to_vec()],
                "round {round}"
            );
            live.send("the live one", 0)?;
            assert_eq!(client.recv_bytes(0)?, b"the live one");
        }
        // A server can die holding a request: the client's wait for an answer has its own
        // bound (read back; RR5 shows a receive timeout ending a wait).
        assert_eq!(client.get_rcvtimeo()?, 1000);
        Ok(())
    })
}
