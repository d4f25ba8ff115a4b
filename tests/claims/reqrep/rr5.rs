//! RR5 — "在服务端收到信息以前,程序是阻塞的,会一直等待客户端连接上来".

use std::time::{Duration, Instant};

use zmq_workbook::claims::reqrep::rr5::{
    self, Blocked, Client, Measured, Wait, Waited, TIMEOUT,
};
use zmq_workbook::claims::Clocked;
use zmq_workbook::lab::{self, Transport};

/// What is wrong with a spoiled run, and how a good run is spoiled so.
type Spoil = (&'static str, fn(&mut Measured));

on_each_transport! {
    /// RR5 — "在服务端收到信息以前,程序是阻塞的": with a receive timeout, a server with no client, or
    /// with a connected client that says nothing, waits the full timeout (and no longer)
    /// and gets EAGAIN; the control, a client that asks, is answered before it.
    fn rr5_server_waits_for_a_request_not_a_connection(transport) {
        // ANCHOR: rr5_test
        let alone = rr5::server_waits(transport, Client::Nobody, TIMEOUT)?;
        assert_eq!(alone.outcome, Wait::TimedOut);
        assert!(lab::gave_up_at(alone.took, TIMEOUT), "gave up after {:?}", alone.took);

        let silent = rr5::server_waits(transport, Client::Silent, TIMEOUT)?;
        assert_eq!(silent.ready.peers, 1, "the set-up: connected before the wait");
        assert_eq!(silent.outcome, Wait::TimedOut, "a connection alone must not wake it");
        assert!(lab::gave_up_at(silent.took, TIMEOUT), "gave up after {:?}", silent.took);

        let asked = rr5::server_waits(transport, Client::Asks, TIMEOUT)?;
        // Returned, not EAGAIN: the request woke it before the timeout ran out.
        assert_eq!(asked.outcome, Wait::Request(b"hello".to_vec()));
        // ANCHOR_END: rr5_test
        for waited in [&alone, &silent, &asked] {
            assert_eq!(lab::transport_of(&waited.ready.endpoint), Some(transport));
            assert_eq!(waited.rcvtimeo, lab::millis(TIMEOUT));
            assert_eq!(waited.took, waited.clock.span(), "measured: {waited:?}");
        }
        assert_eq!(alone.ready.peers, 0);
        assert_eq!(asked.ready.peers, 1);
        Ok(())
    }
}

on_each_transport! {
    /// RR5 — without a timeout, `recv` really blocks: it is still waiting after a window
    /// in which nothing was sent, and returns as soon as a request comes.
    fn rr5_without_a_timeout_recv_blocks_until_a_request(transport) {
        // ANCHOR: rr5_blocks_test
        let blocked = rr5::blocks_until_a_request(transport)?;
        assert!(!blocked.returned_in_silence, "recv returned with no request");
        assert_eq!(blocked.then.as_deref(), Some(&b"hello"[..]));
        // ANCHOR_END: rr5_blocks_test
        assert_eq!(blocked.rcvtimeo, -1, "the set-up: no timeout");
        assert_eq!(blocked.ready.peers, 1, "the set-up: connected before the silence");
        assert_eq!(lab::transport_of(&blocked.ready.endpoint), Some(transport));
        assert!(
            blocked.silence + lab::CLOCK_SLACK >= lab::SILENCE,
            "the silence lasted {:?}",
            blocked.silence
        );
        Ok(())
    }
}

fn waited(outcome: Wait, took: Duration, peers: usize) -> Waited {
    let began = Instant::now();
    Waited {
        outcome,
        took,
        clock: Clocked {
            began,
            returned: began + took,
        },
        ready: lab::Ready {
            endpoint: "tcp://127.0.0.1:10000".into(),
            peers,
        },
        rcvtimeo: lab::millis(TIMEOUT),
    }
}

fn measured(nobody: Duration, asks: Duration, blocked: bool) -> Measured {
    Measured {
        transport: Transport::Tcp,
        nobody: waited(Wait::TimedOut, nobody, 0),
        silent: waited(Wait::TimedOut, TIMEOUT, 1),
        asks: waited(Wait::Request(b"hello".to_vec()), asks, 1),
        without_timeout: Blocked {
            returned_in_silence: !blocked,
            silence: lab::SILENCE,
            then: Some(b"hello".to_vec()),
            rcvtimeo: -1,
            ready: lab::Ready {
                endpoint: "tcp://127.0.0.1:10001".into(),
                peers: 1,
            },
        },
    }
}

/// A run whose set-up is not what the evidence says proves nothing: each part alone.
#[test]
fn rr5_evidence_refuses_a_run_that_cannot_prove_its_set_up() {
    let ms = Duration::from_millis;
    let good = measured(ms(201), ms(1), true);
    assert!(
        rr5::judge(TIMEOUT, &good).agrees(),
        "{}",
        rr5::judge(TIMEOUT, &good)
    );
    let wrong: [Spoil; 9] = [
        ("another transport", |m| {
            m.silent.ready.endpoint = "ipc:///tmp/x.ipc".into()
        }),
        ("the silent client not connected", |m| {
            m.silent.ready.peers = 0
        }),
        ("a client there when nobody should be", |m| {
            m.nobody.ready.peers = 1
        }),
        ("another receive timeout", |m| m.nobody.rcvtimeo = 1000),
        ("a timeout where none should be", |m| {
            m.without_timeout.rcvtimeo = 1000
        }),
        ("a silence cut short", |m| {
            m.without_timeout.silence = Duration::from_millis(1)
        }),
        ("a wait read from the timeout, not measured", |m| {
            m.silent.clock.returned += Duration::from_millis(3)
        }),
        ("no client connected before the silence", |m| {
            m.without_timeout.ready.peers = 0
        }),
        ("the silence listened to on another transport", |m| {
            m.without_timeout.ready.endpoint = "inproc://lab-0".into()
        }),
    ];
    for (what, spoil) in wrong {
        let mut spoiled = good.clone();
        spoil(&mut spoiled);
        let finding = rr5::judge(TIMEOUT, &spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}

#[test]
fn rr5_evidence_bounds_the_timeout_on_both_sides() {
    let ms = Duration::from_millis;
    assert!(rr5::judge(TIMEOUT, &measured(ms(201), ms(1), true)).agrees());

    let early = rr5::judge(TIMEOUT, &measured(ms(20), ms(1), true));
    assert!(!early.agrees());
    assert!(
        early
            .evidence()
            .contains("EAGAIN before the 200 ms timeout ran out"),
        "{early}"
    );
    let late = rr5::judge(TIMEOUT, &measured(ms(5000), ms(1), true));
    assert!(
        late.evidence()
            .contains("EAGAIN long after the 200 ms timeout")
            && !late.agrees()
    );
    // A request that came late (a loaded machine) still came before recv gave up.
    let slow_answer = rr5::judge(TIMEOUT, &measured(ms(201), ms(250), true));
    assert!(slow_answer.agrees() && slow_answer.to_string().contains("request 250.0 ms"));
    let mut unanswered = measured(ms(201), ms(1), true);
    unanswered.asks = waited(Wait::TimedOut, TIMEOUT, 1);
    let finding = rr5::judge(TIMEOUT, &unanswered);
    assert!(!finding.agrees() && finding.evidence().contains("the request never came"));
    let no_block = rr5::judge(TIMEOUT, &measured(ms(201), ms(1), false));
    assert!(!no_block.agrees() && no_block.evidence().contains("recv returned during"));
    // Still waiting after the silence is half of blocking: the request must then wake
    // it, with its own bytes (the positive control of the silence).
    for (what, then) in [
        ("never woken", None),
        ("woken by other bytes", Some(b"hellx".to_vec())),
    ] {
        let mut unwoken = measured(ms(201), ms(1), true);
        unwoken.without_timeout.then = then;
        let finding = rr5::judge(TIMEOUT, &unwoken);
        assert!(!finding.agrees(), "{what}: {finding}");
    }

    let mut woken = measured(ms(201), ms(1), true);
    woken.silent = waited(Wait::Request(b"?".to_vec()), ms(3), 1);
    let finding = rr5::judge(TIMEOUT, &woken);
    assert!(!finding.agrees());
    assert!(finding
        .evidence()
        .contains("silent client: recv → returned \"?\" (1 B)"));
}

/// RR5 — the "in your own program" lines: the server serves what comes, and returns once
/// nobody asks for its idle time, though a client is still connected.
#[test]
fn rr5_in_your_own_program_the_server_stops_when_idle() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        let endpoint = lab.bind(&server, zmq_workbook::lab::Transport::Inproc)?;
        let client = lab.socket(zmq::REQ)?;
        client.connect(&endpoint)?;
        client.send("one", 0)?;
        let started = std::time::Instant::now();
        assert_eq!(rr5::serve_until_idle(&server, 200)?, 1);
        assert!(lab::gave_up_at(
            started.elapsed(),
            Duration::from_millis(200)
        ));
        assert_eq!(client.recv_bytes(0)?, b"one");
        Ok(())
    })
}
