//! When the network fails: the relay that plays a dead link, and what PUSH/PULL, PUB/SUB
//! and REQ/REP do across a silent link, a reset, and a crashed process, with and without
//! ZMTP heartbeats. Each test is named after the claim it extends (PL5, PS5, PS7, RR4,
//! RR6).

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context as _, Result};
use zmq_workbook::claims::network::crash::{self, Stop};
use zmq_workbook::claims::network::request::{self, Retry, SwallowedReply};
use zmq_workbook::claims::network::{judges, publish, push, Heartbeats};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::relay::Relay;
use zmq_workbook::lab::{self, Lab, Transport, BOUND, SILENCE};
use Retry::{FreshSocket, Relaxed};

use crate::harness::{eventually, watchdog};

// ------------------------------------------------------------ the relay, with plain tcp

/// A plain tcp connection through a relay: the client's end, the server's end, the relay.
struct Through {
    client: TcpStream,
    server: TcpStream,
    target: TcpListener,
    relay: Relay,
}

fn through_a_relay() -> Result<Through> {
    let target = TcpListener::bind("127.0.0.1:0")?;
    let relay = Relay::start(&format!("tcp://{}", target.local_addr()?))?;
    let client = connect(&relay)?;
    let server = accept_within(&target, BOUND)?.context("the relay never connected")?;
    bounded(&server)?;
    Ok(Through {
        client,
        server,
        target,
        relay,
    })
}

fn connect(relay: &Relay) -> Result<TcpStream> {
    let address = relay.endpoint().trim_start_matches("tcp://").to_string();
    let client = TcpStream::connect(address)?;
    bounded(&client)?;
    Ok(client)
}

fn bounded(stream: &TcpStream) -> Result<()> {
    stream.set_read_timeout(Some(BOUND))?;
    stream.set_write_timeout(Some(BOUND))?;
    Ok(())
}

/// The next connection on `listener` if one comes within `window`. std's accept cannot
/// time out, so the listener is asked every millisecond.
fn accept_within(listener: &TcpListener, window: Duration) -> Result<Option<TcpStream>> {
    listener.set_nonblocking(true)?;
    let deadline = Instant::now() + window;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false)?;
                return Ok(Some(stream));
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return Ok(None);
                }
                thread::sleep(Duration::from_millis(1));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// What one read saw within `window`.
#[derive(Debug, PartialEq, Eq)]
enum Heard {
    Bytes(Vec<u8>),
    Nothing,
    EndOfStream,
    Error(ErrorKind),
}

fn listen(stream: &TcpStream, window: Duration) -> Result<Heard> {
    stream.set_read_timeout(Some(window))?;
    let mut buffer = [0; 1024];
    let heard = match (&*stream).read(&mut buffer) {
        Ok(0) => Heard::EndOfStream,
        Ok(n) => Heard::Bytes(buffer[..n].to_vec()),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            Heard::Nothing
        }
        Err(e) => Heard::Error(e.kind()),
    };
    stream.set_read_timeout(Some(BOUND))?;
    Ok(heard)
}

fn read_exactly(stream: &TcpStream, len: usize) -> Result<Vec<u8>> {
    let mut bytes = vec![0; len];
    (&*stream).read_exact(&mut bytes)?;
    Ok(bytes)
}

/// Bytes that differ from place to place, so that a reordering or a gap would show.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8 ^ seed).collect()
}

#[test]
fn relay_carries_bytes_both_ways_exactly() {
    watchdog(|| {
        let Through {
            client,
            server,
            relay,
            ..
        } = through_a_relay()?;
        let (up, down) = (pattern(1 << 20, 1), pattern(1 << 20, 2));
        // Both directions at once: neither side reads only after it has written
        // everything.
        let (client_got, server_got) = thread::scope(|scope| {
            let client_side = scope.spawn(|| -> Result<Vec<u8>> {
                let writer = scope.spawn(|| (&client).write_all(&up));
                let got = read_exactly(&client, down.len())?;
                writer.join().expect("writer panicked")?;
                Ok(got)
            });
            let server_side = scope.spawn(|| -> Result<Vec<u8>> {
                let writer = scope.spawn(|| (&server).write_all(&down));
                let got = read_exactly(&server, up.len())?;
                writer.join().expect("writer panicked")?;
                Ok(got)
            });
            (client_side.join().unwrap(), server_side.join().unwrap())
        });
        assert!(client_got? == down, "the client's bytes differ");
        assert!(server_got? == up, "the server's bytes differ");
        // The relay counts a write once it has returned, which may be just after the
        // reader has the bytes.
        let expected = (up.len() + down.len()) as u64;
        assert!(
            eventually(|| relay.carried() == expected),
            "the relay counted {} bytes, not {expected}",
            relay.carried()
        );
        Ok(())
    })
}

/// A half-closed connection is still held (the other way still carries); a connection is
/// let go once both sides have closed, and only that one: the other is still there to
/// reset.
#[test]
fn relay_holds_a_half_closed_connection_and_lets_go_of_a_closed_one_only() {
    watchdog(|| {
        let Through {
            client,
            server,
            target,
            relay,
        } = through_a_relay()?;
        let other = connect(&relay)?;
        let other_server =
            accept_within(&target, BOUND)?.context("the relay never connected")?;
        bounded(&other_server)?;
        assert!(eventually(|| relay.connections() == 2), "two connections");

        client.shutdown(std::net::Shutdown::Write)?;
        assert_eq!(listen(&server, BOUND)?, Heard::EndOfStream);
        (&server).write_all(b"still open")?;
        assert_eq!(read_exactly(&client, 10)?, b"still open");
        assert_eq!(
            relay.connections(),
            2,
            "the half-closed connection was let go"
        );

        drop(server);
        assert_eq!(listen(&client, BOUND)?, Heard::EndOfStream);
        assert!(
            eventually(|| relay.connections() == 1),
            "the relay holds {} connections once one has closed, not 1",
            relay.connections()
        );
        assert_eq!(relay.reset()?, 1);
        assert_eq!(
            listen(&other, BOUND)?,
            Heard::Error(ErrorKind::ConnectionReset),
            "the connection still open was not the one reset"
        );
        drop(other_server);
        Ok(())
    })
}

/// A cut carries nothing and closes nothing, for the [`SILENCE`] window in which the
/// control (the same relay before the cut) delivers. A connection made during the cut is
/// accepted, and held just as silent. Restore delivers what piled up, byte-exact and in
/// order, on both connections.
#[test]
fn relay_cut_carries_nothing_and_closes_nothing_and_restore_delivers_what_piled_up() {
    watchdog(|| {
        let Through {
            client,
            server,
            target,
            relay,
        } = through_a_relay()?;
        (&client).write_all(b"up before")?;
        (&server).write_all(b"down before")?;
        assert_eq!(
            listen(&server, SILENCE)?,
            Heard::Bytes(b"up before".to_vec())
        );
        assert_eq!(
            listen(&client, SILENCE)?,
            Heard::Bytes(b"down before".to_vec())
        );

        relay.cut()?;
        let carried = relay.carried();
        let up = pattern(1 << 20, 3); // more than fits in one read: it arrives in pieces
        thread::scope(|scope| -> Result<()> {
            // The writer may block until the link is back: the kernel's buffers fill up.
            let writer = scope.spawn(|| (&client).write_all(&up));
            (&server).write_all(b"down during")?;
            let late = connect(&relay)?; // the kernel accepts it: connect returns at once
            (&late).write_all(b"late")?;
            // Both ends listen over the same window, side by side.
            let at_client = scope.spawn(|| listen(&client, SILENCE));
            assert_eq!(listen(&server, SILENCE)?, Heard::Nothing);
            assert_eq!(
                at_client.join().expect("listener panicked")?,
                Heard::Nothing
            );
            assert_eq!(listen(&late, Duration::from_millis(1))?, Heard::Nothing);
            assert!(
                accept_within(&target, Duration::ZERO)?.is_none(),
                "the late connection got through"
            );
            assert_eq!(relay.carried(), carried, "bytes crossed a cut link");
            assert_eq!(relay.connections(), 2, "the relay holds both connections");

            relay.restore();
            assert!(
                read_exactly(&server, up.len())? == up,
                "what piled up arrived changed"
            );
            assert_eq!(read_exactly(&client, 11)?, b"down during");
            writer.join().expect("writer panicked")?;
            let late_server = accept_within(&target, BOUND)?
                .context("the late connection never got through")?;
            bounded(&late_server)?;
            assert_eq!(read_exactly(&late_server, 4)?, b"late");
            Ok(())
        })
    })
}

/// A cut waits for a write under way to end: once `cut` has returned, not one more byte
/// is written. The server reads nothing at first, so that the relay is blocked in a write
/// to it when the cut comes; then it reads all that came before the cut, and no more comes.
#[test]
fn relay_cut_waits_for_a_write_under_way() {
    watchdog(|| {
        let Through {
            client,
            server,
            relay,
            ..
        } = through_a_relay()?;
        let flood = pattern(16 << 20, 5); // far more than the kernel's buffers hold
        thread::scope(|scope| -> Result<()> {
            // It blocks once the buffers are full, and fails when the client is dropped.
            scope.spawn(|| (&client).write_all(&flood));
            // Full: nothing more crosses while the server does not read. Only the chance to
            // catch a write under way rests on this poll, not what the test asserts: a cut
            // at any moment must let no byte through once it has returned.
            let mut seen = relay.carried();
            let deadline = Instant::now() + BOUND;
            while {
                thread::sleep(2 * lab::relay::STEP);
                let now = relay.carried();
                std::mem::replace(&mut seen, now) != now && Instant::now() < deadline
            } {}
            relay.cut()?;
            let at_cut = relay.carried();
            let before = usize::try_from(at_cut)?;
            assert!(
                read_exactly(&server, before)? == flood[..before],
                "what crossed before the cut arrived changed"
            );
            assert_eq!(
                listen(&server, SILENCE)?,
                Heard::Nothing,
                "bytes after the cut"
            );
            assert_eq!(relay.carried(), at_cut, "a write ended after the cut");
            relay.reset()?; // frees the client's writer
            Ok(())
        })
    })
}

/// A reset is seen as one on both sides: ECONNRESET, not an end of stream.
#[test]
fn relay_reset_is_seen_as_a_reset_on_both_sides() {
    watchdog(|| {
        let Through {
            client,
            server,
            relay,
            ..
        } = through_a_relay()?;
        (&client).write_all(b"hello")?;
        assert_eq!(read_exactly(&server, 5)?, b"hello");
        assert_eq!(relay.reset()?, 1);
        assert_eq!(
            listen(&client, BOUND)?,
            Heard::Error(ErrorKind::ConnectionReset)
        );
        assert_eq!(
            listen(&server, BOUND)?,
            Heard::Error(ErrorKind::ConnectionReset)
        );
        assert_eq!(relay.connections(), 0);
        Ok(())
    })
}

/// A peer that resets its connection (its host crashed) is passed on as a reset, not as an
/// end of stream, and the relay lets go of the connection.
#[test]
fn relay_passes_a_reset_on_as_a_reset() {
    watchdog(|| {
        let Through {
            client,
            server,
            relay,
            ..
        } = through_a_relay()?;
        (&client).write_all(b"hello")?;
        assert_eq!(read_exactly(&server, 5)?, b"hello");
        // Closed with LINGER 0: the kernel answers with RST instead of FIN.
        socket2::SockRef::from(&client).set_linger(Some(Duration::ZERO))?;
        drop(client);
        assert_eq!(
            listen(&server, BOUND)?,
            Heard::Error(ErrorKind::ConnectionReset)
        );
        assert!(eventually(|| relay.connections() == 0), "the relay held on");
        Ok(())
    })
}

