//! Request–Reply (RR1–RR7). Each test quotes the article above the property it checks.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use zmq_workbook::claims::reqrep::{self, Mistake, StartOrder, Wait};
use zmq_workbook::lab::{self, Lab, Transport, SILENCE};

use crate::harness::watchdog;

on_each_transport! {
    /// RR1 — "req端请求的消息,rep端必须答复给req端": REP answers the REQ that asked.
    fn rr1_hello_gets_world(transport) {
        // ANCHOR: rr1_test
        assert_eq!(reqrep::hello_world(transport)?, b"world");
        // ANCHOR_END: rr1_test
        Ok(())
    }
}

on_each_transport! {
    /// RR1, RR2 — several REQ clients on one REP: every client gets the answer to *its* request.
    fn rr1_each_client_gets_the_answer_to_its_own_request(transport) {
        // ANCHOR: rr1_many_test
        let exchanges = reqrep::many_clients_one_server(transport, 10)?;
        assert_eq!(exchanges.len(), 10);
        for exchange in &exchanges {
            assert_eq!(exchange.answered, format!("answer to {}", exchange.asked));
        }
        // ANCHOR_END: rr1_many_test
        Ok(())
    }
}

on_each_transport! {
    /// RR2 — "请求端和服务端都可以是 1:N": one REQ connected to three REPs does not broadcast
    /// its request; it deals requests out to the servers in turn.
    fn rr2_one_client_deals_requests_round_robin_over_servers(transport) {
        // ANCHOR: rr2_test
        let answered_by = reqrep::one_client_many_servers(transport, 3, 9)?;
        assert_eq!(answered_by, [0, 1, 2, 0, 1, 2, 0, 1, 2]);
        // ANCHOR_END: rr2_test
        Ok(())
    }
}

/// RR3 — "把 1:N 扩展为N:M (只需要加入若干路由节点)": four clients and two workers meet
/// only at a ROUTER/DEALER proxy; every reply still reaches the client that asked.
#[test]
fn rr3_broker_returns_every_reply_to_its_asker() {
    watchdog(|| {
        // ANCHOR: rr3_test
        let brokered = reqrep::broker(4, 2, 3)?;
        assert_eq!(brokered.exchanges.len(), 12);
        for exchange in &brokered.exchanges {
            assert!(
                exchange
                    .answered
                    .ends_with(&format!("answers {}", exchange.asked)),
                "{exchange:?}"
            );
        }
        // The DEALER deals requests to the workers in turn: both take half the load.
        assert_eq!(brokered.served_per_worker, [6, 6]);
        // ANCHOR_END: rr3_test
        Ok(())
    })
}

on_each_transport! {
    /// RR4 ★ — "服务端和客户端无论谁先启动,效果是相同的": the server binds first.
    fn rr4_either_side_may_start_first_server_first(transport) {
        let (reply, _) = reqrep::exchange_in_order(transport, StartOrder::ServerFirst)?;
        assert_eq!(reply, b"world");
        Ok(())
    }
}

on_each_transport! {
    /// RR4 ★ — the client connects, and even sends its request, before anyone has bound the
    /// address; the exchange completes all the same once the server binds.
    fn rr4_either_side_may_start_first_client_first(transport) {
        // ANCHOR: rr4_test
        let (reply, _) = reqrep::exchange_in_order(transport, StartOrder::ClientFirst)?;
        assert_eq!(reply, b"world");
        // ANCHOR_END: rr4_test
        Ok(())
    }
}

/// RR4 — the contrast the article draws: a plain TCP client that starts first is refused.
#[test]
fn rr4_a_plain_socket_client_cannot_start_first() {
    let lab = Lab::new().unwrap();
    let endpoint = lab.endpoint(Transport::Tcp).unwrap();
    let address = endpoint.trim_start_matches("tcp://");
    let error = std::net::TcpStream::connect(address).expect_err("nobody listens there yet");
    assert_eq!(error.kind(), std::io::ErrorKind::ConnectionRefused);
}

