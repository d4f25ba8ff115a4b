//! Where zmq.rs and libzmq differ: one minimal test per difference, both implementations
//! side by side, named `zmqrs_<claim>_<property>`. Each asserts what libzmq does and what
//! zmq.rs does instead, so that either changing fails it.

use std::time::Duration;

use anyhow::Result;
use zmq_implementations::end::{run, End, Implementation, Kind, Pairing};
use zmq_workbook::lab::{self, Lab, Transport};

use Implementation::{Libzmq, Zmqrs};

/// How long a call is given before it counts as one that waits.
const PATIENCE: Duration = Duration::from_millis(500);

/// A connected REQ/REP pair over `transport`, both made by `implementation`.
async fn pair(
    lab: &Lab,
    implementation: Implementation,
    transport: Transport,
) -> Result<(End, End)> {
    let mut server = End::new(lab, implementation, Kind::Rep)?;
    let endpoint = server.bind(lab, transport).await?;
    let mut client = End::new(lab, implementation, Kind::Req)?;
    client.connect(&endpoint).await?;
    Ok((server, client))
}

/// What a REP's second recv, with no reply sent between, does: `Err(name)` if refused,
/// `Ok(None)` if still waiting after [`PATIENCE`], `Ok(Some(_))` if it got a message.
async fn second_recv(
    implementation: Implementation,
) -> Result<Result<Option<Vec<Vec<u8>>>, String>> {
    let lab = Lab::new()?;
    let (mut server, mut client) = pair(&lab, implementation, Transport::Tcp).await?;
    client.send_one("hello").await?;
    assert_eq!(server.recv().await?, [b"hello"]);
    Ok(match server.recv_within(PATIENCE).await {
        Ok(got) => Ok(got),
        Err(e) => Err(match e.downcast_ref::<zmq::Error>() {
            Some(&e) => lab::error_name(e).to_string(),
            None => e.to_string(),
        }),
    })
}

/// RR6: libzmq refuses a REP's second recv before its reply (EFSM, at once); zmq.rs
/// accepts the call, which waits for another request.
#[test]
fn zmqrs_rr6_rep_receives_twice() -> Result<()> {
    let libzmq = run(second_recv(Libzmq))?;
    let zmqrs = run(second_recv(Zmqrs))?;
    assert_eq!(libzmq, Err("EFSM".to_string()), "libzmq");
    assert_eq!(zmqrs, Ok(None), "zmq.rs: still waiting after {PATIENCE:?}");
    Ok(())
}

/// Sends one request of `size` bytes over ipc between two sockets of `implementation`,
/// the server not receiving yet: whether the send returned within [`PATIENCE`]; then
/// (the control) whether the request arrives once the server receives while the send is
/// still under way.
async fn large_request(
    implementation: Implementation,
    size: usize,
) -> Result<(bool, usize)> {
    let lab = Lab::new()?;
    let (_server, mut client) = pair(&lab, implementation, Transport::Ipc).await?;
    let request = vec![7u8; size];
    let returned = zmq_implementations::end::bounded(
        "send",
        PATIENCE,
        client.send_one(request.clone()),
    )
    .await
    .is_ok();
    // The control: a fresh pair, the server receiving while the client sends.
    let (mut server2, mut client2) = pair(&lab, implementation, Transport::Ipc).await?;
    let (sent, received) = tokio::join!(client2.send_one(request), server2.recv());
    sent?;
    Ok((returned, received?.concat().len()))
}

/// RR7: over ipc, a zmq.rs REQ's send of a message larger than the kernel's socket buffer
/// does not return until the zmq.rs REP calls recv (zmq.rs reads only when asked, and its
/// send waits until the bytes are written); libzmq's send queues it and returns at once.
/// The control: with the REP receiving meanwhile, the same message arrives whole.
#[test]
fn zmqrs_rr7_large_message_over_ipc_waits_for_recv() -> Result<()> {
    const SIZE: usize = 1 << 20;
    let (libzmq_returned, libzmq_arrived) = run(large_request(Libzmq, SIZE))?;
    let (zmqrs_returned, zmqrs_arrived) = run(large_request(Zmqrs, SIZE))?;
    assert!(libzmq_returned, "libzmq's send returns at once");
    assert!(!zmqrs_returned, "zmq.rs's send waits for the peer's recv");
    assert_eq!(
        (libzmq_arrived, zmqrs_arrived),
        (SIZE, SIZE),
        "the controls arrive whole"
    );
    Ok(())
}