/// Dropping the relay stops its threads and closes its connections (an end of stream).
#[test]
fn relay_stops_when_dropped() {
    watchdog(|| {
        let Through {
            client,
            server,
            relay,
            ..
        } = through_a_relay()?;
        relay.cut()?; // even when cut, and with a connection waiting to go through
        let _late = connect(&relay)?;
        let started = Instant::now();
        drop(relay);
        assert!(
            started.elapsed() < BOUND,
            "dropping took {:?}",
            started.elapsed()
        );
        assert_eq!(listen(&client, BOUND)?, Heard::EndOfStream);
        assert_eq!(listen(&server, BOUND)?, Heard::EndOfStream);
        Ok(())
    })
}

// ---------------------------------------------------------------- the relay, with ZeroMQ

/// A PUSH bound directly and a PULL connected through a relay, both watched, after their
/// handshake.
fn zeromq_through_a_relay(lab: &Lab) -> Result<(lab::Watched, lab::Watched, Relay)> {
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    let endpoint = lab.bind(&pusher.socket, Transport::Tcp)?;
    let relay = Relay::start(&endpoint)?;
    let mut puller = lab.watch(lab.socket(zmq::PULL)?)?;
    puller.socket.set_reconnect_ivl(20)?;
    puller.socket.connect(&relay.endpoint())?;
    pusher.wait_handshakes(1)?;
    puller.wait_handshakes(1)?;
    Ok((pusher, puller, relay))
}

/// Whether the monitor has reported the connection lost or closed.
fn lost_its_peer(watched: &mut lab::Watched) -> Result<bool> {
    Ok(watched.events()?.iter().any(|e| {
        matches!(
            *e,
            zmq::SocketEvent::DISCONNECTED | zmq::SocketEvent::CLOSED
        )
    }))
}

/// ZeroMQ across a cut: the messages wait, neither socket's monitor reports anything over
/// the window in which the control message arrived, and restore delivers them all, in
/// order.
#[test]
fn relay_zeromq_messages_wait_out_a_cut_and_arrive_in_order() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (mut pusher, mut puller, relay) = zeromq_through_a_relay(&lab)?;
        pusher.socket.send("control", 0)?;
        ensure!(
            lab::recv_within(&puller.socket, SILENCE)?.as_deref()
                == Some(&b"control"[..])
        );

        relay.cut()?;
        for i in 0..5 {
            pusher.socket.send(format!("during {i}").as_str(), 0)?;
        }
        assert_eq!(lab::recv_within(&puller.socket, SILENCE)?, None);
        assert!(
            !lost_its_peer(&mut pusher)?,
            "the PUSH saw the cut: {:?}",
            pusher.events()?
        );
        assert!(
            !lost_its_peer(&mut puller)?,
            "the PULL saw the cut: {:?}",
            puller.events()?
        );

        relay.restore();
        let arrived: Vec<String> = lab::recv_n(&puller.socket, 5)?
            .iter()
            .map(|m| lab::text(m))
            .collect();
        let expected: Vec<String> = (0..5).map(|i| format!("during {i}")).collect();
        assert_eq!(arrived, expected);
        Ok(())
    })
}

/// ZeroMQ and a reset: both monitors report the connection lost, and the connecting side
/// comes back by itself through the same relay.
#[test]
fn relay_zeromq_reset_is_seen_as_disconnected_on_both_sides() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (mut pusher, mut puller, relay) = zeromq_through_a_relay(&lab)?;
        assert_eq!(relay.reset()?, 1);
        pusher.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
        puller.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
        puller.wait_handshakes(2)?;
        pusher.wait_handshakes(2)?;
        pusher.socket.send("after the reset", 0)?;
        let arrived = lab::recv_within(&puller.socket, BOUND)?;
        if arrived.as_deref() != Some(&b"after the reset"[..]) {
            bail!("after the reset, the PULL got {arrived:?}");
        }
        Ok(())
    })
}

// ---------------------------------------------------------------- the experiments

/// Runs `experiment` without and with heartbeats, side by side: each mostly waits.
fn without_and_with<T: Send>(
    experiment: fn(Option<Heartbeats>) -> Result<T>,
) -> Result<(T, T)> {
    thread::scope(|scope| {
        let with = scope.spawn(|| experiment(Some(Heartbeats::LAB)));
        let without = experiment(None);
        Ok((without?, with.join().expect("the experiment panicked")?))
    })
}

/// Runs several experiments side by side; their results in order.
fn side_by_side<T: Send>(
    experiments: Vec<Box<dyn FnOnce() -> Result<T> + Send>>,
) -> Result<Vec<T>> {
    thread::scope(|scope| {
        let handles: Vec<_> = experiments.into_iter().map(|e| scope.spawn(e)).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the experiment panicked"))
            .collect()
    })
}

/// A finding that agrees: the run said what the verdict says, and proved its set-up (the
/// transport, the peers, the heartbeats read back, the monitors' own times, a cut that
/// carried nothing, the signal that ended a process).
fn agrees(finding: Finding) {
    assert!(finding.agrees(), "{finding}");
}

/// Whether every number in `lost` is in `range`, and there are `count` of them.
fn lost_from(lost: &[usize], count: usize, range: std::ops::Range<usize>) -> bool {
    lost.len() == count && lost.iter().all(|n| range.contains(n))
}

/// The wait before the last batch of a cut for good: it returns only once the PUSH deals to
/// the near puller alone (here, once the other puller closed), with the tasks the near
/// puller took meanwhile; a probe the other puller took first does not end it early.
#[test]
fn pl5_probing_ends_only_once_the_push_deals_to_the_near_puller_alone() {
    watchdog(|| {
        use std::sync::atomic::{AtomicBool, Ordering};
        let lab = Lab::new()?;
        let pusher = lab.socket(zmq::PUSH)?;
        // No high-water mark on the way to the other puller: a PUSH passes over a puller
        // whose queue is full, and the probing, which pushes on while the other puller's
        // thread waits for the processor, would fill it (2,000 messages on inproc) and
        // see the PUSH deal to the near puller alone with the other still connected.
        pusher.set_sndhwm(0)?;
        let endpoint = lab.bind(&pusher, Transport::Inproc)?;
        // Connected first, the other puller is dealt the first of every pair.
        let other = lab.socket(zmq::PULL)?;
        other.set_rcvhwm(0)?;
        other.connect(&endpoint)?;
        let near = lab.socket(zmq::PULL)?;
        near.connect(&endpoint)?;
        for task in 10..14 {
            pusher.send(task.to_string().as_str(), 0)?;
        }
        let closed = &AtomicBool::new(false);
        let (returned, taken_by_other) = thread::scope(|scope| {
            let other_side = scope.spawn(move || -> Result<Vec<String>> {
                let mut taken = Vec::new();
                while taken
                    .iter()
                    .filter(|t: &&String| t.starts_with("probe"))
                    .count()
                    < 3
                {
                    let message =
                        lab::recv_within(&other, BOUND)?.with_context(|| {
                            format!("no probe within {BOUND:?}: {taken:?}")
                        })?;
                    taken.push(lab::text(&message));
                }
                // Said before the close: the PUSH may deal to the near puller alone as
                // soon as the socket is gone, before this thread runs again.
                closed.store(true, Ordering::SeqCst);
                drop(other);
                Ok(taken)
            });
            let returned = push::until_dealing_only_to(&pusher, &near);
            let closed_first = closed.load(Ordering::SeqCst);
            (
                returned.map(|tasks| (tasks, closed_first)),
                other_side.join(),
            )
        });
        // The other puller's outcome first: had it failed, its socket would have closed
        // without saying so, and the PUSH dealt to the near puller alone for that reason.
        let taken_by_other = taken_by_other.expect("the other puller's thread panicked");
        let taken_by_other = taken_by_other.context("the other puller")?;
        let (tasks, closed_first) = returned.context("probing")?;
        assert!(
            closed_first,
            "it returned while the other puller was still dealt to: the near puller \
             took {tasks:?}, the other {taken_by_other:?}"
        );
        assert_eq!(tasks, [11, 13], "the tasks the near puller took meanwhile");
        assert_eq!(&taken_by_other[..2], ["10", "12"], "{taken_by_other:?}");
        Ok(())
    })
}

/// PL5 — "当连接被断开,数据不会丢失": not when the link dies in silence. The PUSH goes on dealing the
/// far puller its share, into a link that will never deliver it, and nothing notices
/// within the window. With heartbeats on both ends (the positive control), both notice
/// within it, and from then on the PUSH deals everything to the puller that is left: only
/// what it dealt before is lost.
#[test]
fn pl5_a_puller_behind_a_silent_link_keeps_its_share_until_heartbeats_drop_it() {
    watchdog(|| {
        // ANCHOR: pl5_silent_link_test
        let (without, with) = without_and_with(push::puller_cut_for_good)?;
        for outcome in [&without, &with] {
            assert_eq!(outcome.before, [5, 5], "the control: {outcome:?}");
            assert_eq!(outcome.near_during, 5, "{outcome:?}");
        }
        assert_eq!(without.push_noticed, None, "{without:?}");
        assert_eq!(without.puller_noticed, None, "{without:?}");
        assert_eq!(
            without.near_after, 5,
            "still dealing to the dead link: {without:?}"
        );
        assert!(lost_from(&without.lost, 10, 10..30), "{without:?}");

        assert!(with.push_noticed.is_some(), "{with:?}");
        assert!(with.puller_noticed.is_some(), "{with:?}");
        assert_eq!(
            with.near_after, 10,
            "all to the puller that is left: {with:?}"
        );
        assert!(lost_from(&with.lost, 5, 10..20), "{with:?}");
        // ANCHOR_END: pl5_silent_link_test
        agrees(judges::cut_for_good(false, &without));
        agrees(judges::cut_for_good(true, &with));
        Ok(())
    })
}

/// PL5, beyond the claim — "with heartbeats the PUSH deals everything to the live puller"
/// holds for a PUSH that binds, which lets go of a connection that dropped. A PUSH that
/// connects keeps its queue for the puller it lost, tries to connect again, and goes on
/// dealing it its share, heartbeats or not; with `ZMQ_IMMEDIATE` on it lets go of it too.
#[test]
fn pl5_a_connecting_push_deals_a_lost_puller_its_share_unless_immediate() {
    watchdog(|| {
        // ANCHOR: pl5_connecting_cut_test
        let (off, on) = thread::scope(|scope| {
            let on = scope.spawn(|| push::connecting_push_puller_cut_for_good(true));
            let off = push::connecting_push_puller_cut_for_good(false);
            (off, on.join().expect("the experiment panicked"))
        });
        let (off, on) = (off?, on?);
        for outcome in [&off, &on] {
            assert!(outcome.push_noticed.is_some(), "{outcome:?}");
            assert!(outcome.puller_noticed.is_some(), "{outcome:?}");
            assert_eq!(outcome.before, [5, 5], "the control: {outcome:?}");
        }
        assert_eq!(off.near_after, 5, "still dealing to the lost one: {off:?}");
        assert!(lost_from(&off.lost, 10, 10..30), "{off:?}");
        assert_eq!(on.near_after, 10, "all to the puller that is left: {on:?}");
        assert!(lost_from(&on.lost, 5, 10..20), "{on:?}");
        // ANCHOR_END: pl5_connecting_cut_test
        agrees(judges::connecting_cut_for_good(false, &off));
        agrees(judges::connecting_cut_for_good(true, &on));
        Ok(())
    })
}

