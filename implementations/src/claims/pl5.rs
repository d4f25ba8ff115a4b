//! PL5 on both implementations: when a puller's connection breaks, what is lost, and does
//! the flow resume once it is back? Judged by libzmq's judges, in the parts whose evidence
//! zmq.rs can give, over tcp (libzmq's part with messages in flight runs over tcp alone).
//!
//! - A connecting PUSH whose binding puller leaves and comes back ([`pl5::judge_returned`]):
//!   measured where the puller is libzmq's. That the message the puller leaves unread had
//!   reached it is proven by a poll, which a zmq.rs PULL does not have.
//! - Messages pushed as the puller leaves, before the PUSH noticed ([`pl5::judge_in_flight`]):
//!   every pairing. Where the control never arrives (a PUSH that does not reconnect), the
//!   run ends there and the judge sees what arrived, where libzmq's run stops with an error.
//! - A binding PUSH (libzmq's part reads its `ZMQ_EVENTS` and the errno of a send with
//!   `DONTWAIT`, which zmq.rs has neither of, and a connecting puller's poll), and the
//!   network's breaks (the lab's network namespaces, with heartbeats that zmq.rs does not
//!   decode): libzmq's alone, so not in the matrix.

use std::time::Duration;

use anyhow::{anyhow, ensure, Result};
use zmq_workbook::claims::pipeline::pl5::{
    self, InFlight, Reconnected, ATTEMPTS, IN_FLIGHT, RUNS, WHILE_AWAY,
};
use zmq_workbook::claims::{number, Finding};
use zmq_workbook::lab::{self, Lab, Ready, Transport, BOUND};

use crate::end::{run, End, Implementation, Kind, Pairing};

/// The transport the measured parts share: libzmq's messages in flight run over tcp alone.
pub const TRANSPORTS: [Transport; 1] = [Transport::Tcp];

/// A libzmq PULL binds `endpoint`: the PULL, and the address read back.
async fn libzmq_puller(lab: &Lab, endpoint: &str) -> Result<(End, String)> {
    let mut puller = End::new(lab, Implementation::Libzmq, Kind::Pull)?;
    puller.bind_at(endpoint).await?;
    let watched = puller.libzmq().ok_or_else(|| anyhow!("a libzmq PULL"))?;
    let bound = lab::last_endpoint(&watched.socket)?;
    Ok((puller, bound))
}

/// The number of connections `end`'s monitor has reported ended so far.
async fn disconnections_now(end: &mut End) -> Result<usize> {
    end.await_disconnections(usize::MAX, Duration::ZERO).await
}

/// As libzmq's `puller_leaves_and_returns`: the PUSH (made by `pairing.connects`)
/// connects, a libzmq PULL binds. One message reaches the puller and stays unread; the
/// puller leaves; once the PUSH has noticed (or [`BOUND`] has passed), five messages are
/// pushed; a new PULL binds the same address. A send that zmq.rs refuses is one that
/// does not arrive.
pub async fn puller_leaves_and_returns(
    pairing: Pairing,
    transport: Transport,
) -> Result<Reconnected> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let (mut puller, bound) = libzmq_puller(&lab, &endpoint).await?;
    let mut pusher = End::new(&lab, pairing.connects, Kind::Push)?;
    pusher.connect(&endpoint).await?;
    pusher.send_one("unread").await?;
    let watched = puller.libzmq().ok_or_else(|| anyhow!("a libzmq PULL"))?;
    ensure!(
        watched
            .socket
            .poll(zmq::POLLIN, lab::millis(BOUND).into())?
            > 0,
        "the first message never arrived"
    );
    let ready = Ready {
        endpoint: bound,
        peers: pusher.await_peers(1).await?,
    };

    puller.leave(&endpoint).await?; // with "unread" in its queue
    let noticed_before_away = pusher.await_disconnections(1, BOUND).await?;
    for i in 0..WHILE_AWAY {
        // zmq.rs refuses a send once it has no peer: that message is not sent, and so
        // does not arrive.
        let _ = pusher.send_one(format!("while away {i}")).await;
    }
    let (mut returning, _) = libzmq_puller(&lab, &endpoint).await?;
    let mut arrived = Vec::new();
    let last = format!("while away {}", WHILE_AWAY - 1);
    while let Some(message) = returning.recv_within(BOUND).await? {
        arrived.push(lab::text(&message.concat()));
        if arrived.last() == Some(&last) {
            break;
        }
    }
    Ok(Reconnected {
        unread_arrived: arrived.iter().any(|m| m == "unread"),
        while_away_arrived: arrived
            .iter()
            .filter(|m| m.starts_with("while away"))
            .count(),
        while_away_sent: WHILE_AWAY,
        ready,
        noticed_before_away,
    })
}

