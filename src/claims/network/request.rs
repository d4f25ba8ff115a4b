//! A REQ waiting for a reply that a silent link swallowed (RR6: one question, one
//! answer), and the three things it can do about it. The heartbeats, when there are any,
//! are set on the REQ.

use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use super::Link;
use super::{in_time, settle, socket, undisturbed, watch_until, when, Heartbeats};
use crate::lab::relay::Relay;
use crate::lab::{self, Lab, Transport, Watched, BOUND, SILENCE};

/// How long the client waits for a reply before it gives up on it (its `ZMQ_RCVTIMEO`):
/// longer than [`Heartbeats::LAB`] take to notice a dead link, so that a REQ that asks
/// again on the same socket does so on a new connection, not into the dead one.
pub const ASK_TIMEOUT: Duration = Duration::from_millis(150);

/// What a REQ client does once a reply is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Nothing but wait: a plain REQ may not send again before it has its reply.
    Wait,
    /// Ask again on the same socket, which `ZMQ_REQ_RELAXED` allows; `ZMQ_REQ_CORRELATE`
    /// makes it drop a late reply to the earlier request.
    Relaxed,
    /// Close the socket and ask again on a new one: the zguide's Lazy Pirate.
    FreshSocket,
}

/// A REQ socket for `retry`, with `heartbeats` if any.
pub fn client(
    lab: &Lab,
    retry: Retry,
    heartbeats: Option<Heartbeats>,
) -> Result<Watched> {
    let client = socket(lab, zmq::REQ, heartbeats)?;
    if retry == Retry::Relaxed {
        client.set_req_relaxed(true)?;
        client.set_req_correlate(true)?;
    }
    lab.watch(client)
}

/// Asks again as `retry` says: the error of the second send (`None` if it was accepted),
/// and the socket that now waits for an answer.
pub fn ask_again(
    lab: &Lab,
    client: Watched,
    endpoint: &str,
    retry: Retry,
    heartbeats: Option<Heartbeats>,
) -> Result<(Option<zmq::Error>, Watched)> {
    match retry {
        Retry::Wait | Retry::Relaxed => {
            let refused = client.socket.send("request 2", zmq::DONTWAIT).err();
            Ok((refused, client))
        }
        Retry::FreshSocket => {
            drop(client); // its monitor stops first: see lab::Watched
            let fresh = self::client(lab, retry, heartbeats)?;
            fresh.socket.connect(endpoint)?;
            let refused = fresh.socket.send("request 2", zmq::DONTWAIT).err();
            Ok((refused, fresh))
        }
    }
}

/// What happened to a REQ whose reply a cut swallowed.
#[derive(Debug, Clone)]
pub struct SwallowedReply {
    /// Whether the REQ's monitor reported the connection lost while the link was cut.
    pub noticed: bool,
    /// How long its `recv` waited before giving up (EAGAIN).
    pub gave_up_after: Duration,
    /// The error of the second request (`None`: accepted).
    pub resend: Option<zmq::Error>,
    /// The reply it finally received once the link was back, within [`answer_window`].
    pub answer: Option<String>,
    /// From the restore to that reply.
    pub answered_after: Option<Duration>,
    /// From the cut to the REQ's DISCONNECTED, if it came within the watch.
    pub noticed_after: Option<Duration>,
    /// The REQ's receive timeout, read back before it waited.
    pub rcvtimeo: i32,
    /// A plain REQ that dropped its connection: from the restore to its new handshake,
    /// which it waits for before it listens for the late reply.
    pub reconnected: Option<Duration>,
    /// What the run proves of its set-up (the REP is the bound end, the REQ the far one).
    pub link: Link,
    /// Runs a stall disturbed and that were repeated (see [`super::Disturbed`]).
    pub repeated: usize,
}

// ANCHOR: reply_swallowed
/// A REQ asks a REP across a relay; the REP has the request, and the link is cut before
/// its reply crosses. The REQ gives up after [`ASK_TIMEOUT`] and, once it noticed the
/// break (with heartbeats) or the window passed (without), does what `retry` says; then
/// the link comes back. The REP answers whatever reaches it.
pub fn reply_swallowed_by_a_cut(
    retry: Retry,
    heartbeats: Option<Heartbeats>,
) -> Result<SwallowedReply> {
    let (outcome, repeated) = undisturbed(|| swallowed(retry, heartbeats))?;
    Ok(SwallowedReply {
        repeated,
        ..outcome
    })
}