/// PL5 — a silent link that comes back loses nothing without heartbeats: the connection
/// never closed, and what piled up is delivered. With heartbeats shorter than the cut,
/// both ends gave up on the connection: the far puller's share in it is lost, and the
/// puller connects again by itself once the link is back.
#[test]
fn pl5_a_short_silent_cut_loses_nothing_without_heartbeats_and_the_share_in_flight_with_them(
) {
    watchdog(|| {
        // ANCHOR: pl5_short_cut_test
        let (without, with) = without_and_with(push::puller_cut_and_healed)?;
        assert_eq!(
            (without.push_noticed, without.puller_noticed),
            (None, None),
            "{without:?}"
        );
        assert_eq!(without.reconnected, None, "{without:?}");
        assert_eq!(without.during, [5, 5], "{without:?}");
        assert_eq!(without.lost, Vec::<usize>::new(), "{without:?}");

        assert!(
            with.push_noticed.is_some() && with.puller_noticed.is_some(),
            "{with:?}"
        );
        assert!(with.reconnected.is_some(), "{with:?}");
        assert_eq!(with.during, [0, 5], "{with:?}");
        assert!(lost_from(&with.lost, 5, 10..20), "{with:?}");
        for outcome in [without.after, with.after] {
            assert_eq!(outcome, [5, 5], "the control: both pullers take part again");
        }
        // ANCHOR_END: pl5_short_cut_test
        agrees(judges::cut_and_healed(false, &without));
        agrees(judges::cut_and_healed(true, &with));
        Ok(())
    })
}

/// PL5 — a reset (a crashed host that came back and answers with RST) is noticed by both
/// ends, heartbeats or not; what was on its way to the dead connection is lost, and the
/// puller connects again by itself.
#[test]
fn pl5_a_reset_link_is_noticed_and_loses_what_was_on_its_way() {
    watchdog(|| {
        let (without, with) = without_and_with(push::puller_link_reset)?;
        for outcome in [&without, &with] {
            assert!(outcome.push_noticed.is_some(), "{outcome:?}");
            assert!(outcome.puller_noticed.is_some(), "{outcome:?}");
            assert!(outcome.reconnected.is_some(), "{outcome:?}");
            assert_eq!(outcome.during, [0, 5], "{outcome:?}");
            assert_eq!(outcome.after, [5, 5], "{outcome:?}");
            assert!(lost_from(&outcome.lost, 5, 10..20), "{outcome:?}");
        }
        agrees(judges::link_reset(false, &without));
        agrees(judges::link_reset(true, &with));
        Ok(())
    })
}

/// PL5 — the far puller pinged by the PUSH alone has no heartbeats of its own (read back
/// from each socket): the PUSH notices the cut and deals to the near puller alone; the
/// far puller notices only by the TTL of the PINGs it received, if at all, and its own
/// monitor says which.
#[test]
fn pl5_a_puller_pinged_by_the_push_alone_has_no_heartbeats_of_its_own() {
    watchdog(|| {
        let outcome =
            push::puller_cut_for_good_pinged_by_the_push_alone(Heartbeats::LAB)?;
        let link = &outcome.link;
        assert_eq!(
            [link.bound.heartbeats, link.far.heartbeats],
            [Some(Heartbeats::LAB), None],
            "the heartbeats read back from the PUSH and the far puller: {outcome:?}"
        );
        assert!(outcome.push_noticed.is_some(), "{outcome:?}");
        assert_eq!(outcome.push_noticed, link.bound.lost, "{outcome:?}");
        assert_eq!(outcome.puller_noticed, link.far.lost, "{outcome:?}");
        assert_eq!(link.carried_while_cut, 0, "{outcome:?}");
        assert_eq!(outcome.near_after, 10, "{outcome:?}");
        assert!(lost_from(&outcome.lost, 5, 10..20), "{outcome:?}");
        Ok(())
    })
}

/// PL5 — a worker process killed (SIGKILL) in the middle of a stream: the ventilator
/// notices at once (the worker's kernel closes its connections), and what the worker held
/// and had not passed on is lost; the worker stopped politely (SIGTERM) once it took its
/// share passes on everything.
#[test]
fn pl5_a_worker_killed_mid_stream_loses_what_it_held_and_a_polite_stop_loses_nothing() {
    watchdog(|| {
        let worker = Path::new(env!("CARGO_BIN_EXE_pl-worker"));
        let outcomes = side_by_side(vec![
            Box::new(|| crash::worker_stops_mid_stream(worker, Stop::Kill)),
            Box::new(|| crash::worker_stops_mid_stream(worker, Stop::Polite)),
        ])?;
        let (killed, polite) = (&outcomes[0], &outcomes[1]);
        for outcome in [killed, polite] {
            assert!(outcome.noticed.is_some(), "{outcome:?}");
            assert_eq!(outcome.dealt_to_worker, 5, "{outcome:?}");
        }
        assert!(!killed.exit.success(), "{killed:?}");
        assert!(
            (1..=5).contains(&killed.lost.len()),
            "what it held is lost, and only the worker's share: {killed:?}"
        );
        assert!(
            killed.lost.iter().all(|n| (10..20).contains(n)),
            "{killed:?}"
        );
        assert!(polite.exit.success(), "{polite:?}");
        assert_eq!(polite.lost, Vec::<usize>::new(), "{polite:?}");
        use std::os::unix::process::ExitStatusExt as _;
        assert_eq!(killed.exit.signal(), Some(libc::SIGKILL), "{killed:?}");
        assert_eq!(polite.exit.signal(), None, "{polite:?}");
        agrees(judges::worker_stopped(Stop::Kill, killed));
        agrees(judges::worker_stopped(Stop::Polite, polite));
        Ok(())
    })
}

/// PL5 — what a killed worker loses is of its own share, whatever that share is: with the
/// puller beside it connected twice, the ventilator deals to three connections in turn,
/// and the worker is dealt a third of the tasks (3 or 4 of 10), not half.
#[test]
fn pl5_a_killed_worker_loses_only_from_its_own_share_whatever_its_size() {
    watchdog(|| {
        use zmq_workbook::claims::network::undisturbed;
        let worker = Path::new(env!("CARGO_BIN_EXE_pl-worker"));
        let (killed, _) =
            undisturbed(|| crash::worker_stops_beside(worker, Stop::Kill, 2))?;
        assert_eq!(killed.ventilator.peers, 3, "{killed:?}");
        assert!((3..=4).contains(&killed.dealt_to_worker), "{killed:?}");
        assert!(
            (1..=killed.dealt_to_worker).contains(&killed.lost.len()),
            "{killed:?}"
        );
        assert!(
            killed.lost.iter().all(|n| (10..20).contains(n)),
            "{killed:?}"
        );
        use std::os::unix::process::ExitStatusExt as _;
        assert_eq!(killed.exit.signal(), Some(libc::SIGKILL), "{killed:?}");
        Ok(())
    })
}

/// PS7 — "订阅者会保持连接": across a silent link the subscriber holds on, but it never learns
/// that its publisher is gone: nothing is reported within the window. With heartbeats
/// (the positive control) it notices within the window, connects again by itself, and is
/// subscribed again soon after the link returns.
#[test]
fn ps7_a_subscriber_behind_a_silent_link_never_learns_its_publisher_is_gone_without_heartbeats(
) {
    watchdog(|| {
        // ANCHOR: ps7_silent_link_test
        let (without, with) = without_and_with(publish::subscriber_cut_off)?;
        assert_eq!(without.subscriber_noticed, None, "{without:?}");
        assert_eq!(
            without.resubscribed, None,
            "the same connection carried on: {without:?}"
        );
        assert!(with.subscriber_noticed.is_some(), "{with:?}");
        assert!(with.resubscribed.is_some(), "{with:?}");
        for outcome in [&without, &with] {
            let after: Vec<usize> = (5..10).collect();
            assert!(
                outcome.far.ends_with(&after),
                "it receives again: {outcome:?}"
            );
        }
        // ANCHOR_END: ps7_silent_link_test
        agrees(judges::subscriber_cut_off(false, &without));
        agrees(judges::subscriber_cut_off(true, &with));
        Ok(())
    })
}

/// PS5 — "退出不影响广播,重新连接后只收到新消息": a subscriber cut off by a silent link does not disturb
/// the others; but when the link returns it gets what was published meanwhile, not only
/// the new messages, since for both ends it never left. Only heartbeats make it leave
/// (and the publisher drop it): then it misses them.
#[test]
fn ps5_a_subscriber_cut_off_by_a_silent_link_gets_the_backlog_unless_heartbeats_dropped_it(
) {
    watchdog(|| {
        // ANCHOR: ps5_silent_link_test
        let (without, with) = without_and_with(publish::subscriber_cut_off)?;
        let everything: Vec<usize> = (0..10).collect();
        for outcome in [&without, &with] {
            assert_eq!(
                outcome.near, everything,
                "the broadcast was disturbed: {outcome:?}"
            );
        }
        assert_eq!(without.publisher_noticed, None, "{without:?}");
        assert_eq!(without.far, everything, "{without:?}");
        assert!(with.publisher_noticed.is_some(), "{with:?}");
        assert_eq!(with.far, (5..10).collect::<Vec<_>>(), "{with:?}");
        // ANCHOR_END: ps5_silent_link_test
        assert_eq!(without.link.carried_while_cut, 0, "a cut, not a slow link");
        agrees(judges::subscriber_cut_off(false, &without));
        agrees(judges::subscriber_cut_off(true, &with));
        Ok(())
    })
}

/// RR6 — "严格一问一答": a REQ whose reply a silent link swallowed gives up after its receive
/// timeout and may not ask again (EFSM). Without heartbeats the reply is only late: it
/// arrives when the link returns. With heartbeats the REQ dropped the connection, and the
/// reply with it: the socket is stuck for good, unable to send or receive.
#[test]
fn rr6_a_req_whose_reply_a_silent_link_swallowed_may_not_ask_again() {
    watchdog(|| {
        // ANCHOR: rr6_silent_link_test
        let (without, with) =
            without_and_with(|hb| request::reply_swallowed_by_a_cut(Retry::Wait, hb))?;
        for outcome in [&without, &with] {
            assert!(
                lab::waited_out(outcome.gave_up_after, request::ASK_TIMEOUT),
                "{outcome:?}"
            );
            assert_eq!(outcome.resend, Some(zmq::Error::EFSM), "{outcome:?}");
        }
        assert!(!without.noticed, "{without:?}");
        assert_eq!(
            without.answer.as_deref(),
            Some("reply to request 1"),
            "{without:?}"
        );
        assert!(with.noticed, "{with:?}");
        assert_eq!(
            with.answer, None,
            "the reply was lost with the connection: {with:?}"
        );
        // ANCHOR_END: rr6_silent_link_test
        agrees(judges::swallowed_reply(Retry::Wait, false, &without));
        agrees(judges::swallowed_reply(Retry::Wait, true, &with));
        Ok(())
    })
}

/// [`request::reply_swallowed_by_a_cut`] for each case, side by side.
fn swallowed_each(cases: &[(Retry, Option<Heartbeats>)]) -> Result<Vec<SwallowedReply>> {
    thread::scope(|scope| {
        let runs: Vec<_> = cases
            .iter()
            .map(|&(retry, hb)| {
                scope.spawn(move || request::reply_swallowed_by_a_cut(retry, hb))
            })
            .collect();
        runs.into_iter()
            .map(|run| run.join().expect("the experiment panicked"))
            .collect()
    })
}

/// RR6 — with `ZMQ_REQ_RELAXED` the REQ may ask again, and with `ZMQ_REQ_CORRELATE` the
/// late reply to its first request is dropped: it gets the reply to the second once the
/// link is back, heartbeats or not. A new socket (the Lazy Pirate) gets its answer too.
#[test]
fn rr6_a_relaxed_req_or_a_fresh_socket_asks_again_and_gets_the_new_reply() {
    watchdog(|| {
        // ANCHOR: rr6_retry_test
        let hb = Some(Heartbeats::LAB);
        let cases = [
            (Relaxed, None),
            (Relaxed, hb),
            (FreshSocket, None),
            (FreshSocket, hb),
        ];
        let outcomes = swallowed_each(&cases)?;
        assert_eq!(outcomes.len(), 4);
        for outcome in &outcomes {
            assert_eq!(outcome.resend, None, "{outcome:?}");
            let answer = outcome.answer.as_deref();
            assert_eq!(answer, Some("reply to request 2"), "{outcome:?}");
        }
        // ANCHOR_END: rr6_retry_test
        for (&(retry, hb), outcome) in cases.iter().zip(&outcomes) {
            agrees(judges::swallowed_reply(retry, hb.is_some(), outcome));
        }
        Ok(())
    })
}

