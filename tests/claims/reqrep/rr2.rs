//! RR2 — "请求端和服务端都可以是 1:N 的模型".

use zmq_workbook::claims::reqrep::rr2::{self, REQUESTS, SERVERS};
use zmq_workbook::claims::Finding;

on_each_transport! {
    /// RR2 — "请求端和服务端都可以是 1:N": one REQ connected to three REPs does not broadcast
    /// its request; it deals requests out to the servers in turn.
    fn rr2_one_client_deals_requests_round_robin_over_servers(transport) {
        // ANCHOR: rr2_test
        let answered_by = rr2::one_client_many_servers(transport, SERVERS, REQUESTS)?;
        assert_eq!(answered_by, [0, 1, 2, 0, 1, 2, 0, 1, 2]);
        // ANCHOR_END: rr2_test
        Ok(())
    }
}

#[test]
fn rr2_evidence_shows_the_order_of_the_servers() {
    let mut finding = Finding::new();
    rr2::judge_dealing(&mut finding, 3, 4, &[0, 1, 2, 0]);
    assert!(finding.agrees());
    assert_eq!(
        finding.evidence(),
        "1 REQ on 3 REPs: 4 requests answered by servers 0, 1, 2, 0"
    );

    let mut finding = Finding::new();
    rr2::judge_dealing(&mut finding, 3, 4, &[0, 0, 0, 0]);
    assert!(!finding.agrees());
    assert!(finding.evidence().contains("servers 0, 0, 0, 0"));

    let mut finding = Finding::new();
    rr2::judge_dealing(&mut finding, 3, 4, &[0, 1, 2]);
    assert!(!finding.agrees(), "a request missing");
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