fn swallowed(retry: Retry, heartbeats: Option<Heartbeats>) -> Result<SwallowedReply> {
    let lab = Lab::new()?;
    let mut server = lab.watch(lab.socket(zmq::REP)?)?;
    let relay = Relay::start(&lab.bind(&server.socket, Transport::Tcp)?)?;
    let mut client = client(&lab, retry, heartbeats)?;
    client.socket.connect(&relay.endpoint())?;
    // With heartbeats the first REQ may lose its connection once, to the cut; nothing
    // else may lose one (see super::Disturbed).
    let once = usize::from(heartbeats.is_some());
    let asked = ask_into_a_cut(&server.socket, &relay, &mut client);
    let asked = settle(asked, &mut [("REQ", &mut client, once)])?;
    // The set-up, read back from both ends, the REQ's own monitor and the relay.
    let mut link = Link::read(&mut server, &mut client, &relay.endpoint())?;
    link.far.lost_since(&mut client, asked.cut)?;
    link.watched_for(asked.watched)?;
    let endpoint = relay.endpoint();
    let (resend, mut client) = ask_again(&lab, client, &endpoint, retry, heartbeats)?;
    link.carried_while_cut = relay.carried() - asked.carried_at_cut;
    relay.restore();
    let restored = Instant::now();
    // A plain REQ that dropped its connection listens for the late reply once it is
    // connected again: "no answer" then says the reply is gone, not on its way.
    let mut reconnected = None;
    if retry == Retry::Wait && asked.noticed.is_some() {
        let handshake = zmq::SocketEvent::HANDSHAKE_SUCCEEDED;
        reconnected = when(&mut client, handshake, 2, restored, restored + BOUND)?;
    }

    // A REQ whose monitor never saw its connection lost has the late reply on its way: it
    // is waited for on evidence, as any message that should arrive (a loaded machine once
    // took longer than the silence window to pass it on).
    let window = match asked.noticed {
        None => BOUND,
        Some(_) => answer_window(retry),
    };
    let deadline = Instant::now() + window;
    let answer = serve_until_answered(&server.socket, &client.socket, deadline);
    let (name, at_most) = match retry {
        Retry::FreshSocket => ("new REQ", 0),
        Retry::Wait | Retry::Relaxed => ("REQ", once),
    };
    let answer = settle(answer, &mut [(name, &mut client, at_most)])?;
    Ok(SwallowedReply {
        noticed: asked.noticed.is_some(),
        gave_up_after: asked.gave_up_after,
        resend,
        answered_after: answer.as_ref().map(|_| restored.elapsed()),
        answer,
        noticed_after: asked.noticed,
        rcvtimeo: asked.rcvtimeo,
        reconnected,
        link,
        repeated: 0,
    })
}

/// What asking into a cut showed.
struct Asked {
    cut: Instant,
    /// What the relay had carried when it was cut.
    carried_at_cut: u64,
    /// How long the client's `recv` waited before it gave up, and its timeout read back.
    gave_up_after: Duration,
    rcvtimeo: i32,
    /// When (since the cut) the client noticed the break, as seen once it had given up.
    noticed: Option<Duration>,
    /// How long the break was watched, measured.
    watched: Duration,
}

/// The client asks; the server has the request when the link is cut, and answers into the
/// cut; the client gives up, and is watched for the loss of its connection.
fn ask_into_a_cut(
    server: &zmq::Socket,
    relay: &Relay,
    client: &mut Watched,
) -> Result<Asked> {
    client.socket.send("request 1", 0)?;
    let request = server.recv_bytes(0)?;
    relay.cut()?;
    let cut = Instant::now();
    let carried_at_cut = relay.carried();
    server.send(format!("reply to {}", lab::text(&request)).as_str(), 0)?;
    client.socket.set_rcvtimeo(lab::millis(ASK_TIMEOUT))?;
    let rcvtimeo = client.socket.get_rcvtimeo()?;
    let asked = Instant::now();
    match client.socket.recv_bytes(0) {
        Err(zmq::Error::EAGAIN) => {}
        other => bail!("a reply crossed a cut link: {other:?}"),
    }
    let gave_up_after = asked.elapsed();
    // With heartbeats (as the socket has them) the REQ noticed while it waited
    // (ASK_TIMEOUT is longer than they take); without, the link stays cut for the
    // whole window.
    let own = Heartbeats::of(&client.socket)?;
    let lost = zmq::SocketEvent::DISCONNECTED;
    let noticed = when(client, lost, 1, cut, watch_until(cut, own))?;
    let watched = cut.elapsed();
    in_time("REQ", noticed)?;
    Ok(Asked {
        cut,
        carried_at_cut,
        gave_up_after,
        rcvtimeo,
        noticed,
        watched,
    })
}
// ANCHOR_END: reply_swallowed

/// How long to wait for an answer once asking again is done. A REQ that asked again waits
/// on evidence (the reply comes, or [`BOUND`] ends a stalled run). One that only waits
/// can get nothing but the late reply, which arrives at once when it survived (the
/// control): it listens for [`SILENCE`].
pub fn answer_window(retry: Retry) -> Duration {
    match retry {
        Retry::Wait => SILENCE,
        Retry::Relaxed | Retry::FreshSocket => BOUND,
    }
}

/// The REP answers every request that reaches it ("reply to …") until the client has a
/// reply or `deadline` passes; returns the client's reply.
pub fn serve_until_answered(
    server: &zmq::Socket,
    client: &zmq::Socket,
    deadline: Instant,
) -> Result<Option<String>> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        let mut items = [
            server.as_poll_item(zmq::POLLIN),
            client.as_poll_item(zmq::POLLIN),
        ];
        zmq::poll(&mut items, lab::millis(left).into())?;
        if items[0].is_readable() {
            let request = server.recv_bytes(0)?;
            server.send(format!("reply to {}", lab::text(&request)).as_str(), 0)?;
        }
        if items[1].is_readable() {
            // A late reply to an earlier request is dropped inside recv (REQ_CORRELATE),
            // which then has nothing to return.
            match client.recv_bytes(zmq::DONTWAIT) {
                Ok(reply) => return Ok(Some(lab::text(&reply))),
                Err(zmq::Error::EAGAIN) => {}
                Err(error) => return Err(error.into()),
            }
        }
    }
}
