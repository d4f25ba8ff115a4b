//! RR4 ★ — "服务端和客户端无论谁先启动,效果是相同的,这点不同于 Socket".

use std::time::Duration;

use zmq_workbook::claims::reqrep::rr4::{self, StartOrder, Started};
use zmq_workbook::lab::{Lab, Transport};

on_each_transport! {
    /// RR4 ★ — "服务端和客户端无论谁先启动,效果是相同的": the server binds first.
    fn rr4_either_side_may_start_first_server_first(transport) {
        let started = rr4::exchange_in_order(transport, StartOrder::ServerFirst)?;
        assert_eq!(started.reply, b"world");
        Ok(())
    }
}

on_each_transport! {
    /// RR4 ★ — the client connects, and even queues its request, before anyone has bound
    /// the address; the exchange completes all the same once the server binds.
    fn rr4_either_side_may_start_first_client_first(transport) {
        // ANCHOR: rr4_test
        let started = rr4::exchange_in_order(transport, StartOrder::ClientFirst)?;
        assert!(started.queued_before_bind, "the request waited for no bind");
        if transport != Transport::Inproc {
            assert!(started.refused_before_bind > 0, "nobody refused the client");
        }
        assert_eq!(started.reply, b"world");
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
    let error =
        std::net::TcpStream::connect(address).expect_err("nobody listens there yet");
    assert_eq!(error.kind(), std::io::ErrorKind::ConnectionRefused);
}

#[test]
fn rr4_evidence_tells_a_client_that_did_not_start_first() {
    let started = |queued, refused| Started {
        reply: b"world".to_vec(),
        queued_before_bind: queued,
        refused_before_bind: refused,
        took: Duration::from_millis(100),
    };
    let first = StartOrder::ClientFirst;
    assert!(rr4::judge(Transport::Tcp, first, &started(true, 1)).agrees());
    assert!(rr4::judge(Transport::Inproc, first, &started(true, 0)).agrees());

    let not_queued = rr4::judge(Transport::Tcp, first, &started(false, 1));
    assert!(!not_queued.agrees());
    assert!(not_queued
        .evidence()
        .contains("request refused before the bind"));
    let never_refused = rr4::judge(Transport::Tcp, first, &started(true, 0));
    assert!(!never_refused.agrees(), "{never_refused}");
    assert!(!rr4::judge(Transport::Inproc, first, &started(true, 1)).agrees());
    // How many refusals is a figure, shown once there was more than one.
    let retried = rr4::judge(Transport::Tcp, first, &started(true, 3));
    assert!(retried.to_string().contains("3 refusals"), "{retried}");
    let once = rr4::judge(Transport::Tcp, first, &started(true, 1));
    assert!(!once.to_string().contains("refusals"), "{once}");

    let mut no_reply = started(true, 1);
    no_reply.reply = b"".to_vec();
    let finding = rr4::judge(Transport::Tcp, first, &no_reply);
    assert!(
        !finding.agrees() && finding.evidence().ends_with("hello → "),
        "{finding}"
    );
    let server_first = rr4::judge(Transport::Tcp, StartOrder::ServerFirst, &no_reply);
    assert!(!server_first.agrees());
}

/// RR4 — the "in your own program" lines: the client asks before the server exists and
/// gets its answer once the server is up; with no server at all it gives up at its
/// timeout.
#[test]
fn rr4_in_your_own_program_the_client_may_start_first() {
    crate::harness::watchdog(|| {
        let lab = Lab::new()?;
        let endpoint = lab.endpoint(Transport::Tcp)?;
        let context = lab.context().clone();
        let address = endpoint.clone();
        let asking = std::thread::spawn(move || rr4::ask(&context, &address, 5000));
        let server = lab.socket(zmq::REP)?;
        zmq_workbook::lab::bind_at(&server, &endpoint)?; // the client may be first, or not
        assert_eq!(server.recv_bytes(0)?, b"hello");
        server.send("world", 0)?;
        assert_eq!(
            asking.join().expect("the client thread")?,
            Some(b"world".to_vec())
        );
        let nobody = lab.endpoint(Transport::Tcp)?;
        assert_eq!(rr4::ask(lab.context(), &nobody, 100)?, None);
        Ok(())
    })
}
