//! The relay that plays a dead link: first with plain tcp, then with ZeroMQ.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context as _, Result};
use zmq_workbook::lab::relay::Relay;
use zmq_workbook::lab::{self, Lab, Transport, BOUND, SILENCE};

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
