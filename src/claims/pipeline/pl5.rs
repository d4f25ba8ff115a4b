//! PL5 — when the connection breaks no data is lost; after reconnecting it keeps flowing.

use crate::tr;
use std::thread;

use anyhow::{ensure, Context as _, Result};

use super::{await_peers, proven_ready};
use crate::claims::{
    a_tail_in_order, joined, number, spread, Beyond, Claim, Finding, Glance, Verdict,
};
use crate::lab::{self, Lab, Ready, Transport, BOUND};

pub static CLAIM: Claim = Claim {
    id: "PL5",
    star: false,
    summary: "When the connection breaks no data is lost; after reconnecting it keeps flowing",
    zh: "当连接被断开,数据不会丢失,重连后数据继续发送到对端",
    en: "when the connection is broken, data is not lost; after reconnecting, data continues to be sent to the peer",
    glance: Glance {
        zh: "断线不丢数据，重连后继续",
        en: "No data lost when the link breaks",
        advice: "End the stream with a message of your own, and have the consumer acknowledge what must not be lost.",
    },
    verdict: Verdict::DoesNotHold(
        "only what is sent after the PUSH noticed the break waits for the puller's return",
    ),
    conditions: "What the departed puller had received but not read is lost. So is what was pushed as it left, before the PUSH noticed; a silent link's share, until heartbeats notice it (without them, for good); and what a killed worker had not passed on. Once the PUSH has noticed, a connecting one queues for the puller's return and a binding one refuses to send until a puller connects.",
    experiment: finding,
    beyond: Some(Beyond {
        about: "a link cut for a moment, without and with heartbeats; a connecting PUSH with ZMQ_IMMEDIATE, and without it once heartbeats noticed",
        experiment: beyond_finding,
    }),
};

/// Messages pushed while the puller is away.
pub const WHILE_AWAY: usize = 5;
/// Messages pushed as the puller leaves, before the PUSH can have noticed…
pub const IN_FLIGHT: usize = 10;
/// …in this many runs.
pub const RUNS: usize = 5;

/// What arrived when a puller left and came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconnected {
    /// Delivered to the first puller but left unread when it went: lost?
    pub unread_arrived: bool,
    /// Pushed while the puller was away: how many the returning puller received.
    pub while_away_arrived: usize,
    pub while_away_sent: usize,
    /// The address as the first puller read it back, and the PUSH's peers before it left.
    pub ready: Ready,
    /// The disconnections the PUSH's monitor had seen when the first "while away" message
    /// was sent: the PUSH knew the puller was gone.
    pub noticed_before_away: usize,
}

// ANCHOR: puller_returns
/// The PUSH connects, the PULL binds. One message reaches the puller and stays unread;
/// the puller leaves; five messages are pushed while it is away; a new puller binds the
/// same address. Which messages does it get?
pub fn puller_leaves_and_returns(transport: Transport) -> Result<Reconnected> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let puller = lab.watch(lab.socket(zmq::PULL)?)?;
    lab::bind_at(&puller.socket, &endpoint)?;
    let bound = lab::last_endpoint(&puller.socket)?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.connect(&endpoint)?;
    pusher.socket.send("unread", 0)?;
    ensure!(
        puller.socket.poll(zmq::POLLIN, lab::millis(BOUND).into())? > 0,
        "the first message never arrived"
    );
    pusher.wait_handshakes(1)?;
    let ready = pusher.ready(&bound, 1)?;

    puller.leave(&endpoint)?; // with "unread" in its queue

    // Until the PUSH has noticed the break, what it sends can still go down the dead
    // connection; "while away" starts when it knows.
    pusher.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;

    let noticed_before_away = pusher.seen(zmq::SocketEvent::DISCONNECTED)?;
    for i in 0..WHILE_AWAY {
        pusher.socket.send(format!("while away {i}").as_str(), 0)?;
    }
    let returning = lab.socket(zmq::PULL)?;
    lab::bind_at(&returning, &endpoint)?;
    // "unread", if it survived, was queued ahead of the others and would come first:
    // reading until the last "while away" message has come (or nothing comes for BOUND)
    // sees it.
    let mut arrived = Vec::new();
    let last = format!("while away {}", WHILE_AWAY - 1);
    while let Some(message) = lab::recv_within(&returning, BOUND)? {
        arrived.push(lab::text(&message));
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
// ANCHOR_END: puller_returns

/// What arrived of the messages pushed as the puller left, and the proof that they were
/// sent before the PUSH noticed, and the control after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    /// The numbers the new puller received, up to and with the control.
    pub arrived: Vec<usize>,
    /// The address as the first puller read it back, and the PUSH's peers before it left.
    pub ready: Ready,
    /// The disconnections the PUSH's monitor had seen when the last message in flight had
    /// been sent (none: it had not noticed)…
    pub noticed_while_sending: usize,
    /// …and when the control was sent (one).
    pub noticed_before_control: usize,
    /// The runs it took to get one whose messages all went out before the PUSH noticed
    /// (see [`pushed_before_the_push_noticed`]).
    pub attempts: usize,
}