/// As libzmq's `push_as_the_puller_leaves`: the PUSH (`pairing.connects`) connects, the
/// PULL (`pairing.binds`) binds. The puller leaves, and at once the PUSH sends `sent`
/// numbered messages; once it has noticed (or [`BOUND`] has passed) it sends the control,
/// numbered `sent`, and a new PULL binds the same address. What it received, up to the
/// control, or until nothing came for [`BOUND`]; and whether the control arrived.
pub async fn push_as_the_puller_leaves(
    pairing: Pairing,
    transport: Transport,
    sent: usize,
) -> Result<(InFlight, bool)> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let mut puller = End::new(&lab, pairing.binds, Kind::Pull)?;
    puller.bind_at(&endpoint).await?;
    let bound = match puller.libzmq() {
        Some(watched) => lab::last_endpoint(&watched.socket)?,
        None => endpoint.clone(), // zmq.rs bound the address asked for, or failed
    };
    let mut pusher = End::new(&lab, pairing.connects, Kind::Push)?;
    pusher.connect(&endpoint).await?;
    let ready = Ready {
        endpoint: bound,
        peers: pusher.await_peers(1).await?, // libzmq: and the connection is taken in
    };

    puller.leave(&endpoint).await?; // its connection closes in the background
    for i in 0..sent {
        let _ = pusher.send_one(format!("in flight {i}")).await; // zmq.rs may refuse
    }
    let noticed_while_sending = disconnections_now(&mut pusher).await?;
    let noticed_before_control = pusher.await_disconnections(1, BOUND).await?;
    let _ = pusher.send_one(format!("after the break {sent}")).await;

    let mut returning = End::new(&lab, pairing.binds, Kind::Pull)?;
    returning.bind_at(&endpoint).await?;
    let mut arrived = Vec::new();
    while let Some(message) = returning.recv_within(BOUND).await? {
        arrived.push(number(&message.concat()));
        if arrived.last() == Some(&sent) {
            break;
        }
    }
    let control = arrived.last() == Some(&sent);
    Ok((
        InFlight {
            arrived,
            ready,
            noticed_while_sending,
            noticed_before_control,
            attempts: 1,
        },
        control,
    ))
}

/// As libzmq's `pushed_before_the_push_noticed`: tries until the PUSH had not noticed the
/// break while it sent, [`ATTEMPTS`] times at most; a run whose control never came ends
/// the tries (libzmq's run stops with an error there).
pub async fn pushed_before_the_push_noticed(
    pairing: Pairing,
    transport: Transport,
    sent: usize,
) -> Result<InFlight> {
    let mut attempts = 0;
    loop {
        let (mut run, control) =
            push_as_the_puller_leaves(pairing, transport, sent).await?;
        attempts += 1;
        run.attempts = attempts;
        if run.noticed_while_sending == 0 || attempts == ATTEMPTS || !control {
            return Ok(run);
        }
    }
}

/// Judges the runs of messages pushed as the puller left with libzmq's judge where every
/// control arrived. Where one did not, libzmq's run stops with an error ("the message sent
/// once the PUSH knew never came"), and its judge's words would say it arrived: the
/// observation says instead how many controls arrived.
fn judge_in_flight(transport: Transport, measured: &[InFlight]) -> Finding {
    let controls = measured
        .iter()
        .filter(|m| m.arrived.last() == Some(&IN_FLIGHT))
        .count();
    if controls == measured.len() {
        return pl5::judge_in_flight(transport, IN_FLIGHT, RUNS, measured);
    }
    let noticed = measured
        .iter()
        .filter(|m| m.noticed_before_control == 1)
        .count();
    let mut finding = Finding::new();
    for in_flight in measured {
        finding.used_transport(transport, &in_flight.ready.endpoint);
    }
    finding.observe(
        false,
        format!(
            "of {IN_FLIGHT} pushed as the puller left: the message the PUSH sent after them reached the puller back at the address in {controls} of {runs} runs",
            runs = measured.len()
        ),
    );
    // Whether the PUSH had noticed by then is a matter of timing where it notices only
    // when a write fails: a figure, not part of the verdict's words.
    finding.figure(format!(
        "the PUSH had noticed the break when it sent that message in {noticed} of {runs} runs",
        runs = measured.len()
    ));
    finding
}

/// Measures and judges PL5's parts on `pairing` over `transport` (tcp): a PUSH whose
/// libzmq puller comes back, where the puller binds and is libzmq's, and messages pushed
/// as the puller leaves, [`RUNS`] runs side by side.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let in_flight: Vec<_> = (0..RUNS)
        .map(|_| {
            std::thread::spawn(move || {
                run(pushed_before_the_push_noticed(
                    pairing, transport, IN_FLIGHT,
                ))
            })
        })
        .collect();
    let mut finding = Finding::new();
    if pairing.binds == Implementation::Libzmq {
        let returned = run(puller_leaves_and_returns(pairing, transport))?;
        finding.absorb(pl5::judge_returned(transport, &returned));
    }
    let measured = in_flight
        .into_iter()
        .map(|h| h.join().map_err(|_| anyhow!("a run panicked"))?)
        .collect::<Result<Vec<_>>>()?;
    finding.absorb(judge_in_flight(transport, &measured));
    Ok(finding)
}