/// RR4: a client that starts first. libzmq's `connect` returns at once, before anything
/// binds; zmq.rs's `connect` is still under way when the server binds (it retries until a
/// peer is there). Both then complete hello → world: the effect the claim promises is the
/// same, the program's shape is not (a zmq.rs client that connects before its server
/// must not await the connect on the server's task).
#[test]
fn zmqrs_rr4_connect_waits_for_the_bind() -> Result<()> {
    use zmq_implementations::claims::rr4::exchange_in_order;
    use zmq_workbook::claims::reqrep::rr4::StartOrder::ClientFirst;
    for transport in [Transport::Tcp, Transport::Ipc] {
        let libzmq = run(exchange_in_order(
            Pairing::both(Libzmq),
            transport,
            ClientFirst,
        ))?;
        let zmqrs = run(exchange_in_order(
            Pairing::both(Zmqrs),
            transport,
            ClientFirst,
        ))?;
        assert_eq!(
            libzmq.connected_before_bind,
            Some(true),
            "libzmq, {transport}"
        );
        assert_eq!(
            zmqrs.connected_before_bind,
            Some(false),
            "zmq.rs, {transport}"
        );
        assert_eq!(
            (libzmq.reply, zmqrs.reply),
            (b"world".to_vec(), b"world".to_vec())
        );
    }
    Ok(())
}

/// What a bound PUSH's send does with no puller connected yet: `Ok(None)` if it was still
/// waiting after [`PATIENCE`], `Ok(Some(error))` if it failed, and how long it took.
async fn push_with_no_peer(
    implementation: Implementation,
) -> Result<(Option<String>, Duration)> {
    let lab = Lab::new()?;
    let began = std::time::Instant::now();
    let sent = match implementation {
        // libzmq's send waits up to the lab's send timeout: give it PATIENCE instead.
        Libzmq => {
            let socket = lab.socket(zmq::PUSH)?;
            socket.set_sndtimeo(PATIENCE.as_millis() as i32)?;
            lab.bind(&socket, Transport::Tcp)?;
            socket
                .send("task", 0)
                .err()
                .map(|e| lab::error_name(e).to_string())
        }
        Zmqrs => {
            let mut pusher = End::new(&lab, Zmqrs, Kind::Push)?;
            pusher.bind(&lab, Transport::Tcp).await?;
            let send = pusher.send_one("task");
            let sent = zmq_implementations::end::bounded("send", PATIENCE * 2, send);
            sent.await?.err().map(|e| e.to_string())
        }
    };
    Ok((sent, began.elapsed()))
}

/// PL4: a PUSH with no puller. libzmq's send waits for one (here until its send timeout:
/// EAGAIN after it); zmq.rs's send fails at once ("Not connected to peers"), and the
/// message is gone.
#[test]
fn zmqrs_pl4_push_with_no_peer_fails_at_once() -> Result<()> {
    let (libzmq, libzmq_took) = run(push_with_no_peer(Libzmq))?;
    let (zmqrs, zmqrs_took) = run(push_with_no_peer(Zmqrs))?;
    assert_eq!(libzmq.as_deref(), Some("EAGAIN"), "libzmq");
    assert!(
        libzmq_took >= PATIENCE,
        "libzmq waited its timeout: {libzmq_took:?}"
    );
    let zmqrs = zmqrs.expect("zmq.rs's send fails");
    assert!(zmqrs.contains("Not connected to peers"), "zmq.rs: {zmqrs}");
    assert!(
        zmqrs_took < PATIENCE,
        "zmq.rs failed at once: {zmqrs_took:?}"
    );
    Ok(())
}