/// How many runs [`pushed_before_the_push_noticed`] tries. A run is only about messages
/// pushed before the PUSH noticed the break; on a loaded machine the thread that sends
/// them may be held up long enough for the PUSH to notice while it sends, and that run
/// measures something else.
pub const ATTEMPTS: usize = 10;

// ANCHOR: in_flight
/// The PUSH connects, the PULL binds. The puller leaves, and at once the PUSH sends
/// `sent` numbered messages, before it can have noticed; once it has, it sends one more,
/// numbered `sent` (PL5's control), and a new puller binds the same address. Returns the
/// numbers the new puller received, up to and with that last one.
pub fn push_as_the_puller_leaves(transport: Transport, sent: usize) -> Result<InFlight> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let puller = lab.watch(lab.socket(zmq::PULL)?)?;
    lab::bind_at(&puller.socket, &endpoint)?;
    let bound = lab::last_endpoint(&puller.socket)?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.connect(&endpoint)?;
    pusher.wait_handshakes(1)?;
    pusher.socket.get_events()?; // the connection is taken in: sends go down it
    let ready = pusher.ready(&bound, 1)?;

    puller.leave(&endpoint)?; // its connection closes in the background
    for i in 0..sent {
        pusher.socket.send(format!("in flight {i}").as_str(), 0)?;
    }
    let noticed_while_sending = pusher.seen(zmq::SocketEvent::DISCONNECTED)?;
    pusher.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
    let noticed_before_control = pusher.seen(zmq::SocketEvent::DISCONNECTED)?;
    pusher
        .socket
        .send(format!("after the break {sent}").as_str(), 0)?;

    let returning = lab.socket(zmq::PULL)?;
    lab::bind_at(&returning, &endpoint)?;
    let mut arrived = Vec::new();
    loop {
        let message = lab::recv_within(&returning, BOUND)?.with_context(|| {
            format!(
                "the message sent once the PUSH knew never came; before it: {arrived:?}"
            )
        })?;
        arrived.push(number(&message));
        if arrived.last() == Some(&sent) {
            return Ok(InFlight {
                arrived,
                ready,
                noticed_while_sending,
                noticed_before_control,
                attempts: 1,
            });
        }
    }
}

/// Runs [`push_as_the_puller_leaves`] until the PUSH had not noticed the break when the
/// last message in flight was sent, [`ATTEMPTS`] times at most; returns that run, or the
/// last one (whose set-up then says it noticed).
pub fn pushed_before_the_push_noticed(
    transport: Transport,
    sent: usize,
) -> Result<InFlight> {
    let mut attempts = 0;
    loop {
        let mut run = push_as_the_puller_leaves(transport, sent)?;
        attempts += 1;
        run.attempts = attempts;
        if run.noticed_while_sending == 0 || attempts == ATTEMPTS {
            return Ok(run);
        }
    }
}

/// What PL5 says of a run of [`push_as_the_puller_leaves`]: the control came last, and
/// before it the tail of what was pushed as the puller left, in order, each once.
pub fn control_after_a_tail(arrived: &[usize], sent: usize) -> bool {
    match arrived.split_last() {
        Some((&control, in_flight)) => {
            control == sent && a_tail_in_order(in_flight, sent)
        }
        None => false,
    }
}
// ANCHOR_END: in_flight

