//! RR2 — "请求端和服务端都可以是 1:N 的模型".

use zmq_workbook::claims::reqrep::rr2::{self, Dealt, REQUESTS, SERVERS};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::Transport;

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