/// RR4 — "谁先启动都一样": a REQ does reconnect by itself to a server that died and came back,
/// whichever way it died (killed, or stopped politely): but the request the dead server
/// had taken died with it, and a plain REQ waits for its reply for ever (the control
/// beside it: a new socket asking again is answered by the new server).
#[test]
fn rr4_a_server_that_dies_mid_request_and_comes_back_leaves_a_plain_req_stuck() {
    watchdog(|| {
        let server = Path::new(env!("CARGO_BIN_EXE_rr-server"));
        let outcomes = side_by_side(vec![
            Box::new(|| crash::server_stops_mid_request(server, Stop::Kill, Retry::Wait)),
            Box::new(|| {
                crash::server_stops_mid_request(server, Stop::Polite, Retry::Wait)
            }),
            Box::new(|| {
                crash::server_stops_mid_request(server, Stop::Kill, Retry::FreshSocket)
            }),
        ])?;
        for outcome in &outcomes {
            assert!(outcome.noticed.is_some(), "{outcome:?}");
            assert!(outcome.reconnected.is_some(), "{outcome:?}");
        }
        for stuck in &outcomes[..2] {
            assert_eq!(stuck.resend, Some(zmq::Error::EFSM), "{stuck:?}");
            assert_eq!(stuck.answer, None, "{stuck:?}");
        }
        assert_eq!(
            outcomes[2].answer.as_deref(),
            Some(crash::SECOND_REPLY),
            "the control"
        );
        let cases = [
            (Stop::Kill, Retry::Wait),
            (Stop::Polite, Retry::Wait),
            (Stop::Kill, Retry::FreshSocket),
        ];
        for ((stop, retry), outcome) in cases.into_iter().zip(&outcomes) {
            agrees(judges::server_restarted(stop, retry, outcome));
        }
        Ok(())
    })
}

/// RR4 — a relaxed, correlated REQ asks the restarted server again on the same socket,
/// and is answered.
#[test]
fn rr4_a_relaxed_req_asks_a_restarted_server_again_and_is_answered() {
    watchdog(|| {
        let server = Path::new(env!("CARGO_BIN_EXE_rr-server"));
        let outcome =
            crash::server_stops_mid_request(server, Stop::Kill, Retry::Relaxed)?;
        assert_eq!(outcome.resend, None, "{outcome:?}");
        assert_eq!(
            outcome.answer.as_deref(),
            Some(crash::SECOND_REPLY),
            "{outcome:?}"
        );
        agrees(judges::server_restarted(
            Stop::Kill,
            Retry::Relaxed,
            &outcome,
        ));
        Ok(())
    })
}

// ---------------------------------------------------------------- the figures

/// "min/median/max" of durations in milliseconds, and how many runs saw none within the
/// window.
fn times(seen: impl IntoIterator<Item = Option<Duration>>) -> String {
    let mut seen: Vec<Option<Duration>> = seen.into_iter().collect();
    let runs = seen.len();
    seen.retain(Option::is_some);
    let mut times: Vec<Duration> = seen.into_iter().flatten().collect();
    times.sort_unstable();
    let never = runs - times.len();
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let spread = match times.len() {
        0 => "—".to_string(),
        n => format!("{}/{}/{}", ms(times[0]), ms(times[n / 2]), ms(times[n - 1])),
    };
    match never {
        0 => spread,
        _ if never == runs => format!("none in {runs} runs"),
        _ => format!("{spread} (none in {never} of {runs})"),
    }
}

/// "min/median/max" of counts.
fn counts(seen: impl IntoIterator<Item = usize>) -> String {
    let mut seen: Vec<usize> = seen.into_iter().collect();
    seen.sort_unstable();
    zmq_workbook::claims::spread(&seen)
}

fn repeated<T: Send>(
    runs: usize,
    experiment: impl Fn() -> Result<T> + Sync,
) -> Result<Vec<T>> {
    (0..runs).map(|_| experiment()).collect()
}

const NONE: &str = "none";

/// The heartbeats of a row, and how many of its runs a stall disturbed and that were
/// repeated.
fn label(
    heartbeats: Option<Heartbeats>,
    repeats: impl IntoIterator<Item = usize>,
) -> String {
    let name = match heartbeats {
        None => NONE,
        Some(_) => "LAB",
    };
    match repeats.into_iter().sum::<usize>() {
        0 => name.to_string(),
        n => format!("{name} ({n} disturbed runs repeated)"),
    }
}

/// The table of figures: every experiment ten times, without and with heartbeats. Slow
/// (about a minute), so it runs only when asked: `scripts/network-figures`.
#[test]
#[ignore]
fn network_figures_over_ten_runs() {
    watchdog_long(|| {
        let runs = 10;
        let hb = Heartbeats::LAB;
        println!(
            "heartbeats LAB: interval {:?}, timeout {:?}, ttl {:?}; the pinging side notices within {:?}–{:?}, the peer by TTL within {:?}–{:?}; window {:?}; {runs} runs each\n",
            hb.interval, hb.timeout, hb.ttl, hb.timeout - hb.interval, hb.noticed_by(),
            hb.ttl - hb.interval, hb.ttl, zmq_workbook::claims::network::WINDOW,
        );
        println!("| experiment | heartbeats | noticed (ms, min/median/max) | lost (min/median/max) | more |");
        println!("|---|---|---|---|---|");
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || push::puller_cut_for_good(heartbeats))?;
            println!(
                "| PL5 PUSH, link to 1 of 2 pullers cut for good | {} | PUSH {}; puller {} | {} of 30 | after it noticed, the live puller got {} of 10 |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.push_noticed)),
                times(outcomes.iter().map(|o| o.puller_noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                counts(outcomes.iter().map(|o| o.near_after)),
            );
        }
        let outcomes = repeated(runs, || {
            push::puller_cut_for_good_pinged_by_the_push_alone(hb)
        })?;
        println!(
            "| PL5 PUSH, link to 1 of 2 pullers cut for good | {} on the PUSH alone | PUSH {}; puller (by TTL) {} | {} of 30 | after it noticed, the live puller got {} of 10 |",
            label(Some(hb), outcomes.iter().map(|o| o.repeated)),
            times(outcomes.iter().map(|o| o.push_noticed)),
            times(outcomes.iter().map(|o| o.puller_noticed)),
            counts(outcomes.iter().map(|o| o.lost.len())),
            counts(outcomes.iter().map(|o| o.near_after)),
        );
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || push::puller_cut_and_healed(heartbeats))?;
            println!(
                "| PL5 PUSH, link cut, then back | {} | PUSH {}; puller {} | {} of 30 | cut lasted {}; reconnected {} after the restore |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.push_noticed)),
                times(outcomes.iter().map(|o| o.puller_noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                times(outcomes.iter().map(|o| Some(o.cut_lasted))),
                times(outcomes.iter().map(|o| o.reconnected)),
            );
        }
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || push::puller_link_reset(heartbeats))?;
            println!(
                "| PL5 PUSH, link reset (host crashed and back) | {} | PUSH {}; puller {} | {} of 30 | reconnected {} after the reset |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.push_noticed)),
                times(outcomes.iter().map(|o| o.puller_noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                times(outcomes.iter().map(|o| o.reconnected)),
            );
        }
        let worker = Path::new(env!("CARGO_BIN_EXE_pl-worker"));
        for stop in [Stop::Kill, Stop::Polite] {
            let outcomes =
                repeated(runs, || crash::worker_stops_mid_stream(worker, stop))?;
            println!(
                "| PL5 pl-worker process stopped mid-stream: {stop:?} | {NONE} | ventilator {} | {} of 30 | the worker had been dealt {} of the last 10 |",
                times(outcomes.iter().map(|o| o.noticed)),
                counts(outcomes.iter().map(|o| o.lost.len())),
                counts(outcomes.iter().map(|o| o.dealt_to_worker)),
            );
        }
        for heartbeats in [None, Some(hb)] {
            let outcomes = repeated(runs, || publish::subscriber_cut_off(heartbeats))?;
            let missed = |far: &[usize]| {
                (0..publish::PUBLISHED).filter(|n| !far.contains(n)).count()
            };
            println!(
                "| PS5/PS7 SUB across a link cut, then back | {} | SUB {}; PUB {} | far SUB missed {} of 5; near SUB missed {} of 10 | cut lasted {}; resubscribed {} after the restore |",
                label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                times(outcomes.iter().map(|o| o.subscriber_noticed)),
                times(outcomes.iter().map(|o| o.publisher_noticed)),
                counts(outcomes.iter().map(|o| missed(&o.far))),
                counts(outcomes.iter().map(|o| 10 - o.near.len())),
                times(outcomes.iter().map(|o| Some(o.cut_lasted))),
                times(outcomes.iter().map(|o| o.resubscribed)),
            );
        }
        for retry in [Retry::Wait, Retry::Relaxed, Retry::FreshSocket] {
            for heartbeats in [None, Some(hb)] {
                let outcomes = repeated(runs, || {
                    request::reply_swallowed_by_a_cut(retry, heartbeats)
                })?;
                println!(
                    "| RR6 REQ, reply swallowed by a cut, then {retry:?} | {} | REQ noticed in {} of {runs} runs | replies lost: {} of {runs} runs | recv gave up after {}; resend: {:?}; answer {:?} {} after the restore |",
                    label(heartbeats, outcomes.iter().map(|o| o.repeated)),
                    outcomes.iter().filter(|o| o.noticed).count(),
                    outcomes.iter().filter(|o| o.answer.is_none()).count(),
                    times(outcomes.iter().map(|o| Some(o.gave_up_after))),
                    outcomes[0].resend,
                    outcomes[0].answer,
                    times(outcomes.iter().map(|o| o.answered_after)),
                );
            }
        }
        let server = Path::new(env!("CARGO_BIN_EXE_rr-server"));
        for (stop, retry) in [
            (Stop::Kill, Retry::Wait),
            (Stop::Polite, Retry::Wait),
            (Stop::Kill, Retry::Relaxed),
            (Stop::Kill, Retry::FreshSocket),
        ] {
            let outcomes = repeated(runs, || {
                crash::server_stops_mid_request(server, stop, retry)
            })?;
            println!(
                "| RR4 rr-server process stopped mid-request ({stop:?}), a new one started, then {retry:?} | {NONE} | REQ {} | unanswered in {} of {runs} runs | reconnected {} after the new server started; resend: {:?} |",
                times(outcomes.iter().map(|o| o.noticed)),
                outcomes.iter().filter(|o| o.answer.is_none()).count(),
                times(outcomes.iter().map(|o| o.reconnected)),
                outcomes[0].resend,
            );
        }
        Ok(())
    })
}

/// The figures take longer than the watchdog allows a claim test; they still may not
/// hang.
fn watchdog_long(body: impl FnOnce() -> Result<()> + Send + 'static) {
    let (done, outcome) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(body());
    });
    match outcome.recv_timeout(Duration::from_secs(600)) {
        Ok(result) => result.expect("the figures failed"),
        Err(_) => panic!("the figures did not finish within 10 minutes"),
    }
}

// ---------------------------------------------------------------- the evidence they give

mod evidence {
    //! The judges that put the network experiments' results in words for PL5, PS5, PS7,
    //! RR4 and RR6: fed another world, they read differently and disagree; fed a run that
    //! cannot prove its set-up, they refuse it. Each part is shown wrong alone.

    use std::os::unix::process::ExitStatusExt as _;
    use std::process::ExitStatus;
    use std::time::Duration;