/// A puller connected to a PUSH that leaves, and a new PUSH bound at the same address:
/// whether the new PUSH saw the puller come back within the lab's bound, and whether the
/// puller then received from it.
async fn puller_after_restart(implementation: Implementation) -> Result<(usize, bool)> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(Transport::Tcp)?;
    let mut first = End::new(&lab, implementation, Kind::Push)?;
    first.bind_at(&endpoint).await?;
    let mut puller = End::new(&lab, implementation, Kind::Pull)?;
    puller.connect(&endpoint).await?;
    assert_eq!(
        first.await_peers(1).await?,
        1,
        "the first PUSH has its puller"
    );
    first.send_one("before").await?;
    assert_eq!(puller.recv().await?, [b"before"], "the positive control");
    first.leave(&endpoint).await?;

    let mut second = End::new(&lab, implementation, Kind::Push)?;
    second.bind_at(&endpoint).await?;
    let peers = second.await_peers(1).await?;
    let received = if peers == 1 {
        second.send_one("after").await?;
        puller.recv_within(lab::BOUND).await?.as_deref() == Some(&[b"after".to_vec()][..])
    } else {
        false
    };
    Ok((peers, received))
}

/// PL5: libzmq's PULL reconnects to a PUSH that comes back at its address and receives
/// from it; zmq.rs's PULL does not reconnect, so the new PUSH never sees it. zmq.rs
/// reconnects its SUB (pull request #230); reconnection for the other sockets is its open
/// issue #143.
#[test]
fn zmqrs_pl5_puller_does_not_reconnect() -> Result<()> {
    let libzmq = run(puller_after_restart(Libzmq))?;
    let zmqrs = run(puller_after_restart(Zmqrs))?;
    assert_eq!(
        libzmq,
        (1, true),
        "libzmq: the puller came back and received"
    );
    assert_eq!(zmqrs, (0, false), "zmq.rs: the puller never came back");
    Ok(())
}

/// A libzmq REQ that sends heartbeats (a PING every 50 ms; no word for 200 ms drops the
/// connection) connected to a REP of `server`, left idle for ten intervals, then asking
/// hello: how many times libzmq's monitor saw the connection drop meanwhile, and what the
/// server's recv then gave (`Err` with zmq.rs's error).
async fn heartbeating_client(
    server: Implementation,
) -> Result<(usize, Result<bool, String>)> {
    let lab = Lab::new()?;
    let mut rep = End::new(&lab, server, Kind::Rep)?;
    let endpoint = rep.bind(&lab, Transport::Tcp).await?;
    let client = lab.socket(zmq::REQ)?;
    client.set_heartbeat_ivl(50)?;
    client.set_heartbeat_timeout(200)?;
    let mut watched = lab.watch(client)?;
    watched.socket.connect(&endpoint)?;
    watched.wait_handshakes(1)?;
    // Ten heartbeat intervals: a peer that does not answer PINGs is dropped within them.
    let window = Duration::from_millis(500);
    let _ = watched.wait_for(zmq::SocketEvent::DISCONNECTED, 1, window);
    let drops = watched.seen(zmq::SocketEvent::DISCONNECTED)?;
    watched.socket.send("hello", 0)?;
    let answered = match rep.recv_within(lab::BOUND).await {
        Ok(Some(request)) if request == [b"hello"] => {
            rep.send_one("world").await?;
            Ok(watched.socket.recv_bytes(0).ok().as_deref() == Some(b"world"))
        }
        Ok(_) => Ok(false),
        Err(e) => Err(e.to_string()),
    };
    Ok((drops, answered))
}

/// A libzmq peer with heartbeats on. libzmq answers its PINGs: no drop, and the exchange
/// works. zmq.rs decodes no PING: its REP's recv fails with "Unknown command received"
/// instead of returning the request.
#[test]
fn zmqrs_heartbeats_from_a_libzmq_peer_break_the_recv() -> Result<()> {
    let libzmq = run(heartbeating_client(Libzmq))?;
    let (_, zmqrs) = run(heartbeating_client(Zmqrs))?;
    assert_eq!(libzmq, (0, Ok(true)), "libzmq answers PINGs");
    let error = zmqrs.expect_err("zmq.rs's recv fails");
    assert!(error.contains("Unknown command"), "zmq.rs: {error}");
    Ok(())
}