/// What a binding PUSH did when its puller left and came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundSideReturn {
    /// The answer to a send (DONTWAIT) while the puller was away: `None` if it was
    /// accepted.
    pub while_away: Option<zmq::Error>,
    /// Delivered to the first puller but left unread when it went: came back?
    pub unread_arrived: bool,
    /// The control: a message pushed after the puller's return reached it.
    pub after_return_arrived: bool,
    /// The PUSH's endpoint and its peers before the first message: the first puller…
    pub ready: Ready,
    /// …and the handshakes it had seen before the message after the return: both pullers'.
    pub ready_again: Ready,
}

// ANCHOR: bound_push_returns
/// The PUSH binds, the PULL connects. One message reaches the puller and stays unread;
/// the puller leaves; the PUSH tries to send while it is away; then a puller connects
/// again.
pub fn bound_push_puller_returns(transport: Transport) -> Result<BoundSideReturn> {
    let lab = Lab::new()?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    let endpoint = lab.bind(&pusher.socket, transport)?;
    let puller = lab.socket(zmq::PULL)?;
    puller.connect(&endpoint)?;
    let ready = await_peers(&mut pusher, &endpoint, 1, BOUND)?;
    pusher.socket.send("unread", 0)?;
    ensure!(
        puller.poll(zmq::POLLIN, lab::millis(BOUND).into())? > 0,
        "the first message never arrived"
    );

    drop(puller); // leaves with "unread" in its queue
    lab::await_no_peer(&pusher.socket)?;
    let while_away = pusher.socket.send("while away", zmq::DONTWAIT).err();

    let returning = lab.socket(zmq::PULL)?;
    returning.connect(&endpoint)?;
    // Both pullers' handshakes, counted since the start (on inproc: both connects).
    let ready_again = await_peers(&mut pusher, &endpoint, 2, BOUND)?;
    ensure!(
        pusher
            .socket
            .poll(zmq::POLLOUT, lab::millis(BOUND).into())?
            > 0,
        "the PUSH never took in the returning puller"
    );
    pusher.socket.send("after the return", 0)?;
    let arrived = lab::receive_expecting(&returning, 1)?;
    Ok(BoundSideReturn {
        while_away,
        unread_arrived: arrived.iter().any(|m| m == b"unread"),
        after_return_arrived: arrived.iter().any(|m| m == b"after the return"),
        ready,
        ready_again,
    })
}
// ANCHOR_END: bound_push_returns

/// What a connecting PUSH with `ZMQ_IMMEDIATE` on did when its puller left and came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImmediateReturn {
    /// `ZMQ_IMMEDIATE`, read back before the PUSH connected.
    pub immediate: bool,
    /// The address as the first puller read it back, and the PUSH's peers before it left.
    pub ready: Ready,
    /// The disconnections the PUSH's monitor had seen when it sent while the puller was
    /// away (one), and whether it had let go of the connection then (no `POLLOUT`).
    pub noticed_before_away: usize,
    pub let_go: bool,
    /// The answer to a send (DONTWAIT) while the puller was away: `None` if accepted.
    pub while_away: Option<zmq::Error>,
    /// The handshakes the PUSH had seen before the message after the return (both
    /// pullers'), and what the returning puller received: that message, and nothing
    /// before it.
    pub handshakes_again: usize,
    pub returning_got: Vec<Vec<u8>>,
}

// ANCHOR: immediate_returns
/// As [`puller_leaves_and_returns`], the PUSH with `ZMQ_IMMEDIATE` on: once it has
/// noticed the break, does it keep a queue for the puller's return?
pub fn immediate_puller_leaves_and_returns(
    transport: Transport,
) -> Result<ImmediateReturn> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let puller = lab.watch(lab.socket(zmq::PULL)?)?;
    lab::bind_at(&puller.socket, &endpoint)?;
    let bound = lab::last_endpoint(&puller.socket)?;
    let mut pusher = lab.watch(lab.socket(zmq::PUSH)?)?;
    pusher.socket.set_immediate(true)?;
    let immediate = pusher.socket.is_immediate()?;
    pusher.socket.connect(&endpoint)?;
    pusher.wait_handshakes(1)?;
    pusher.socket.get_events()?; // the connection is taken in
    let ready = pusher.ready(&bound, 1)?;

    puller.leave(&endpoint)?;
    pusher.wait_for(zmq::SocketEvent::DISCONNECTED, 1, BOUND)?;
    // With ZMQ_IMMEDIATE the socket lets go of the connection's queue, the next time it
    // takes in its commands: wait until it says it has nowhere to send.
    let let_go = lab::await_no_peer(&pusher.socket).is_ok();
    let noticed_before_away = pusher.seen(zmq::SocketEvent::DISCONNECTED)?;
    let while_away = pusher.socket.send("while away", zmq::DONTWAIT).err();

    let returning = lab.socket(zmq::PULL)?;
    lab::bind_at(&returning, &endpoint)?;
    pusher.wait_handshakes(2)?;
    let handshakes_again = pusher.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?;
    ensure!(
        pusher
            .socket
            .poll(zmq::POLLOUT, lab::millis(BOUND).into())?
            > 0,
        "the PUSH never took in the returning puller"
    );
    pusher.socket.send("after the return", 0)?;
    let returning_got = lab::receive_expecting(&returning, 1)?;
    Ok(ImmediateReturn {
        immediate,
        ready,
        noticed_before_away,
        let_go,
        while_away,
        handshakes_again,
        returning_got,
    })
}
// ANCHOR_END: immediate_returns