    use zmq_workbook::claims::network::crash::{ServerRestarted, Stop, WorkerStopped};
    use zmq_workbook::claims::network::judges;
    use zmq_workbook::claims::network::publish::SubscriberCutOff;
    use zmq_workbook::claims::network::push::{CutAndHealed, CutForGood, LinkReset};
    use zmq_workbook::claims::network::request::{Retry, SwallowedReply, ASK_TIMEOUT};
    use zmq_workbook::claims::network::{End, Heartbeats, Link, WINDOW};
    use zmq_workbook::claims::Finding;
    use zmq_workbook::lab;

    const SOON: Option<Duration> = Some(Duration::from_millis(97));
    const BOUND_AT: &str = "tcp://127.0.0.1:10000";
    const RELAY_AT: &str = "tcp://127.0.0.1:10001";
    /// The raw status of a process ended by SIGKILL, and by SIGTERM.
    const KILLED: i32 = 9;
    const TERMINATED: i32 = 15;

    /// When each end noticed: the bound end at `noticed`, the far end a little later, each
    /// by its own monitor.
    fn both(noticed: Option<Duration>) -> [Option<Duration>; 2] {
        [noticed, noticed.map(|t| t + Duration::from_millis(7))]
    }

    /// Another time than `time`: a little later, or one where there was none.
    fn other(time: Option<Duration>) -> Option<Duration> {
        match time {
            Some(t) => Some(t + Duration::from_millis(23)),
            None => SOON,
        }
    }

    /// The other answer to "did it notice?".
    fn flip(noticed: Option<Duration>) -> Option<Duration> {
        match noticed {
            Some(_) => None,
            None => SOON,
        }
    }

    /// The set-up of a run that proves it: the far end behind the relay, `peers`
    /// connections each, the lab's heartbeats on both ends or none, each end's loss logged
    /// by its own monitor at `lost`, a cut that carried nothing, a whole window watched.
    fn link(heartbeats: bool, peers: [usize; 2], lost: [Option<Duration>; 2]) -> Link {
        let end = |endpoint: &str, connected, lost| End {
            endpoint: endpoint.into(),
            connected,
            heartbeats: heartbeats.then_some(Heartbeats::LAB),
            reconnect_ivl: lab::millis(zmq_workbook::claims::network::RECONNECT),
            lost,
        };
        Link {
            bound: end(BOUND_AT, peers[0], lost[0]),
            far: end(RELAY_AT, peers[1], lost[1]),
            relay: RELAY_AT.into(),
            carried_while_cut: 0,
            window: WINDOW,
            watched: WINDOW + Duration::from_millis(2),
        }
    }

    /// How a judge reads a link: whether it watches for a break nothing notices over a
    /// window, and whether it says when the bound end noticed.
    #[derive(Clone, Copy)]
    struct Reads {
        windowed: bool,
        bound_time: bool,
    }

    const ALL: Reads = Reads {
        windowed: true,
        bound_time: true,
    };

