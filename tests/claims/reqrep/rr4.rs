//! RR4 ★ — "服务端和客户端无论谁先启动,效果是相同的,这点不同于 Socket".

use std::time::Duration;

use zmq_workbook::claims::reqrep::rr4::{self, StartOrder, Started};
use zmq_workbook::lab::{self, Lab, Transport};

on_each_transport! {
    /// RR4 ★ — "服务端和客户端无论谁先启动,效果是相同的": the server binds first.
    fn rr4_either_side_may_start_first_server_first(transport) {
        let started = rr4::exchange_in_order(transport, StartOrder::ServerFirst)?;
        assert_eq!(started.reply, b"world");
        assert_eq!(lab::transport_of(&started.endpoint), Some(transport));
        let finding = rr4::judge(transport, StartOrder::ServerFirst, &started);
        assert!(finding.agrees(), "{finding}");
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
        // The set-up: the transport asked for, and the refusals seen by the monitor
        // before the bind, not only counted.
        assert_eq!(lab::transport_of(&started.endpoint), Some(transport));
        let refused = started
            .before_bind
            .iter()
            .filter(|&&e| e == zmq::SocketEvent::CONNECT_RETRIED)
            .count();
        assert!(
            refused >= started.refused_before_bind,
            "{refused} refusals seen before the bind: {started:?}"
        );
        let finding = rr4::judge(transport, StartOrder::ClientFirst, &started);
        assert!(finding.agrees(), "{finding}");
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

/// A run on tcp (ipc, inproc if asked) whose client queued its request before the bind and
/// was refused `refused` times, each seen by its monitor.
fn started_on(transport: Transport, queued: bool, refused: usize) -> Started {
    let mut before_bind = vec![zmq::SocketEvent::CONNECT_DELAYED];
    before_bind.extend(vec![zmq::SocketEvent::CONNECT_RETRIED; refused]);
    Started {
        reply: b"world".to_vec(),
        queued_before_bind: queued,
        refused_before_bind: refused,
        before_bind,
        endpoint: match transport {
            Transport::Tcp => "tcp://127.0.0.1:10000".into(),
            Transport::Ipc => "ipc:///tmp/lab/0.ipc".into(),
            Transport::Inproc => "inproc://lab-0".into(),
        },
        took: Duration::from_millis(100),
    }
}

#[test]
fn rr4_evidence_tells_a_client_that_did_not_start_first() {
    let started = |queued, refused| started_on(Transport::Tcp, queued, refused);
    let on_inproc = |queued, refused| started_on(Transport::Inproc, queued, refused);
    let first = StartOrder::ClientFirst;
    assert!(rr4::judge(Transport::Tcp, first, &started(true, 1)).agrees());
    assert!(rr4::judge(Transport::Inproc, first, &on_inproc(true, 0)).agrees());

    let not_queued = rr4::judge(Transport::Tcp, first, &started(false, 1));
    assert!(!not_queued.agrees());
    assert!(not_queued
        .evidence()
        .contains("request refused before the bind"));
    let never_refused = rr4::judge(Transport::Tcp, first, &started(true, 0));
    assert!(!never_refused.agrees(), "{never_refused}");
    assert!(!rr4::judge(Transport::Inproc, first, &on_inproc(true, 1)).agrees());
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

/// A run that cannot prove its set-up proves nothing: each part alone.
#[test]
fn rr4_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let first = StartOrder::ClientFirst;
    let good = started_on(Transport::Tcp, true, 1);
    assert!(rr4::judge(Transport::Tcp, first, &good).agrees());

    // A refusal counted, but not among what the monitor reported before the bind: the
    // bind may have come before the client's first attempt.
    let mut typed = good.clone();
    typed
        .before_bind
        .retain(|&e| e != zmq::SocketEvent::CONNECT_RETRIED);
    let finding = rr4::judge(Transport::Tcp, first, &typed);
    assert!(!finding.agrees());
    assert!(
        finding.to_string().contains(
            "set-up not proven: the client's monitor had reported [CONNECT_DELAYED] when \
             the server bound, 0 of them refused attempts, where the evidence says 1"
        ),
        "{finding}"
    );
    // More refusals counted than the monitor had reported.
    let mut more = good.clone();
    more.refused_before_bind = 2;
    assert!(!rr4::judge(Transport::Tcp, first, &more).agrees());
    // A refusal seen over inproc, which waits for the bind instead.
    let mut inproc = started_on(Transport::Inproc, true, 0);
    inproc.before_bind.push(zmq::SocketEvent::CONNECT_RETRIED);
    assert!(!rr4::judge(Transport::Inproc, first, &inproc).agrees());
    // The server's endpoint on another transport than asked, either order.
    for order in [StartOrder::ServerFirst, StartOrder::ClientFirst] {
        let finding = rr4::judge(Transport::Ipc, order, &good);
        assert!(!finding.agrees(), "{order:?}: {finding}");
        assert!(
            finding.to_string().contains(
                "set-up not proven: asked for ipc, the socket's endpoint is tcp://"
            ),
            "{finding}"
        );
    }
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