/// Judges a connecting PUSH with `ZMQ_IMMEDIATE` on whose puller left and came back: once
/// it noticed, a send while the puller was away was refused, and the returning puller got
/// only what was pushed after its return.
pub fn judge_immediate_return(
    transport: Transport,
    outcome: &ImmediateReturn,
) -> Finding {
    let mut finding = Finding::new();
    proven_ready(
        &mut finding,
        &tr!("pl-the-push"),
        transport,
        &outcome.ready,
        1,
    );
    finding.set_up(
        outcome.immediate,
        tr!("pl5-immediate", read = outcome.immediate.to_string()),
    );
    finding.set_up(
        outcome.noticed_before_away == 1 && outcome.let_go,
        if outcome.let_go {
            tr!("pl5-seen-let-go", seen = outcome.noticed_before_away)
        } else {
            tr!("pl5-seen-not-let-go", seen = outcome.noticed_before_away)
        },
    );
    finding.set_up(
        outcome.handshakes_again == 2,
        tr!("pl5-handshakes", seen = outcome.handshakes_again),
    );
    let while_away = match outcome.while_away {
        Some(error) => tr!("pl5-refused", error = lab::error_name(error)),
        None => tr!("rr6-accepted"),
    };
    let only_after = outcome.returning_got == [b"after the return".to_vec()];
    finding.observe(
        outcome.while_away == Some(zmq::Error::EAGAIN) && only_after,
        tr!(
            "pl5-immediate-return",
            while_away = while_away,
            got = if only_after {
                tr!("pl5-only-after")
            } else {
                lab::show_all(&outcome.returning_got)
            }
        ),
    );
    finding
}

fn arrived_or_lost(arrived: bool) -> String {
    if arrived {
        tr!("pl5-arrived")
    } else {
        tr!("pl5-was-lost")
    }
}

/// Judges a connecting PUSH whose puller left and came back, on `transport`.
pub fn judge_returned(transport: Transport, outcome: &Reconnected) -> Finding {
    let mut finding = Finding::new();
    proven_ready(
        &mut finding,
        &tr!("pl-the-push"),
        transport,
        &outcome.ready,
        1,
    );
    finding.set_up(
        outcome.noticed_before_away == 1,
        tr!("pl5-seen-first-away", seen = outcome.noticed_before_away),
    );
    finding.observe(
        !outcome.unread_arrived && outcome.while_away_arrived == outcome.while_away_sent,
        tr!(
            "pl5-returned",
            arrived = outcome.while_away_arrived,
            sent = outcome.while_away_sent,
            unread = arrived_or_lost(outcome.unread_arrived)
        ),
    );
    finding
}

/// Judges a binding PUSH whose puller left and came back, on `transport`.
pub fn judge_bound(transport: Transport, outcome: &BoundSideReturn) -> Finding {
    let mut finding = Finding::new();
    proven_ready(
        &mut finding,
        &tr!("pl-the-push"),
        transport,
        &outcome.ready,
        1,
    );
    proven_ready(
        &mut finding,
        &tr!("pl5-the-push-once-back"),
        transport,
        &outcome.ready_again,
        2,
    );
    let while_away = match outcome.while_away {
        Some(error) => tr!("pl5-refused", error = lab::error_name(error)),
        None => tr!("rr6-accepted"),
    };
    finding.observe(
        outcome.while_away == Some(zmq::Error::EAGAIN)
            && !outcome.unread_arrived
            && outcome.after_return_arrived,
        tr!(
            "pl5-bound",
            while_away = while_away,
            unread = arrived_or_lost(outcome.unread_arrived),
            after = arrived_or_lost(outcome.after_return_arrived)
        ),
    );
    finding
}