    /// Each part of a link's set-up wrong alone, and what is wrong.
    fn spoiled_links(good: &Link, reads: Reads) -> Vec<(&'static str, Link)> {
        let ms = Duration::from_millis;
        let heartbeats = good.far.heartbeats.is_some();
        let mut spoiled: Vec<(&'static str, Link)> = Vec::new();
        let mut spoil = |what, change: &dyn Fn(&mut Link)| {
            let mut link = good.clone();
            change(&mut link);
            spoiled.push((what, link));
        };
        spoil("the two ends named the wrong way round", &|l| {
            std::mem::swap(&mut l.bound.endpoint, &mut l.far.endpoint)
        });
        spoil("the far end connected past the relay", &|l| {
            l.far.endpoint = l.bound.endpoint.clone()
        });
        spoil("another transport", &|l| {
            l.bound.endpoint = "ipc:///tmp/bound.ipc".into()
        });
        spoil(
            "a peer of the bound end not connected before the break",
            &|l| l.bound.connected -= 1,
        );
        spoil("the far end not connected before the break", &|l| {
            l.far.connected = 0
        });
        spoil("the far end's heartbeats not the ones named", &|l| {
            l.far.heartbeats = match l.far.heartbeats {
                Some(_) => None,
                None => Some(Heartbeats::LAB),
            }
        });
        spoil("a TTL set in tenths, which libzmq reads as none", &|l| {
            l.bound.heartbeats = Some(Heartbeats {
                ttl: Duration::ZERO,
                ..Heartbeats::LAB
            })
        });
        spoil("the far end reconnecting at libzmq's default", &|l| {
            l.far.reconnect_ivl = 100
        });
        spoil("a cut link that carried bytes", &|l| {
            l.carried_while_cut = 64
        });
        spoil("the far end's time not logged by its own monitor", &|l| {
            l.far.lost = other(l.far.lost)
        });
        if reads.bound_time {
            spoil("the bound end's time not logged by its own monitor", &|l| {
                l.bound.lost = other(l.bound.lost)
            });
        }
        spoil("a window shorter than the heartbeats need", &|l| {
            l.window = ms(100);
            l.watched = ms(102);
        });
        if reads.windowed && !heartbeats {
            spoil("a window cut short", &|l| l.watched = ms(100));
            spoil("a window watched far longer than it says", &|l| {
                l.watched = 2 * l.window + lab::LATE_SLACK + ms(1)
            });
        }
        spoiled
    }

    /// A judge agrees with `good`, and refuses it with each part of its link's set-up wrong
    /// alone (see [`spoiled_links`]), saying that the set-up is not proven.
    fn refuses_each_spoiled_link<T: Clone>(
        good: &T,
        link_of: fn(&T) -> &Link,
        with_link: fn(&T, Link) -> T,
        reads: Reads,
        judge: impl Fn(&T) -> Finding,
    ) {
        let finding = judge(good);
        assert!(
            finding.agrees(),
            "the run that proves its set-up: {finding}"
        );
        for (what, link) in spoiled_links(link_of(good), reads) {
            let finding = judge(&with_link(good, link));
            assert!(!finding.agrees(), "{what}: {finding}");
            assert!(
                finding.to_string().contains("set-up not proven"),
                "{what}: {finding}"
            );
        }
    }

    /// A judge refuses each run, where only the part named is wrong: the set-up stands.
    fn each_alone<T>(runs: Vec<(&str, T)>, judge: impl Fn(&T) -> Finding) {
        for (what, run) in runs {
            let finding = judge(&run);
            assert!(!finding.agrees(), "{what}: {finding}");
            assert!(
                !finding.to_string().contains("set-up not proven"),
                "{what}: only that part is wrong: {finding}"
            );
        }
    }

    fn cut_with(
        heartbeats: bool,
        noticed: [Option<Duration>; 2],
        near_after: usize,
        lost: usize,
    ) -> CutForGood {
        CutForGood {
            before: [5, 5],
            push_noticed: noticed[0],
            puller_noticed: noticed[1],
            near_during: 5,
            near_after,
            lost: (0..lost).collect(),
            link: link(heartbeats, [2, 1], noticed),
            pusher_connects: false,
            immediate: false,
            repeated: 0,
        }
    }

    fn cut(noticed: Option<Duration>, near_after: usize, lost: usize) -> CutForGood {
        cut_with(noticed.is_some(), both(noticed), near_after, lost)
    }

    #[test]
    fn pl5_evidence_of_a_cut_for_good_counts_what_the_dead_puller_was_dealt() {
        assert!(judges::cut_for_good(false, &cut(None, 5, 10)).agrees());
        assert!(judges::cut_for_good(true, &cut(SOON, 10, 5)).agrees());
        let noticed_anyway =
            judges::cut_for_good(false, &cut_with(false, both(SOON), 10, 5));
        assert!(!noticed_anyway.agrees());
        assert!(
            noticed_anyway.evidence().contains("both ends noticed"),
            "{noticed_anyway}"
        );
        let still_dealt = judges::cut_for_good(true, &cut(SOON, 5, 10));
        assert!(
            !still_dealt.agrees() && still_dealt.evidence().contains("10 of 30 lost")
        );
        let only_the_push = cut_with(true, [SOON, None], 10, 5);
        let finding = judges::cut_for_good(true, &only_the_push);
        assert!(finding
            .evidence()
            .contains("the PUSH noticed, the puller did not"));
    }

    /// Every part of the evidence counts: from a run that agrees, one part changed at a
    /// time (the world changed with it: each end's own monitor logs what it says) makes a
    /// run that does not.
    #[test]
    fn pl5_evidence_of_a_cut_for_good_wants_every_part() {
        for heartbeats in [false, true] {
            let noticed = heartbeats.then_some(SOON).flatten();
            let (near_after, lost) = if heartbeats { (10, 5) } else { (5, 10) };
            let good = cut(noticed, near_after, lost);
            let finding = judges::cut_for_good(heartbeats, &good);
            assert!(finding.agrees(), "{finding}");
            // How soon is a figure, there only when someone noticed.
            let figure = finding
                .to_string()
                .contains("cut for good: noticed by the PUSH");
            assert_eq!(figure, heartbeats, "{finding}");
            let [push, puller] = both(noticed);
            let wrong = vec![
                (
                    "the PUSH",
                    cut_with(heartbeats, [flip(push), puller], near_after, lost),
                ),
                (
                    "the puller",
                    cut_with(heartbeats, [push, flip(puller)], near_after, lost),
                ),
                ("dealt after", cut(noticed, near_after - 1, lost)),
                ("lost", cut(noticed, near_after, lost - 1)),
                (
                    "the control",
                    CutForGood {
                        before: [6, 4],
                        ..good.clone()
                    },
                ),
                (
                    "dealt during",
                    CutForGood {
                        near_during: 6,
                        ..good.clone()
                    },
                ),
            ];
            each_alone(wrong, |run| judges::cut_for_good(heartbeats, run));
        }
    }

    /// A run that cannot prove its set-up proves nothing, each part alone; and two
    /// detection times that are really one, or a time the settings gave, are refused.
    #[test]
    fn pl5_evidence_of_a_cut_for_good_refuses_a_run_that_cannot_prove_its_set_up() {
        for heartbeats in [false, true] {
            let good = match heartbeats {
                true => cut(SOON, 10, 5),
                false => cut(None, 5, 10),
            };
            refuses_each_spoiled_link(
                &good,
                |run| &run.link,
                |run, link| CutForGood {
                    link,
                    ..run.clone()
                },
                ALL,
                |run| judges::cut_for_good(heartbeats, run),
            );
        }
        let good = cut(SOON, 10, 5);
        let one_for_both = CutForGood {
            puller_noticed: good.push_noticed,
            ..good.clone()
        };
        let settings = Some(Heartbeats::LAB.noticed_by());
        let from_the_settings = CutForGood {
            push_noticed: settings,
            puller_noticed: settings,
            ..good.clone()
        };
        for (what, run) in [
            ("two times that are really one", one_for_both),
            ("times the settings gave", from_the_settings),
        ] {
            let finding = judges::cut_for_good(true, &run);
            assert!(!finding.agrees(), "{what}: {finding}");
            assert!(
                finding.to_string().contains("by its own monitor"),
                "{what}: {finding}"
            );
        }
    }

    /// A connecting PUSH's run of a cut for good, both ends noticing, as the verdict has it.
    fn connecting_cut(immediate: bool) -> CutForGood {
        let (near_after, lost) = if immediate { (10, 5) } else { (5, 10) };
        let [push, puller] = both(SOON);
        CutForGood {
            before: [5, 5],
            push_noticed: push,
            puller_noticed: puller,
            near_during: 5,
            near_after,
            lost: (10..10 + lost).collect(),
            // The far puller is the bound end; the PUSH, behind the relay, the far one.
            link: link(true, [1, 2], [puller, push]),
            pusher_connects: true,
            immediate,
            repeated: 0,
        }
    }

    /// The judge of a connecting PUSH's cut, each part wrong alone, either way; and the
    /// judge of a binding PUSH's cut refuses a run whose PUSH connected.
    #[test]
    fn pl5_evidence_of_a_connecting_push_cut_for_good_wants_every_part() {
        for immediate in [false, true] {
            let good = connecting_cut(immediate);
            let judge =
                |run: &CutForGood| judges::connecting_cut_for_good(immediate, run);
            super::agrees(judge(&good));
            let (near_after, lost) = (good.near_after, good.lost.len());
            let wrong = vec![
                (
                    "the other way's dealing after the break",
                    CutForGood {
                        near_after: 15 - near_after,
                        ..good.clone()
                    },
                ),
                (
                    "one lost more",
                    CutForGood {
                        lost: (10..11 + lost).collect(),
                        ..good.clone()
                    },
                ),
                (
                    "the control",
                    CutForGood {
                        before: [6, 4],
                        ..good.clone()
                    },
                ),
                (
                    "dealt during",
                    CutForGood {
                        near_during: 6,
                        ..good.clone()
                    },
                ),
            ];
            each_alone(wrong, judge);
            refuses_each_spoiled_link(
                &good,
                |run| &run.link,
                |run, link| CutForGood {
                    link,
                    ..run.clone()
                },
                Reads {
                    windowed: false,
                    bound_time: true,
                },
                judge,
            );
            for (what, run) in [
                (
                    "the PUSH bound",
                    CutForGood {
                        pusher_connects: false,
                        ..good.clone()
                    },
                ),
                (
                    "ZMQ_IMMEDIATE the other way",
                    CutForGood {
                        immediate: !immediate,
                        ..good.clone()
                    },
                ),
            ] {
                let finding = judge(&run);
                assert!(
                    !finding.agrees()
                        && finding.to_string().contains("set-up not proven"),
                    "{what}: {finding}"
                );
            }
        }
        let connected = CutForGood {
            pusher_connects: true,
            ..cut(SOON, 10, 5)
        };
        let finding = judges::cut_for_good(true, &connected);
        assert!(
            !finding.agrees()
                && finding
                    .to_string()
                    .contains("set-up not proven: the PUSH connected"),
            "{finding}"
        );
    }

    fn healed_with(
        heartbeats: bool,
        noticed: [Option<Duration>; 2],
        reconnected: Option<Duration>,
        lost: usize,
    ) -> CutAndHealed {
        CutAndHealed {
            push_noticed: noticed[0],
            puller_noticed: noticed[1],
            cut_lasted: Duration::from_millis(300),
            reconnected,
            during: [5, 5],
            after: [5, 5],
            lost: (0..lost).collect(),
            link: link(heartbeats, [2, 1], noticed),
            repeated: 0,
        }
    }

    fn healed(noticed: Option<Duration>, lost: usize) -> CutAndHealed {
        healed_with(noticed.is_some(), both(noticed), noticed, lost)
    }

    /// Every part of a healed cut's evidence counts (see the cut for good).
    #[test]
    fn pl5_evidence_of_a_healed_cut_wants_every_part() {
        for heartbeats in [false, true] {
            let noticed = heartbeats.then_some(SOON).flatten();
            let lost = if heartbeats { 5 } else { 0 };
            let good = healed(noticed, lost);
            assert!(judges::cut_and_healed(heartbeats, &good).agrees());
            let [push, puller] = both(noticed);
            let wrong = vec![
                (
                    "the PUSH",
                    healed_with(heartbeats, [flip(push), puller], good.reconnected, lost),
                ),
                (
                    "the puller",
                    healed_with(heartbeats, [push, flip(puller)], good.reconnected, lost),
                ),
                (
                    "reconnected",
                    healed_with(heartbeats, [push, puller], flip(good.reconnected), lost),
                ),
                (
                    "lost",
                    CutAndHealed {
                        lost: vec![29; good.lost.len() + 1],
                        ..good.clone()
                    },
                ),
                (
                    "after",
                    CutAndHealed {
                        after: [6, 4],
                        ..good.clone()
                    },
                ),
            ];
            each_alone(wrong, |run| judges::cut_and_healed(heartbeats, run));
        }
    }

    #[test]
    fn pl5_evidence_of_a_healed_cut_refuses_a_run_that_cannot_prove_its_set_up() {
        for heartbeats in [false, true] {
            let good = match heartbeats {
                true => healed(SOON, 5),
                false => healed(None, 0),
            };
            refuses_each_spoiled_link(
                &good,
                |run| &run.link,
                |run, link| CutAndHealed {
                    link,
                    ..run.clone()
                },
                ALL,
                |run| judges::cut_and_healed(heartbeats, run),
            );
        }
    }

    #[test]
    fn pl5_evidence_of_a_healed_cut_says_what_heartbeats_lost() {
        assert!(judges::cut_and_healed(false, &healed(None, 0)).agrees());
        assert!(judges::cut_and_healed(true, &healed(SOON, 5)).agrees());
        let lossless = judges::cut_and_healed(true, &healed(SOON, 0));
        assert!(!lossless.agrees() && lossless.evidence().contains("0 of 30 lost"));
        assert!(!judges::cut_and_healed(false, &healed(None, 5)).agrees());
        let one_sided = CutAndHealed {
            after: [0, 10],
            ..healed(None, 0)
        };
        assert!(judges::cut_and_healed(false, &one_sided)
            .evidence()
            .contains("0, 10"));
        assert!(!judges::cut_and_healed(false, &one_sided).agrees());
    }

    fn reset(
        noticed: [Option<Duration>; 2],
        reconnected: Option<Duration>,
        lost: usize,
    ) -> LinkReset {
        LinkReset {
            push_noticed: noticed[0],
            puller_noticed: noticed[1],
            reconnected,
            during: [0, 5],
            after: [5, 5],
            lost: (0..lost).collect(),
            link: Link {
                window: lab::BOUND,
                ..link(false, [2, 1], noticed)
            },
            repeated: 0,
        }
    }

    #[test]
    fn pl5_evidence_of_a_reset_wants_both_ends_to_notice_and_the_puller_back() {
        let early = Some(Duration::from_millis(1));
        // However late: a loaded machine delays the news of a reset, it cannot make it
        // up.
        let late = judges::link_reset(
            false,
            &reset([early, Some(Duration::from_secs(1))], SOON, 5),
        );
        assert!(late.agrees(), "{}", late.evidence());
        assert_eq!(
            late.evidence(),
            "a reset (the far host came back), without heartbeats: both ends noticed; the \
             puller connected again; 5 of 30 lost, what was on its way"
        );
        let unnoticed = judges::link_reset(false, &reset([early, None], SOON, 5));
        assert!(!unnoticed.agrees());
        assert!(unnoticed
            .evidence()
            .contains("the PUSH noticed, the puller did not"));
        let gone = judges::link_reset(false, &reset([early, early], None, 5));
        assert!(!gone.agrees() && gone.evidence().contains("never connected again"));
        assert!(!judges::link_reset(false, &reset([early, early], SOON, 0)).agrees());
        let push_unaware = reset([None, SOON], SOON, 5);
        assert!(!judges::link_reset(false, &push_unaware).agrees());
        refuses_each_spoiled_link(
            &reset(both(SOON), SOON, 5),
            |run| &run.link,
            |run, link| LinkReset {
                link,
                ..run.clone()
            },
            Reads {
                windowed: false,
                ..ALL
            },
            |run| judges::link_reset(false, run),
        );
    }

    /// The worker's share of the tasks pushed just before the stop: 10, 12, …, 18.
    fn stopped(exit: i32, lost: &[usize]) -> WorkerStopped {
        WorkerStopped {
            noticed: SOON,
            dealt_to_worker: 5,
            lost: lost.to_vec(),
            exit: ExitStatus::from_raw(exit),
            ventilator: lab::Ready {
                endpoint: BOUND_AT.into(),
                peers: 2,
            },
            sink_peers: 1,
        }
    }

    #[test]
    fn pl5_evidence_of_a_stopped_worker_tells_a_kill_from_a_polite_stop() {
        let all = [10, 12, 14, 16, 18];
        let kill = judges::worker_stopped(Stop::Kill, &stopped(KILLED, &all));
        assert!(kill.agrees(), "{kill}");
        assert!(kill.to_string().contains("5 of its 5 lost"), "{kill}");
        // It passed two on before the kill came: the three others are lost.
        let part = judges::worker_stopped(Stop::Kill, &stopped(KILLED, &all[2..]));
        assert!(part.agrees() && part.to_string().contains("3 of its 5 lost"));
        assert_eq!(kill.evidence(), part.evidence(), "the count is a figure");
        assert!(judges::worker_stopped(Stop::Polite, &stopped(0, &[])).agrees());
        // Asked politely, it must end by itself: one that died of the SIGTERM never
        // handled it, and proves no polite stop.
        let died = judges::worker_stopped(Stop::Polite, &stopped(TERMINATED, &[]));
        assert!(!died.agrees(), "a polite stop it died of: {died}");
        let polite_loss = judges::worker_stopped(Stop::Polite, &stopped(0, &all));
        assert!(!polite_loss.agrees() && polite_loss.evidence().contains("5 lost"));
        assert!(!judges::worker_stopped(Stop::Kill, &stopped(KILLED, &[])).agrees());
        let beyond = judges::worker_stopped(Stop::Kill, &stopped(KILLED, &[3, 10]));
        assert!(!beyond.agrees(), "a task outside its share lost: {beyond}");
        assert!(beyond.evidence().contains("2 lost (3, 10)"), "{beyond}");
        let more = judges::worker_stopped(
            Stop::Kill,
            &stopped(KILLED, &[10, 11, 12, 13, 14, 15]),
        );
        assert!(!more.agrees(), "more lost than it was dealt: {more}");
        let never_dealt = WorkerStopped {
            dealt_to_worker: 0,
            ..stopped(KILLED, &[])
        };
        let finding = judges::worker_stopped(Stop::Kill, &never_dealt);
        assert!(
            !finding.agrees(),
            "a killed worker never dealt its share: {finding}"
        );
        assert!(
            finding.evidence().contains("of the 0 tasks dealt to it"),
            "{finding}"
        );
    }

    /// A stop the judge cannot prove was the one it names proves nothing: a "SIGKILL" the
    /// process did not die of, a polite stop it did, a pipeline not connected before.
    #[test]
    fn pl5_evidence_of_a_stopped_worker_refuses_a_run_that_cannot_prove_its_set_up() {
        let all = [10, 12, 14, 16, 18];
        let wrong = [
            (Stop::Kill, "a kill by SIGTERM", stopped(TERMINATED, &all)),
            (Stop::Kill, "a kill it survived", stopped(0, &all)),
            (
                Stop::Polite,
                "a polite stop it died of",
                stopped(KILLED, &[]),
            ),
            (
                Stop::Kill,
                "another transport",
                WorkerStopped {
                    ventilator: lab::Ready {
                        endpoint: "ipc:///tmp/tasks.ipc".into(),
                        peers: 2,
                    },
                    ..stopped(KILLED, &all)
                },
            ),
            (
                Stop::Kill,
                "the other puller not connected",
                WorkerStopped {
                    ventilator: lab::Ready {
                        endpoint: BOUND_AT.into(),
                        peers: 1,
                    },
                    ..stopped(KILLED, &all)
                },
            ),
            (
                Stop::Kill,
                "the worker not connected to the sink",
                WorkerStopped {
                    sink_peers: 0,
                    ..stopped(KILLED, &all)
                },
            ),
        ];
        for (stop, what, run) in wrong {
            let finding = judges::worker_stopped(stop, &run);
            assert!(!finding.agrees(), "{what}: {finding}");
            assert!(
                finding.to_string().contains("set-up not proven"),
                "{what}: {finding}"
            );
        }
    }

    fn cut_off_with(
        heartbeats: bool,
        noticed: [Option<Duration>; 2],
        resubscribed: Option<Duration>,
        far: std::ops::Range<usize>,
    ) -> SubscriberCutOff {
        SubscriberCutOff {
            subscriber_noticed: noticed[1],
            publisher_noticed: noticed[0],
            cut_lasted: Duration::from_millis(300),
            resubscribed,
            far: far.collect(),
            near: (0..10).collect(),
            link: link(heartbeats, [2, 1], noticed),
            subscribed: 2,
            unread_subscriptions: 0,
            repeated: 0,
        }
    }

    fn cut_off(
        noticed: Option<Duration>,
        far: std::ops::Range<usize>,
    ) -> SubscriberCutOff {
        cut_off_with(noticed.is_some(), both(noticed), noticed, far)
    }

    /// Every part of a subscriber's silent-link evidence counts (see the cut for good).
    #[test]
    fn ps5_evidence_of_a_silent_link_wants_every_part() {
        for heartbeats in [false, true] {
            let (noticed, far) = match heartbeats {
                true => (SOON, 5..10),
                false => (None, 0..10),
            };
            let good = cut_off(noticed, far.clone());
            assert!(judges::subscriber_cut_off(heartbeats, &good).agrees());
            let [publisher, subscriber] = both(noticed);
            let resubscribed = good.resubscribed;
            let wrong = vec![
                (
                    "the subscriber",
                    cut_off_with(
                        heartbeats,
                        [publisher, flip(subscriber)],
                        resubscribed,
                        far.clone(),
                    ),
                ),
                (
                    "the publisher",
                    cut_off_with(
                        heartbeats,
                        [flip(publisher), subscriber],
                        resubscribed,
                        far.clone(),
                    ),
                ),
                (
                    "resubscribed",
                    cut_off_with(
                        heartbeats,
                        both(noticed),
                        flip(resubscribed),
                        far.clone(),
                    ),
                ),
                (
                    "far",
                    SubscriberCutOff {
                        far: good.far[1..].to_vec(),
                        ..good.clone()
                    },
                ),
                (
                    "near",
                    SubscriberCutOff {
                        near: (1..10).collect(),
                        ..good.clone()
                    },
                ),
            ];
            each_alone(wrong, |run| judges::subscriber_cut_off(heartbeats, run));
        }
        let nothing = judges::subscriber_cut_off(true, &cut_off(SOON, 0..0));
        assert!(
            nothing.evidence().contains(
                "got 0 of the 5 published during the cut and 0 of the 5 after (nothing)"
            ),
            "{nothing}"
        );
    }

    #[test]
    fn ps5_evidence_of_a_silent_link_refuses_a_run_that_cannot_prove_its_set_up() {
        for heartbeats in [false, true] {
            let good = match heartbeats {
                true => cut_off(SOON, 5..10),
                false => cut_off(None, 0..10),
            };
            refuses_each_spoiled_link(
                &good,
                |run| &run.link,
                |run, link| SubscriberCutOff {
                    link,
                    ..run.clone()
                },
                ALL,
                |run| judges::subscriber_cut_off(heartbeats, run),
            );
            let wrong = [
                (
                    "one subscriber subscribed before the cut",
                    SubscriberCutOff {
                        subscribed: 1,
                        ..good.clone()
                    },
                ),
                (
                    "published before the far subscriber was subscribed again",
                    SubscriberCutOff {
                        unread_subscriptions: 1,
                        ..good.clone()
                    },
                ),
            ];
            for (what, run) in wrong {
                let finding = judges::subscriber_cut_off(heartbeats, &run);
                assert!(!finding.agrees(), "{what}: {finding}");
                assert!(
                    finding.to_string().contains("set-up not proven"),
                    "{what}: {finding}"
                );
            }
        }
    }

    #[test]
    fn ps5_evidence_of_a_silent_link_says_whether_the_backlog_came() {
        assert!(judges::subscriber_cut_off(false, &cut_off(None, 0..10)).agrees());
        assert!(judges::subscriber_cut_off(true, &cut_off(SOON, 5..10)).agrees());
        let only_new = judges::subscriber_cut_off(false, &cut_off(None, 5..10));
        assert!(!only_new.agrees());
        assert!(only_new
            .evidence()
            .contains("got 0 of the 5 published during the cut"));
        assert!(!judges::subscriber_cut_off(true, &cut_off(SOON, 0..10)).agrees());
        let disturbed = SubscriberCutOff {
            near: (0..9).collect(),
            ..cut_off(None, 0..10)
        };
        let finding = judges::subscriber_cut_off(false, &disturbed);
        assert!(!finding.agrees() && finding.evidence().contains("got 9 of 10"));
    }

    /// A reply swallowed by a cut, as a run with or without heartbeats proves it: the REQ
    /// noticed (its own monitor logged it) only with them, and, if it dropped its
    /// connection, was connected again before it listened for the late reply.
    fn swallowed(
        heartbeats: bool,
        resend: Option<zmq::Error>,
        answer: Option<&str>,
    ) -> SwallowedReply {
        swallowed_noticing(heartbeats, heartbeats, resend, answer)
    }

    /// As [`swallowed`], in a world where the REQ noticed or not, whatever its heartbeats.
    fn swallowed_noticing(
        heartbeats: bool,
        noticed: bool,
        resend: Option<zmq::Error>,
        answer: Option<&str>,
    ) -> SwallowedReply {
        let noticed_after = noticed.then_some(SOON).flatten();
        let link = link(heartbeats, [1, 1], [None, noticed_after]);
        SwallowedReply {
            noticed,
            gave_up_after: Duration::from_millis(151),
            resend,
            answer: answer.map(str::to_string),
            answered_after: SOON,
            noticed_after,
            rcvtimeo: lab::millis(ASK_TIMEOUT),
            reconnected: noticed_after,
            link: Link {
                bound: End {
                    heartbeats: None,
                    ..link.bound.clone()
                },
                ..link
            },
            repeated: 0,
        }
    }

    #[test]
    fn rr6_evidence_of_a_swallowed_reply_names_what_the_req_got() {
        let efsm = Some(zmq::Error::EFSM);
        assert!(
            judges::swallowed_reply(Retry::Wait, true, &swallowed(true, efsm, None))
                .agrees()
        );
        let relaxed = swallowed(true, None, Some("reply to request 2"));
        assert!(judges::swallowed_reply(Retry::Relaxed, true, &relaxed).agrees());
        assert!(judges::swallowed_reply(Retry::FreshSocket, true, &relaxed).agrees());
        let late = swallowed(true, None, Some("reply to request 1"));
        let finding = judges::swallowed_reply(Retry::Relaxed, true, &late);
        assert!(
            !finding.agrees() && finding.evidence().contains("\"reply to request 1\"")
        );
        let impatient = SwallowedReply {
            gave_up_after: Duration::from_millis(2),
            ..swallowed(true, efsm, None)
        };
        assert!(!judges::swallowed_reply(Retry::Wait, true, &impatient).agrees());
        let waited = Some("reply to request 1");
        let without = swallowed(false, efsm, waited);
        assert!(judges::swallowed_reply(Retry::Wait, false, &without).agrees());
        // Each alone, the rest of the run as its world would make it.
        let unnoticed = swallowed_noticing(true, false, efsm, None);
        let noticed_anyway = swallowed_noticing(false, true, efsm, waited);
        each_alone(
            vec![("with heartbeats, a REQ that did not notice", unnoticed)],
            |run| judges::swallowed_reply(Retry::Wait, true, run),
        );
        each_alone(
            vec![("without heartbeats, a REQ that noticed", noticed_anyway)],
            |run| judges::swallowed_reply(Retry::Wait, false, run),
        );
    }

    #[test]
    fn rr6_evidence_of_a_swallowed_reply_refuses_a_run_that_cannot_prove_its_set_up() {
        let efsm = Some(zmq::Error::EFSM);
        for heartbeats in [false, true] {
            let answer = (!heartbeats).then_some("reply to request 1");
            let good = swallowed(heartbeats, efsm, answer);
            let judge = |run: &SwallowedReply| {
                judges::swallowed_reply(Retry::Wait, heartbeats, run)
            };
            refuses_each_spoiled_link(
                &good,
                |run| &run.link,
                |run, link| SwallowedReply {
                    link,
                    ..run.clone()
                },
                Reads {
                    bound_time: false,
                    ..ALL
                },
                judge,
            );
            let mut wrong = vec![
                (
                    "another receive timeout",
                    SwallowedReply {
                        rcvtimeo: 1000,
                        ..good.clone()
                    },
                ),
                (
                    "noticed, by no loss its monitor reported",
                    SwallowedReply {
                        noticed: !good.noticed,
                        ..good.clone()
                    },
                ),
            ];
            if heartbeats {
                wrong.push((
                    "listened for the late reply before it was connected again",
                    SwallowedReply {
                        reconnected: None,
                        ..good.clone()
                    },
                ));
            }
            for (what, run) in wrong {
                let finding = judge(&run);
                assert!(!finding.agrees(), "{what}: {finding}");
                assert!(
                    finding.to_string().contains("set-up not proven"),
                    "{what}: {finding}"
                );
            }
        }
    }

    fn restarted(
        stop: Stop,
        resend: Option<zmq::Error>,
        answer: Option<&str>,
    ) -> ServerRestarted {
        ServerRestarted {
            noticed: SOON,
            reconnected: SOON,
            resend,
            answer: answer.map(str::to_string),
            first_exit: ExitStatus::from_raw(match stop {
                Stop::Kill => KILLED,
                Stop::Polite => 1 << 8, // exit code 1: it said what it left unanswered
            }),
            client: lab::Ready {
                endpoint: BOUND_AT.into(),
                peers: 1,
            },
        }
    }

    #[test]
    fn rr4_evidence_of_a_restarted_server_says_who_was_answered() {
        let efsm = Some(zmq::Error::EFSM);
        let stuck = restarted(Stop::Kill, efsm, None);
        assert!(judges::server_restarted(Stop::Kill, Retry::Wait, &stuck).agrees());
        let polite = restarted(Stop::Polite, efsm, None);
        assert!(judges::server_restarted(Stop::Polite, Retry::Wait, &polite).agrees());
        let answered = restarted(Stop::Kill, None, Some("from the second server"));
        assert!(judges::server_restarted(Stop::Kill, Retry::Relaxed, &answered).agrees());
        let finding = judges::server_restarted(Stop::Kill, Retry::Wait, &answered);
        assert!(
            !finding.agrees() && finding.evidence().contains("asking again: accepted")
        );
        let never_back = ServerRestarted {
            reconnected: None,
            ..restarted(Stop::Polite, efsm, None)
        };
        let finding = judges::server_restarted(Stop::Polite, Retry::Wait, &never_back);
        assert!(!finding.agrees() && finding.evidence().contains("never connected"));
    }

    #[test]
    fn rr4_evidence_of_a_restarted_server_refuses_a_run_that_cannot_prove_its_set_up() {
        let efsm = Some(zmq::Error::EFSM);
        let wrong = [
            (
                Stop::Kill,
                "a kill by SIGTERM",
                ServerRestarted {
                    first_exit: ExitStatus::from_raw(TERMINATED),
                    ..restarted(Stop::Kill, efsm, None)
                },
            ),
            (
                Stop::Polite,
                "a polite stop it died of",
                ServerRestarted {
                    first_exit: ExitStatus::from_raw(KILLED),
                    ..restarted(Stop::Polite, efsm, None)
                },
            ),
            (
                Stop::Polite,
                "a polite stop whose SIGTERM it died of",
                ServerRestarted {
                    first_exit: ExitStatus::from_raw(TERMINATED),
                    ..restarted(Stop::Polite, efsm, None)
                },
            ),
            (
                Stop::Kill,
                "another transport",
                ServerRestarted {
                    client: lab::Ready {
                        endpoint: "ipc:///tmp/server.ipc".into(),
                        peers: 1,
                    },
                    ..restarted(Stop::Kill, efsm, None)
                },
            ),
            (
                Stop::Kill,
                "the REQ not connected before the stop",
                ServerRestarted {
                    client: lab::Ready {
                        endpoint: BOUND_AT.into(),
                        peers: 0,
                    },
                    ..restarted(Stop::Kill, efsm, None)
                },
            ),
        ];
        for (stop, what, run) in wrong {
            let finding = judges::server_restarted(stop, Retry::Wait, &run);
            assert!(!finding.agrees(), "{what}: {finding}");
            assert!(
                finding.to_string().contains("set-up not proven"),
                "{what}: {finding}"
            );
        }
    }
}

/// The "in your own program" lines of the network page: heartbeats set with them on both
/// ends notice a cut link, which without them goes unnoticed over the same window.
#[test]
fn network_in_your_own_program_heartbeats_notice_a_cut_link() {
    watchdog(|| {
        let outcome = without_and_with(|heartbeats| {
            let lab = Lab::new()?;
            let server = lab.watch(lab.socket(zmq::PULL)?)?;
            let client = lab.watch(lab.socket(zmq::PUSH)?)?;
            if heartbeats.is_some() {
                zmq_workbook::claims::network::with_heartbeats(&server.socket, 20, 100)?;
                zmq_workbook::claims::network::with_heartbeats(&client.socket, 20, 100)?;
            }
            let relay = Relay::start(&lab.bind(&server.socket, Transport::Tcp)?)?;
            client.socket.connect(&relay.endpoint())?;
            let mut client = client;
            client.wait_handshakes(1)?;
            relay.cut()?;
            // Heartbeats are waited for on evidence; without them, the window passes.
            let window = match heartbeats {
                Some(_) => BOUND,
                None => zmq_workbook::claims::network::WINDOW,
            };
            let lost = zmq::SocketEvent::DISCONNECTED;
            Ok(client.wait_for(lost, 1, window).is_ok())
        })?;
        assert_eq!(
            outcome,
            (false, true),
            "noticed without and with heartbeats"
        );
        Ok(())
    })
}

/// The window in which "nobody noticed" is watched outlasts, twice over, the latest the lab's
/// heartbeats can notice a silent link (a PING just before the cut, its timeout a full
/// interval later): so the positive control, with heartbeats, always fits in it.
#[test]
fn network_window_outlasts_what_heartbeats_take_to_notice() {
    let latest = Heartbeats::LAB.noticed_by();
    assert_eq!(latest, Heartbeats::LAB.interval + Heartbeats::LAB.timeout);
    assert!(
        zmq_workbook::claims::network::WINDOW >= 2 * latest,
        "{latest:?}"
    );
}

/// The heartbeats an experiment names are read back from each socket: the lab's, as set;
/// none, on a socket that sets none; and a TTL given in tenths of a second (2 for 200 ms)
/// reads back as none at all, since libzmq takes milliseconds and keeps whole tenths.
#[test]
fn network_heartbeats_are_read_back_from_the_socket() {
    watchdog(|| {
        let lab = Lab::new()?;
        let with = zmq_workbook::claims::network::socket(
            &lab,
            zmq::PUSH,
            Some(Heartbeats::LAB),
        )?;
        assert_eq!(Heartbeats::of(&with)?, Some(Heartbeats::LAB));
        let without = lab.socket(zmq::PUSH)?;
        assert_eq!(Heartbeats::of(&without)?, None);
        let in_tenths = lab.socket(zmq::PUSH)?;
        Heartbeats::LAB.apply(&in_tenths)?;
        in_tenths.set_heartbeat_ttl(2)?;
        let read = Heartbeats::of(&in_tenths)?;
        assert_eq!(
            read,
            Some(Heartbeats {
                ttl: Duration::ZERO,
                ..Heartbeats::LAB
            })
        );
        assert_eq!(
            Heartbeats::named(read),
            "interval 20 ms, timeout 100 ms, TTL 0 ms"
        );
        Ok(())
    })
}

/// A run a stall disturbed is run again, at most `ATTEMPTS` times, and says so when it
/// fails; any other failure is the result at once.
#[test]
fn network_a_disturbed_run_is_repeated_a_bounded_number_of_times() {
    // Under the watchdog: a count of repeats that never grows would loop for ever.
    watchdog(|| {
        use zmq_workbook::claims::network::{undisturbed, Disturbed, ATTEMPTS};
        let mut runs = 0;
        let (outcome, repeated) = undisturbed(|| {
            runs += 1;
            if runs < 2 {
                return Err(Disturbed("a stall".into()).into());
            }
            Ok(runs)
        })?;
        assert_eq!((outcome, repeated), (2, 1));

        let mut runs = 0;
        let failed = undisturbed(|| -> anyhow::Result<()> {
            runs += 1;
            Err(Disturbed(format!("stall {runs}")).into())
        })
        .expect_err("it failed");
        assert_eq!(runs, ATTEMPTS);
        assert_eq!(
            failed.to_string(),
            format!("a stall of the machine disturbed the run: stall {ATTEMPTS}")
        );

        let mut runs = 0;
        let failed = undisturbed(|| -> anyhow::Result<()> {
            runs += 1;
            bail!("the world is otherwise")
        })
        .expect_err("it failed");
        assert_eq!(
            (runs, failed.to_string()),
            (1, "the world is otherwise".into())
        );
        Ok(())
    })
}

/// Heartbeats that noticed within the window showed what it claims; later than it, the
/// machine stalled, and the run is disturbed.
#[test]
fn network_a_verdict_later_than_the_window_disturbs_the_run() {
    use zmq_workbook::claims::network::{in_time, Disturbed, WINDOW};
    assert!(in_time("PUSH", None).is_ok());
    assert!(in_time("PUSH", Some(WINDOW)).is_ok());
    let late = in_time("PUSH", Some(WINDOW + Duration::from_millis(1))).unwrap_err();
    assert!(late.is::<Disturbed>(), "{late}");
    assert!(
        late.to_string()
            .contains("the PUSH noticed only after 301ms"),
        "{late}"
    );
}

/// A run is disturbed when a socket lost more connections than the run can cause, or
/// failed while one was lost; otherwise its outcome stands, a failure included.
#[test]
fn network_settle_tells_a_disturbed_run_from_the_worlds_answer() {
    use zmq_workbook::claims::network::{settle, Disturbed};
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        // ipc: no other socket can be given its address once it is gone.
        let endpoint = lab.bind(&server, Transport::Ipc)?;
        let mut lost_one = lab.watch(lab.socket(zmq::REQ)?)?;
        lost_one.socket.connect(&endpoint)?;
        lost_one.wait_handshakes(1)?;
        drop(server);
        lost_one.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
        let mut lost_none = lab.watch(lab.socket(zmq::REQ)?)?;

        let ok = || anyhow::Ok(5);
        let failed = || -> Result<i32> { bail!("the world is otherwise") };
        assert_eq!(settle(ok(), &mut [("REQ", &mut lost_none, 0)])?, 5);
        assert_eq!(settle(ok(), &mut [("REQ", &mut lost_one, 1)])?, 5);
        let too_many = settle(ok(), &mut [("REQ", &mut lost_one, 0)]).unwrap_err();
        assert!(too_many.is::<Disturbed>(), "{too_many}");
        assert!(
            too_many
                .to_string()
                .ends_with("the REQ lost 1 connections, where only 0 could fail"),
            "{too_many}"
        );
        let during = settle(failed(), &mut [("REQ", &mut lost_one, 1)]).unwrap_err();
        assert!(
            during
                .to_string()
                .ends_with("could fail, and the run failed: the world is otherwise"),
            "{during}"
        );
        let answer = settle(failed(), &mut [("REQ", &mut lost_none, 0)]).unwrap_err();
        assert!(!answer.is::<Disturbed>(), "{answer}");
        Ok(())
    })
}