/// PS5's queue, measured rather than asserted: the returning subscriber connects as soon as
/// the publisher's sends of the "while away" messages have returned. A libzmq PUB has put
/// them in its subscribers' pipes by then, and the newcomer never gets one (asserted); a
/// zmq.rs PUB has put them in a queue that a task fans out later, and whether the newcomer
/// gets some is a matter of timing (printed, run by run: the book's page "On zmq.rs" shows
/// the figures). Run with `-- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: timing decides what a zmq.rs PUB hands over"]
fn zmqrs_ps5_late_fanout() -> Result<()> {
    use zmq_implementations::claims::ps5::{leave_and_come_back, Return};
    const RUNS: usize = 16;
    for implementation in [Libzmq, Zmqrs] {
        for transport in zmq_implementations::end::TRANSPORTS {
            let mut handed = Vec::new();
            for _ in 0..RUNS {
                let outcome = run(leave_and_come_back(
                    Pairing::both(implementation),
                    transport,
                    Return::OnceTheSendsReturned,
                ))?;
                let away = |m: &&Vec<u8>| m.starts_with(b"while away");
                handed.push(outcome.returning.iter().filter(away).count());
            }
            let runs = handed.iter().filter(|&&n| n > 0).count();
            println!(
                "{}, {transport}: the newcomer got some of the 5 \"while away\" messages in {runs} runs of {RUNS} (per run: {handed:?})",
                implementation.name()
            );
            if implementation == Libzmq {
                assert_eq!(runs, 0, "libzmq hands a newcomer nothing sent before");
            }
        }
    }
    Ok(())
}

/// A libzmq PUSH connected to a PULL of `implementation` that binds, receives one message
/// (the control: the connection works), and closes: how many disconnections libzmq's
/// monitor saw within [`lab::BOUND`].
async fn puller_closes(implementation: Implementation) -> Result<usize> {
    let lab = Lab::new()?;
    let mut puller = End::new(&lab, implementation, Kind::Pull)?;
    let endpoint = puller.bind(&lab, Transport::Tcp).await?;
    let mut pusher = End::new(&lab, Libzmq, Kind::Push)?;
    pusher.connect(&endpoint).await?;
    assert_eq!(pusher.await_peers(1).await?, 1, "the PUSH's handshake");
    pusher.send_one("task").await?;
    assert_eq!(puller.recv().await?, [b"task"], "the control");
    puller.close().await?;
    pusher.await_disconnections(1, lab::BOUND).await
}

/// PL5 (and every claim where a peer leaves): a libzmq PULL that closes ends its
/// connections, and the PUSH on the other side notices (its monitor's DISCONNECTED), so
/// that what it pushes next waits for a puller. A zmq.rs PULL that closes (`close`, which
/// consumes it) keeps its accepted connection open: the PUSH never notices, and what it
/// pushes goes down a connection nobody reads. zmq.rs's open issue #296: a socket dropped
/// does not release what it holds.
#[test]
fn zmqrs_pl5_closed_puller_keeps_its_connection() -> Result<()> {
    let libzmq = run(puller_closes(Libzmq))?;
    let zmqrs = run(puller_closes(Zmqrs))?;
    assert_eq!(libzmq, 1, "libzmq's PULL closed its connection");
    assert_eq!(zmqrs, 0, "zmq.rs's PULL kept its connection open");
    Ok(())
}

/// An XPUB and a SUB of `implementation` over ipc, the SUB subscribed and never reading:
/// how many of `count` sends returned, each given [`PATIENCE`], before one did not.
async fn xpub_to_a_subscriber_that_does_not_read(
    implementation: Implementation,
    count: usize,
) -> Result<usize> {
    let lab = Lab::new()?;
    let mut publisher = End::new(&lab, implementation, Kind::XPub)?;
    let endpoint = publisher.bind(&lab, Transport::Ipc).await?;
    let mut subscriber = End::new(&lab, implementation, Kind::Sub)?;
    subscriber.subscribe(b"").await?;
    subscriber.connect(&endpoint).await?;
    assert_eq!(
        publisher.recv().await?,
        [b"\x01"],
        "the subscription arrived"
    );
    for i in 0..count {
        let send = publisher.send_one(format!("update {i}"));
        if zmq_implementations::end::bounded("send", PATIENCE, send)
            .await
            .is_err()
        {
            return Ok(i);
        }
    }
    Ok(count)
}