/// Judges the runs of messages pushed as the puller left, on `transport`.
pub fn judge_in_flight(
    transport: Transport,
    sent: usize,
    runs: usize,
    measured: &[InFlight],
) -> Finding {
    let mut finding = Finding::new();
    if !finding.check_count(&tr!("pl5-runs"), measured.len(), runs) {
        return finding;
    }
    for (run, in_flight) in measured.iter().enumerate() {
        let what = tr!("pl5-runs-push", run = run);
        proven_ready(&mut finding, &what, transport, &in_flight.ready, 1);
        finding.set_up(
            in_flight.noticed_while_sending == 0,
            tr!(
                "pl5-seen-in-flight",
                what = &what,
                seen = in_flight.noticed_while_sending
            ),
        );
        finding.set_up(
            in_flight.noticed_before_control == 1,
            tr!(
                "pl5-seen-control",
                what = &what,
                seen = in_flight.noticed_before_control
            ),
        );
    }
    let tails = measured
        .iter()
        .filter(|m| control_after_a_tail(&m.arrived, sent))
        .count();
    finding.observe(
        tails == runs,
        tr!("pl5-in-flight", sent = sent, tails = tails, runs = runs),
    );
    let lost: Vec<usize> = measured
        .iter()
        .map(|m| (sent + 1).saturating_sub(m.arrived.len()))
        .collect();
    finding.figure(tr!(
        "pl5-lost-figure",
        sent = sent,
        runs = runs,
        spread = spread(&lost)
    ));
    let attempts: Vec<usize> = measured.iter().map(|m| m.attempts).collect();
    finding.figure(tr!("pl5-attempts-figure", spread = spread(&attempts)));
    finding
}

/// The breaks real networks have, as `claims::network` measures them (the book's "When
/// the network fails"): a link to one of two pullers cut for good, without and with
/// heartbeats; a reset; a worker process killed, and one stopped politely.
pub fn network_finding() -> Result<Finding> {
    use crate::claims::network::crash::{self, Stop};
    use crate::claims::network::{judges, push, Heartbeats};
    let heartbeats = Some(Heartbeats::LAB);
    let worker = crash::program_path("pl-worker")?;
    let worker = &worker;
    let mut finding = Finding::new();
    thread::scope(|scope| -> Result<()> {
        let cut =
            [None, heartbeats].map(|h| scope.spawn(move || push::puller_cut_for_good(h)));
        // Without heartbeats: only the reset can tell the ends that the host is gone.
        let reset = scope.spawn(move || push::puller_link_reset(None));
        let stops = [Stop::Kill, Stop::Polite].map(|stop| {
            scope.spawn(move || crash::worker_stops_mid_stream(worker, stop))
        });
        let mut tcp = Finding::new();
        for (handle, with) in cut.into_iter().zip([false, true]) {
            tcp.absorb(judges::cut_for_good(with, &joined(vec![handle])?.remove(0)));
        }
        tcp.absorb(judges::link_reset(false, &joined(vec![reset])?.remove(0)));
        for (handle, stop) in stops.into_iter().zip([Stop::Kill, Stop::Polite]) {
            tcp.absorb(judges::worker_stopped(
                stop,
                &joined(vec![handle])?.remove(0),
            ));
        }
        finding.observe_on(vec![(Transport::Tcp, tcp)]);
        Ok(())
    })?;
    Ok(finding)
}