/// How a program is stopped: politely, one that reads its input sees it end (`cat` exits
/// by itself) and one that reads none gets SIGTERM (`sleep` dies of it); killed, SIGKILL.
#[test]
fn network_a_program_is_stopped_as_the_stop_says() {
    watchdog(|| {
        use std::os::unix::process::ExitStatusExt as _;
        let mut reads = crash::Program::start(Path::new("cat"), &[], "")?;
        reads.stop(Stop::Polite)?;
        let exit = reads.ended()?;
        assert_eq!((exit.code(), exit.signal()), (Some(0), None), "{exit}");
        let sleeps = || crash::Program::start_without_input(Path::new("sleep"), &["30"]);
        for (stop, signal) in [(Stop::Polite, libc::SIGTERM), (Stop::Kill, libc::SIGKILL)]
        {
            let mut program = sleeps()?;
            program.stop(stop)?;
            let exit = program.ended()?;
            assert_eq!(exit.signal(), Some(signal), "{stop:?}: {exit}");
        }
        Ok(())
    })
}

/// A program the experiments started is stopped and reaped when it is dropped, whatever
/// the experiment did with it: none outlives its test.
#[test]
fn network_a_program_is_stopped_when_dropped() {
    watchdog(|| {
        let program = crash::Program::start(Path::new("sleep"), &["30"], "")?;
        let process = format!("/proc/{}", program.id());
        assert!(Path::new(&process).exists(), "the control: it runs");
        drop(program);
        assert!(
            !Path::new(&process).exists(),
            "it still runs, or was not reaped"
        );
        Ok(())
    })
}