/// PS4 and PS6: a subscriber that does not keep up. libzmq's XPUB never waits for one: its
/// queue fills to the high-water mark and what comes after is dropped, so every send
/// returns. A zmq.rs XPUB writes each message to the connection as it sends it, and waits
/// once the connection is full: over ipc, a few hundred small messages (one socket buffer)
/// in. (A zmq.rs PUB queues instead, and drops for a full subscriber queue.)
#[test]
fn zmqrs_ps4_xpub_send_waits_for_a_slow_subscriber() -> Result<()> {
    const COUNT: usize = 2000;
    let libzmq = run(xpub_to_a_subscriber_that_does_not_read(Libzmq, COUNT))?;
    let zmqrs = run(xpub_to_a_subscriber_that_does_not_read(Zmqrs, COUNT))?;
    assert_eq!(libzmq, COUNT, "libzmq: every send returned");
    assert!(
        zmqrs < COUNT,
        "zmq.rs: a send waited for the subscriber ({zmqrs} returned)"
    );
    Ok(())
}

/// A PULL of `implementation`, bound on a runtime of its own, and `peers` libzmq PUSHes
/// that connect at the same moment (a libzmq `connect` returns at once): whether the PULL
/// accepted them all within [`PATIENCE`] × 4.
fn accepted_at_once(
    runtime: &tokio::runtime::Runtime,
    implementation: Implementation,
    peers: usize,
) -> Result<bool> {
    runtime.block_on(async {
        let lab = Lab::new()?;
        let mut puller = End::new(&lab, implementation, Kind::Pull)?;
        let endpoint = puller.bind(&lab, Transport::Tcp).await?;
        let mut pushers = Vec::new();
        for _ in 0..peers {
            let mut pusher = End::new(&lab, Libzmq, Kind::Push)?;
            pusher.connect(&endpoint).await?;
            pushers.push(pusher);
        }
        let accepted = zmq_implementations::end::bounded(
            "the accepts",
            PATIENCE * 4,
            puller.await_peers(peers),
        )
        .await;
        let all = matches!(accepted, Ok(Ok(n)) if n == peers);
        if all {
            puller.close().await?;
        } else {
            // A worker parked inside zmq.rs may still hold the socket: leave it be.
            std::mem::forget(puller);
        }
        Ok(all)
    })
}

/// Peers that connect at the same moment, measured rather than asserted: rounds of three
/// libzmq PUSHes connecting at once to a bound PULL, for up to 30 s or 2000 rounds each, on a runtime of
/// two workers of its own (left behind, never waited for). A libzmq PULL accepts them all
/// every round (asserted). A zmq.rs PULL, under load, once parked a worker for good on a
/// lock of its peers' map (`scc::HashMap::begin_sync` in
/// `GenericSocketBackend::refresh_single_peer_cache`, from `peer_connected`), and the
/// accepts it held never completed; how often is a matter of timing (printed). Run with
/// `-- --ignored --nocapture`, beside a load.
#[test]
#[ignore = "a measurement: timing decides whether a zmq.rs worker parks"]
fn zmqrs_pl3_peers_accepted_at_once() -> Result<()> {
    const PEERS: usize = 3;
    const FOR: Duration = Duration::from_secs(30);
    // A closed zmq.rs PULL keeps its connections open (see above): a bound on the rounds
    // keeps the process under its limit of open files.
    const AT_MOST: usize = 2000;
    for implementation in [Libzmq, Zmqrs] {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let began = std::time::Instant::now();
        let (mut rounds, mut short) = (0, 0);
        while began.elapsed() < FOR && rounds < AT_MOST && short == 0 {
            rounds += 1;
            if !accepted_at_once(&runtime, implementation, PEERS)? {
                short += 1;
            }
        }
        println!(
            "{}: {PEERS} peers at once, {rounds} rounds in {:.1} s, {short} with an accept that never completed",
            implementation.name(),
            began.elapsed().as_secs_f64()
        );
        runtime.shutdown_background();
        if implementation == Libzmq {
            assert_eq!(short, 0, "libzmq accepted every peer in every round");
        }
    }
    Ok(())
}