/// Beyond the claim: a link to one of two pullers cut for a moment, without and with
/// heartbeats. Without them neither end notices and TCP carries what waited, so no
/// connection broke; with them, both ends drop the connection and what was on its way is
/// lost.
pub fn beyond_finding() -> Result<Finding> {
    use crate::claims::network::{judges, push};
    let (outage, immediate, connecting) = thread::scope(|scope| {
        let outage = scope.spawn(short_outage_finding);
        let immediate: Vec<_> = Transport::NETWORKED
            .map(|transport| {
                scope.spawn(move || immediate_puller_leaves_and_returns(transport))
            })
            .into_iter()
            .collect();
        let connecting: Vec<_> = [false, true]
            .map(|on| scope.spawn(move || push::connecting_push_puller_cut_for_good(on)))
            .into_iter()
            .collect();
        (joined(vec![outage]), joined(immediate), joined(connecting))
    });
    let mut finding = outage?.remove(0);
    finding.observe_on(
        Transport::NETWORKED
            .into_iter()
            .zip(immediate?)
            .map(|(transport, outcome)| {
                (transport, judge_immediate_return(transport, &outcome))
            })
            .collect(),
    );
    let mut tcp = Finding::new();
    for (cut, on) in connecting?.iter().zip([false, true]) {
        tcp.absorb(judges::connecting_cut_for_good(on, cut));
    }
    finding.observe_on(vec![(Transport::Tcp, tcp)]);
    Ok(finding)
}

/// Beyond the claim, the short outage alone (see [`beyond_finding`]).
pub fn short_outage_finding() -> Result<Finding> {
    use crate::claims::network::{judges, push, Heartbeats};
    let measured = thread::scope(|scope| {
        let runs = [None, Some(Heartbeats::LAB)]
            .map(|h| scope.spawn(move || push::puller_cut_and_healed(h)))
            .into_iter()
            .collect();
        joined(runs)
    })?;
    let mut tcp = Finding::new();
    for (healed, with) in measured.iter().zip([false, true]) {
        tcp.absorb(judges::cut_and_healed(with, healed));
    }
    let mut finding = Finding::new();
    finding.observe_on(vec![(Transport::Tcp, tcp)]);
    Ok(finding)
}

fn finding() -> Result<Finding> {
    // Independent experiments, mostly waiting for reconnections: run them side by side.
    let network = thread::spawn(network_finding);
    let (returned, bound, in_flight) = thread::scope(|scope| {
        let returned: Vec<_> = Transport::NETWORKED
            .map(|transport| scope.spawn(move || puller_leaves_and_returns(transport)))
            .into_iter()
            .collect();
        let bound: Vec<_> = Transport::ALL
            .map(|transport| scope.spawn(move || bound_push_puller_returns(transport)))
            .into_iter()
            .collect();
        let in_flight: Vec<_> = (0..RUNS)
            .map(|_| {
                scope.spawn(move || {
                    pushed_before_the_push_noticed(Transport::Tcp, IN_FLIGHT)
                })
            })
            .collect();
        (joined(returned), joined(bound), joined(in_flight))
    });
    let mut finding = Finding::new();
    finding.observe_on(
        Transport::NETWORKED
            .into_iter()
            .zip(returned?)
            .map(|(transport, outcome)| (transport, judge_returned(transport, &outcome)))
            .collect(),
    );
    finding.observe_on(
        Transport::ALL
            .into_iter()
            .zip(bound?)
            .map(|(transport, outcome)| (transport, judge_bound(transport, &outcome)))
            .collect(),
    );
    finding.observe_on(vec![(
        Transport::Tcp,
        judge_in_flight(Transport::Tcp, IN_FLIGHT, RUNS, &in_flight?),
    )]);
    let network = network
        .join()
        .map_err(|_| anyhow::anyhow!("an experiment panicked"))??;
    finding.absorb(network);
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: a PULL that closes loses what it holds unread, and what is still
/// on its way to it. Disconnecting first does not keep it: a disconnect discards the
/// connection's queue, unread messages and all (RFC 30 says so, and libzmq does so). A
/// puller can leave without loss only once nothing more is dealt to it: the sender ends
/// its stream with a message of its own (here an empty one), and the puller reads up to
/// it before it closes.
pub fn end_the_stream(pusher: &zmq::Socket) -> zmq::Result<()> {
    pusher.send("", 0) // after the last task: dealt to the puller, it comes last
}

pub fn read_to_the_end(puller: &zmq::Socket) -> zmq::Result<Vec<Vec<u8>>> {
    let mut tasks = Vec::new();
    loop {
        let task = puller.recv_bytes(0)?; // with RCVTIMEO: EAGAIN if no end comes
        if task.is_empty() {
            return Ok(tasks); // the sender's end: nothing follows it
        }
        tasks.push(task);
    }
}
// ANCHOR_END: own