/// A time reported for a socket comes from an event its monitor logged after the moment
/// it is measured from: an event logged before it (the handshake, before a break) is
/// not "noticed at 0 ms". The control: measured from before, it is found.
#[test]
fn network_an_event_logged_before_the_break_is_not_the_break_noticed() {
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::PULL)?;
        let endpoint = lab.bind(&server, Transport::Tcp)?;
        let before = Instant::now();
        let mut client = lab.watch(lab.socket(zmq::PUSH)?)?;
        client.socket.connect(&endpoint)?;
        client.wait_handshakes(1)?;
        let handshake = zmq::SocketEvent::HANDSHAKE_SUCCEEDED;
        let after = Instant::now();
        assert_eq!(
            zmq_workbook::claims::network::logged(&mut client, handshake, 1, after)?,
            None
        );
        let found =
            zmq_workbook::claims::network::logged(&mut client, handshake, 1, before)?;
        assert!(
            found.is_some_and(|at| at <= after - before),
            "the control: from before the connect, the handshake is found ({found:?})"
        );
        Ok(())
    })
}

/// A watch of a silent break that overran its window by more than a stall explains is a
/// run the machine disturbed (and is run again), not evidence; a watch of its length, or
/// one that heartbeats may end late, is evidence.
#[test]
fn network_a_watch_a_stall_held_up_is_a_disturbed_run() {
    let end = |heartbeats| zmq_workbook::claims::network::End {
        endpoint: "tcp://127.0.0.1:1".into(),
        connected: 1,
        heartbeats,
        reconnect_ivl: 20,
        lost: None,
    };
    let link = |heartbeats| zmq_workbook::claims::network::Link {
        bound: end(None),
        far: end(heartbeats),
        relay: "tcp://127.0.0.1:2".into(),
        carried_while_cut: 0,
        window: Duration::from_millis(300),
        watched: Duration::ZERO,
    };
    let limit = 2 * Duration::from_millis(300) + lab::LATE_SLACK;
    let mut silent = link(None);
    silent
        .watched_for(limit)
        .expect("a watch at its limit is evidence");
    assert_eq!(silent.watched, limit);
    let overran = silent.watched_for(limit + Duration::from_millis(1));
    let error = overran.expect_err("a watch past its limit must be a disturbed run");
    assert!(
        error.is::<zmq_workbook::claims::network::Disturbed>(),
        "{error}"
    );
    link(Some(Heartbeats::LAB))
        .watched_for(lab::BOUND)
        .expect("heartbeats may end a watch as late as the bound");
}