on_each_transport! {
    /// RR5 — "在服务端收到信息以前,程序是阻塞的": with a receive timeout, a server with no
    /// client, or with a connected client that says nothing, waits the full timeout and gets
    /// EAGAIN; the control, a client that asks, is answered at once.
    fn rr5_server_waits_for_a_request_not_a_connection(transport) {
        // ANCHOR: rr5_test
        let timeout = Duration::from_millis(200);
        let (alone, waited) = reqrep::server_waits(transport, None, timeout)?;
        assert_eq!(alone, Wait::TimedOut);
        assert!(lab::waited_out(waited, timeout), "gave up after {waited:?}");

        let (silent, _) = reqrep::server_waits(transport, Some(false), timeout)?;
        assert_eq!(silent, Wait::TimedOut, "a connection alone must not wake the server");

        let (asked, _) = reqrep::server_waits(transport, Some(true), timeout)?;
        assert_eq!(asked, Wait::Request(b"hello".to_vec()));
        // ANCHOR_END: rr5_test
        Ok(())
    }
}

/// RR5 — without a timeout, `recv` really blocks: it is still waiting after a window in
/// which nothing was sent, and returns as soon as a request comes.
#[test]
fn rr5_without_a_timeout_recv_blocks_until_a_request() {
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        server.set_rcvtimeo(-1)?; // the default: wait for ever
        let endpoint = lab.bind(&server, Transport::Inproc)?;
        let client = lab.socket(zmq::REQ)?;
        client.connect(&endpoint)?;

        let (returned, received) = mpsc::channel();
        let waiting = thread::spawn(move || returned.send(server.recv_bytes(0)));
        assert!(
            received.recv_timeout(SILENCE).is_err(),
            "recv returned with no request"
        );
        client.send("hello", 0)?;
        let request = received.recv_timeout(lab::BOUND)?;
        assert_eq!(request?, b"hello");
        waiting.join().unwrap()?;
        Ok(())
    })
}

fn assert_efsm_and_recovery(mistake: Mistake) {
    watchdog(move || {
        for transport in Transport::ALL {
            // ANCHOR: rr6_test
            let outcome = reqrep::out_of_order(transport, mistake)?;
            assert_eq!(
                outcome.error,
                Some(zmq::Error::EFSM),
                "{mistake:?} on {transport}"
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

/// RR6 ★ — "如果 Server 先 send … 是会报错的": REP sending before it has received fails with EFSM.
#[test]
fn rr6_server_sending_first_fails_with_efsm() {
    assert_efsm_and_recovery(Mistake::ServerSendsFirst);
}

/// RR6 ★ — and one answer per question: a REP that receives twice gets EFSM.
#[test]
fn rr6_server_receiving_twice_fails_with_efsm() {
    assert_efsm_and_recovery(Mistake::ServerReceivesTwice);
}

on_each_transport! {
    /// RR7 — "他除了知道 Bytes 的大小,他并不关心的消息格式": any bytes, any size, arrive exactly.
    fn rr7_any_bytes_arrive_exactly(transport) {
        // ANCHOR: rr7_test
        for (name, payload) in reqrep::payloads() {
            let (seen_by_server, reply) = reqrep::echo(transport, std::slice::from_ref(&payload))?;
            assert!(seen_by_server == [payload.clone()], "{name}: the request changed on the way");
            assert!(reply == [payload], "{name}: the reply changed on the way");
        }
        // ANCHOR_END: rr7_test
        Ok(())
    }
}

on_each_transport! {
    /// RR7 — a multipart message arrives as the same frames, empty ones included.
    fn rr7_multipart_frames_are_kept(transport) {
        let frames = vec![b"header".to_vec(), Vec::new(), reqrep::noise(1000)];
        let (seen_by_server, reply) = reqrep::echo(transport, &frames)?;
        assert_eq!(seen_by_server, frames);
        assert_eq!(reply, frames);
        Ok(())
    }
}

on_each_transport! {
    /// RR7 — the unit is the message: 100 quick sends arrive as 100 messages of the sizes sent,
    /// never merged or split as bytes on a TCP stream would be.
    fn rr7_message_boundaries_are_kept(transport) {
        // ANCHOR: rr7_boundaries_test
        let sizes = reqrep::boundaries(transport, 100)?;
        assert_eq!(sizes, (0..100).collect::<Vec<_>>());
        // ANCHOR_END: rr7_boundaries_test
        Ok(())
    }
}
