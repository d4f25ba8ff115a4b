//! PUSH dealing to two pullers when the link to one of them fails (PL5): cut for good,
//! cut for a while, or reset. The heartbeats, when there are any, are set on both ends of
//! the failing link, the PUSH and the far puller: each notices by its own timeout.
//!
//! Why not the PUSH alone, and the TTL its PINGs carry for the puller? In libzmq 4.3.4 a
//! PING arms the receiver's TTL timer and *any* frame that arrives after it disarms it;
//! only the next PING arms it again. A puller whose last frame before the silence was a
//! task, not a PING, never times out ([`puller_cut_for_good_pinged_by_the_push_alone`]
//! measures how often).

use std::ops::Range;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use zmq::Socket;

use super::{
    in_time, missing, number, settle, socket, undisturbed, watch_until, when,
    when_both_lost, Heartbeats,
};
use super::{Disturbed, Link};
use crate::lab::relay::Relay;
use crate::lab::{self, Lab, Transport, Watched, BOUND};

/// How many tasks each round of an experiment pushes: five for each puller while both are
/// dealt to.
pub const BATCH: usize = 10;

/// A PUSH and two pullers after their handshakes: the far one across a relay (whose link
/// will fail), the near one directly. The PUSH binds and the pullers connect, or (see
/// [`TwoPullers::connecting`]) the pullers bind and the PUSH connects.
pub struct TwoPullers {
    pub pusher: Watched,
    pub far: Watched,
    pub near: Socket,
    pub relay: Relay,
    /// The heartbeats of the PUSH and of the far puller, read back from them: the waits
    /// for the break are timed by what the sockets have, not by what was asked for.
    pub heartbeats: [Option<Heartbeats>; 2],
    /// What the run proves of its set-up: the PUSH is the bound end, or, where it
    /// connects, the end behind the relay.
    pub link: Link,
    /// Whether the PUSH connects to the pullers.
    pub pusher_connects: bool,
    /// The bytes the relay had carried when it was cut.
    carried_at_cut: Option<u64>,
    /// Tasks pushed so far, numbered from 0.
    pushed: usize,
    /// Markers pushed so far (see [`TwoPullers::mark`]).
    marks: usize,
}

impl TwoPullers {
    /// With `heartbeats` on the PUSH and on the far puller.
    pub fn new(lab: &Lab, heartbeats: Option<Heartbeats>) -> Result<TwoPullers> {
        Self::with(lab, heartbeats, heartbeats)
    }

    /// With heartbeats set on each end as given.
    pub fn with(
        lab: &Lab,
        on_the_push: Option<Heartbeats>,
        on_the_puller: Option<Heartbeats>,
    ) -> Result<TwoPullers> {
        let mut pusher = lab.watch(socket(lab, zmq::PUSH, on_the_push)?)?;
        let endpoint = lab.bind(&pusher.socket, Transport::Tcp)?;
        let relay = Relay::start(&endpoint)?;
        let mut far = lab.watch(socket(lab, zmq::PULL, on_the_puller)?)?;
        far.socket.connect(&relay.endpoint())?;
        let near = socket(lab, zmq::PULL, None)?;
        near.connect(&endpoint)?;
        pusher.wait_handshakes(2)?;
        far.wait_handshakes(1)?;
        // Take in both connections now (see pipeline::connected_pipeline).
        pusher.socket.get_events()?;
        let link = Link::read(&mut pusher, &mut far, &relay.endpoint())?;
        Ok(TwoPullers {
            pusher,
            far,
            near,
            relay,
            heartbeats: [link.bound.heartbeats, link.far.heartbeats],
            link,
            pusher_connects: false,
            carried_at_cut: None,
            pushed: 0,
            marks: 0,
        })
    }

    /// The other way round: both pullers bind, and the PUSH, with `heartbeats` as the far
    /// puller and `ZMQ_IMMEDIATE` as `immediate` says, connects to the near one directly and
    /// to the far one through the relay.
    pub fn connecting(
        lab: &Lab,
        heartbeats: Option<Heartbeats>,
        immediate: bool,
    ) -> Result<TwoPullers> {
        let mut far = lab.watch(socket(lab, zmq::PULL, heartbeats)?)?;
        let far_at = lab.bind(&far.socket, Transport::Tcp)?;
        let relay = Relay::start(&far_at)?;
        let near = socket(lab, zmq::PULL, None)?;
        let near_at = lab.bind(&near, Transport::Tcp)?;
        let mut pusher = lab.watch(socket(lab, zmq::PUSH, heartbeats)?)?;
        pusher.socket.set_immediate(immediate)?;
        pusher.socket.connect(&near_at)?;
        pusher.socket.connect(&relay.endpoint())?;
        pusher.wait_handshakes(2)?;
        far.wait_handshakes(1)?;
        pusher.socket.get_events()?;
        // The far puller is the bound end of the link that fails; the PUSH, behind the
        // relay, the end that connects (its last endpoint is the relay's).
        let link = Link::read(&mut far, &mut pusher, &relay.endpoint())?;
        Ok(TwoPullers {
            pusher,
            far,
            near,
            relay,
            heartbeats: [link.far.heartbeats, link.bound.heartbeats],
            link,
            pusher_connects: true,
            carried_at_cut: None,
            pushed: 0,
            marks: 0,
        })
    }

    /// Whether the PUSH stops dealing to a puller whose connection it lost: a binding PUSH
    /// lets go of it, and so does a connecting one with `ZMQ_IMMEDIATE` on; without it, a
    /// connecting PUSH keeps its queue for the puller, and deals it its share while it
    /// tries to connect again.
    pub fn lets_go_of_a_lost_puller(&self) -> Result<bool> {
        Ok(!self.pusher_connects || self.pusher.socket.is_immediate()?)
    }

    /// Cuts the link to the far puller; returns when.
    pub fn cut(&mut self) -> Result<Instant> {
        self.relay.cut()?;
        self.carried_at_cut = Some(self.relay.carried());
        Ok(Instant::now())
    }

    /// What the relay carried while cut, up to now.
    fn carried_since_the_cut(&self) -> u64 {
        let at_cut = self.carried_at_cut.unwrap_or_else(|| self.relay.carried());
        self.relay.carried() - at_cut
    }

    /// The link comes back.
    pub fn restore(&mut self) {
        self.link.carried_while_cut = self.carried_since_the_cut();
        self.carried_at_cut = None;
        self.relay.restore();
    }

    /// What the run proves of its set-up, once it is over: with each end's loss since
    /// `cut` as its own monitor logged it, and, for a link still cut, what it carried.
    pub fn proven(&mut self, cut: Instant) -> Result<Link> {
        if self.carried_at_cut.is_some() {
            self.link.carried_while_cut = self.carried_since_the_cut();
        }
        let (bound, far) = match self.pusher_connects {
            false => (&mut self.pusher, &mut self.far),
            true => (&mut self.far, &mut self.pusher),
        };
        self.link.bound.lost_since(bound, cut)?;
        self.link.far.lost_since(far, cut)?;
        Ok(self.link.clone())
    }

    /// Pushes [`BATCH`] numbered tasks; returns their numbers.
    pub fn push_batch(&mut self) -> Result<Range<usize>> {
        let first = self.pushed;
        for n in first..first + BATCH {
            self.pusher.socket.send(n.to_string().as_str(), 0)?;
        }
        self.pushed += BATCH;
        Ok(first..self.pushed)
    }

    pub fn pushed(&self) -> usize {
        self.pushed
    }

    /// Pushes two markers: the PUSH deals them in turn, one to each puller it still deals
    /// to. A puller that reads up to its marker has received everything pushed to it
    /// before.
    pub fn mark(&mut self) -> Result<usize> {
        self.marks += 1;
        for _ in 0..2 {
            let marker = format!("mark {}", self.marks);
            self.pusher.socket.send(marker.as_str(), 0)?;
        }
        Ok(self.marks)
    }

    /// The task numbers the near puller receives up to `mark`.
    pub fn near_until(&self, mark: usize) -> Result<Vec<usize>> {
        until_mark(&self.near, mark)
    }

    /// The task numbers the far puller receives up to `mark`.
    pub fn far_until(&self, mark: usize) -> Result<Vec<usize>> {
        until_mark(&self.far.socket, mark)
    }

    /// Marks, and reads both pullers up to the mark: `[far, near]`.
    pub fn both_until_a_mark(&mut self) -> Result<[Vec<usize>; 2]> {
        let mark = self.mark()?;
        Ok([self.far_until(mark)?, self.near_until(mark)?])
    }

    /// When the PUSH and the far puller noticed that their connection was lost, since
    /// `since` (see [`watch_until`]); heartbeats that took longer than the window
    /// disturbed the run.
    pub fn noticed(
        &mut self,
        since: Instant,
    ) -> Result<(Option<Duration>, Option<Duration>)> {
        let [on_the_push, on_the_puller] = self.heartbeats;
        let noticed = when_both_lost(
            (&mut self.pusher, watch_until(since, on_the_push)),
            (&mut self.far, watch_until(since, on_the_puller)),
            since,
        )?;
        in_time("PUSH", noticed.0.filter(|_| on_the_push.is_some()))?;
        in_time("far puller", noticed.1.filter(|_| on_the_puller.is_some()))?;
        Ok(noticed)
    }

    /// The run's outcome, unless a connection was lost that no failed link explains: with
    /// heartbeats on either end, each end may lose the one connection to the other, once.
    pub fn settle<T>(&mut self, outcome: Result<T>) -> Result<T> {
        let once = usize::from(self.heartbeats.iter().any(Option::is_some));
        self.settle_at_most(outcome, once)
    }

    fn settle_at_most<T>(&mut self, outcome: Result<T>, at_most: usize) -> Result<T> {
        settle(
            outcome,
            &mut [
                ("PUSH", &mut self.pusher, at_most),
                ("far puller", &mut self.far, at_most),
            ],
        )
    }
}

/// Reads task numbers until the marker `mark` arrives (older markers, and the probes of
/// [`until_dealing_only_to`], are skipped).
pub(super) fn until_mark(puller: &Socket, mark: usize) -> Result<Vec<usize>> {
    let wanted = format!("mark {mark}");
    let mut tasks = Vec::new();
    loop {
        let message = lab::recv_within(puller, BOUND)?
            .with_context(|| format!("{wanted:?} did not arrive within {BOUND:?}"))?;
        if message == wanted.as_bytes() {
            return Ok(tasks);
        }
        match number(&message) {
            usize::MAX => {}
            n => tasks.push(n),
        }
    }
}

fn counted_in(tasks: &[usize], range: &Range<usize>) -> usize {
    tasks.iter().filter(|n| range.contains(n)).count()
}

// ANCHOR: until_dealing_only_to
/// Once its monitor says a connection is gone, a PUSH stops dealing to it when it next
/// takes in its commands, a moment later; until then, what it deals there is lost. Pushes
/// pairs of probes until both of one pair reach `near`: from then on the PUSH deals to
/// `near` alone. Returns the task numbers `near` received on the way, and how many pairs
/// it took. (A PUSH also passes over a live connection whose queue is full: call it once
/// the other connection is gone, or with a queue that cannot fill.)
pub fn until_dealing_only_to(pusher: &Socket, near: &Socket) -> Result<NearAlone> {
    let deadline = Instant::now() + BOUND;
    let mut first_of: Option<usize> = None; // the pair whose first probe came last
    let mut tasks = Vec::new();
    let mut pair = 0;
    loop {
        if Instant::now() >= deadline {
            bail!("the PUSH still dealt to a dead connection after {BOUND:?}");
        }
        pusher.get_events()?;
        pusher.send(format!("probe {pair} 0").as_str(), 0)?;
        pusher.send(format!("probe {pair} 1").as_str(), 0)?;
        // Read until a probe of this pair arrives; its partner, if it comes, comes next.
        loop {
            let message = lab::recv_within(near, BOUND)?.context("no probe arrived")?;
            let text = lab::text(&message);
            let Some((of, which)) = text
                .strip_prefix("probe ")
                .and_then(|rest| rest.split_once(' '))
            else {
                if number(&message) != usize::MAX {
                    tasks.push(number(&message));
                }
                continue;
            };
            let of: usize = of.parse()?;
            if which == "1" && first_of == Some(of) {
                return Ok(NearAlone {
                    tasks,
                    pairs: pair + 1,
                });
            }
            first_of = (which == "0").then_some(of);
            if of == pair {
                break;
            }
        }
        pair += 1;
    }
}
// ANCHOR_END: until_dealing_only_to

/// What [`until_dealing_only_to`] saw: the tasks the near puller received on the way, and
/// the pairs of probes pushed until both of one reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearAlone {
    pub tasks: Vec<usize>,
    pub pairs: usize,
}

/// What a PUSH did when the link to one of its two pullers was cut for good.
#[derive(Debug, Clone)]
pub struct CutForGood {
    /// The control, before the cut: of [`BATCH`] tasks, what the far and the near puller
    /// got.
    pub before: [usize; 2],
    /// From the cut to the PUSH's DISCONNECTED for the far puller (see [`watch_until`]).
    pub push_noticed: Option<Duration>,
    /// From the cut to the far puller's own DISCONNECTED.
    pub puller_noticed: Option<Duration>,
    /// Of [`BATCH`] tasks pushed just after the cut, what the near puller got.
    pub near_during: usize,
    /// Of [`BATCH`] tasks pushed once the PUSH noticed (or the window passed), what the
    /// near puller got.
    pub near_after: usize,
    /// The pairs of probes pushed until the PUSH was seen dealing to the near puller alone
    /// (see [`until_dealing_only_to`]), where the run waited for it before that batch. A
    /// PUSH that lets go of a lost puller may still deal to its pipe a moment after its
    /// monitor says DISCONNECTED: without the wait, a task lost there would count against
    /// the verdict.
    pub probed_until_near_alone: Option<usize>,
    /// Tasks that arrived nowhere: the far puller's share, in the dead link.
    pub lost: Vec<usize>,
    /// What the run proves of its set-up.
    pub link: Link,
    /// Whether the PUSH connected to the pullers, and its `ZMQ_IMMEDIATE`, read back.
    pub pusher_connects: bool,
    pub immediate: bool,
    /// Runs a stall disturbed and that were repeated (see [`super::Disturbed`]).
    pub repeated: usize,
}

// ANCHOR: cut_for_good
/// The link to the far puller is cut and never comes back. Ten tasks are pushed at once;
/// then the experiment waits for the break to be noticed; then ten more.
pub fn puller_cut_for_good(heartbeats: Option<Heartbeats>) -> Result<CutForGood> {
    let (outcome, repeated) = undisturbed(|| {
        let lab = Lab::new()?;
        let mut two = TwoPullers::new(&lab, heartbeats)?;
        let outcome = cut_for_good(&mut two);
        two.settle(outcome)
    })?;
    Ok(CutForGood {
        repeated,
        ..outcome
    })
}

fn cut_for_good(two: &mut TwoPullers) -> Result<CutForGood> {
    let control = two.push_batch()?;
    let [far, mut near] = two.both_until_a_mark()?;
    let before = [counted_in(&far, &control), counted_in(&near, &control)];

    let cut = two.cut()?;
    let during = two.push_batch()?;
    // Dealt before the PUSH noticed, or the run did not measure what it is for: a stall
    // between the cut and these sends outlasted the heartbeats.
    if two.pusher.seen(zmq::SocketEvent::DISCONNECTED)? > 0 {
        return Err(Disturbed(format!(
            "the PUSH noticed the cut {} before it had dealt the batch after it",
            crate::claims::ms(cut.elapsed())
        ))
        .into());
    }
    let mark = two.mark()?;
    near.extend(two.near_until(mark)?);
    let (push_noticed, puller_noticed) = two.noticed(cut)?;
    two.link.watched_for(cut.elapsed())?; // measured, beside the window it was to last
    let probed_until_near_alone =
        if push_noticed.is_some() && two.lets_go_of_a_lost_puller()? {
            Some(until_dealing_only_to(&two.pusher.socket, &two.near)?.pairs)
        } else {
            None
        };
    let after = two.push_batch()?;
    let mark = two.mark()?;
    near.extend(two.near_until(mark)?);

    let arrived: Vec<usize> = far.iter().chain(&near).copied().collect();
    Ok(CutForGood {
        before,
        push_noticed,
        puller_noticed,
        near_during: counted_in(&near, &during),
        near_after: counted_in(&near, &after),
        probed_until_near_alone,
        lost: missing(two.pushed(), &arrived),
        link: two.proven(cut)?, // read back from the sockets, monitors and relay
        pusher_connects: two.pusher_connects,
        immediate: two.pusher.socket.is_immediate()?,
        repeated: 0,
    })
}
// ANCHOR_END: cut_for_good

/// As [`puller_cut_for_good`], with the pullers bound and the PUSH connecting, heartbeats
/// on the PUSH and the far puller, and `ZMQ_IMMEDIATE` as `immediate` says.
pub fn connecting_push_puller_cut_for_good(immediate: bool) -> Result<CutForGood> {
    let (outcome, repeated) = undisturbed(|| {
        let lab = Lab::new()?;
        let mut two = TwoPullers::connecting(&lab, Some(Heartbeats::LAB), immediate)?;
        let outcome = cut_for_good(&mut two);
        two.settle(outcome)
    })?;
    Ok(CutForGood {
        repeated,
        ..outcome
    })
}

/// As [`puller_cut_for_good`], with heartbeats on the PUSH alone: the far puller can
/// notice only by the TTL of the PINGs it received, and does so only if a PING was the
/// last frame it received before the cut (see the module's documentation).
pub fn puller_cut_for_good_pinged_by_the_push_alone(
    heartbeats: Heartbeats,
) -> Result<CutForGood> {
    let (outcome, repeated) = undisturbed(|| {
        let lab = Lab::new()?;
        let mut two = TwoPullers::with(&lab, Some(heartbeats), None)?;
        let outcome = cut_for_good(&mut two);
        two.settle(outcome)
    })?;
    Ok(CutForGood {
        repeated,
        ..outcome
    })
}

/// What a PUSH and its far puller did when the link between them was cut for a while.
#[derive(Debug, Clone)]
pub struct CutAndHealed {
    /// From the cut to the PUSH's DISCONNECTED (see [`watch_until`]).
    pub push_noticed: Option<Duration>,
    /// From the cut to the far puller's DISCONNECTED.
    pub puller_noticed: Option<Duration>,
    /// How long the link was cut: until both noticed, or the whole window.
    pub cut_lasted: Duration,
    /// From the restore to the far puller's new handshake, if it had to make one.
    pub reconnected: Option<Duration>,
    /// Of [`BATCH`] tasks pushed during the cut, what the far and the near puller got.
    pub during: [usize; 2],
    /// Of [`BATCH`] tasks pushed after the link came back, what each got: both take part
    /// again.
    pub after: [usize; 2],
    /// Tasks that arrived nowhere.
    pub lost: Vec<usize>,
    /// What the run proves of its set-up.
    pub link: Link,
    /// Runs a stall disturbed and that were repeated (see [`super::Disturbed`]).
    pub repeated: usize,
}

// ANCHOR: cut_and_healed
/// The link to the far puller is cut; ten tasks are pushed; the link stays cut until both
/// ends noticed (with heartbeats) or the window passed (without), and then comes back.
pub fn puller_cut_and_healed(heartbeats: Option<Heartbeats>) -> Result<CutAndHealed> {
    let (outcome, repeated) = undisturbed(|| {
        let lab = Lab::new()?;
        let mut two = TwoPullers::new(&lab, heartbeats)?;
        let outcome = cut_and_healed(&mut two);
        two.settle(outcome)
    })?;
    Ok(CutAndHealed {
        repeated,
        ..outcome
    })
}

fn cut_and_healed(two: &mut TwoPullers) -> Result<CutAndHealed> {
    two.push_batch()?;
    let [mut far, mut near] = two.both_until_a_mark()?;

    let cut = two.cut()?;
    let during = two.push_batch()?;
    // Dealt before the PUSH noticed, or the run did not measure what it is for: a stall
    // between the cut and these sends outlasted the heartbeats.
    if two.pusher.seen(zmq::SocketEvent::DISCONNECTED)? > 0 {
        return Err(Disturbed(format!(
            "the PUSH noticed the cut {} before it had dealt the batch after it",
            crate::claims::ms(cut.elapsed())
        ))
        .into());
    }
    let mark = two.mark()?;
    near.extend(two.near_until(mark)?);
    let (push_noticed, puller_noticed) = two.noticed(cut)?;
    two.link.watched_for(cut.elapsed())?;
    two.restore();
    let restored = Instant::now();
    let cut_lasted = restored - cut;

    // A connection that either end gave up on is made again: wait for the far puller's
    // new handshake, and the PUSH's (its third, counting the near puller's).
    let mut reconnected = None;
    if push_noticed.is_some() || puller_noticed.is_some() {
        let handshake = zmq::SocketEvent::HANDSHAKE_SUCCEEDED;
        reconnected = when(&mut two.far, handshake, 2, restored, restored + BOUND)?;
        two.pusher.wait_handshakes(3)?;
        two.pusher.socket.get_events()?;
    }
    let after = two.push_batch()?;
    let [far_after, near_after] = two.both_until_a_mark()?;
    far.extend(far_after);
    near.extend(near_after);

    let arrived: Vec<usize> = far.iter().chain(&near).copied().collect();
    Ok(CutAndHealed {
        push_noticed,
        puller_noticed,
        cut_lasted,
        reconnected,
        during: [counted_in(&far, &during), counted_in(&near, &during)],
        after: [counted_in(&far, &after), counted_in(&near, &after)],
        lost: missing(two.pushed(), &arrived),
        link: two.proven(cut)?,
        repeated: 0,
    })
}
// ANCHOR_END: cut_and_healed

/// What a PUSH and its far puller did when the link between them was reset.
#[derive(Debug, Clone)]
pub struct LinkReset {
    /// From the reset to the PUSH's DISCONNECTED.
    pub push_noticed: Option<Duration>,
    /// From the reset to the far puller's DISCONNECTED.
    pub puller_noticed: Option<Duration>,
    /// From the reset to the far puller's new handshake.
    pub reconnected: Option<Duration>,
    /// Of [`BATCH`] tasks pushed just before the reset, what the far and the near puller
    /// got.
    pub during: [usize; 2],
    /// Of [`BATCH`] tasks pushed after the far puller was back, what each got.
    pub after: [usize; 2],
    /// Tasks that arrived nowhere.
    pub lost: Vec<usize>,
    /// What the run proves of its set-up (what the link carried before the reset).
    pub link: Link,
    /// Runs a stall disturbed and that were repeated (see [`super::Disturbed`]).
    pub repeated: usize,
}

// ANCHOR: link_reset
/// A host that crashed and rebooted: the link to the far puller goes silent, ten tasks
/// are pushed (the far puller's share is on its way when the host dies), and then the
/// host answers with a reset, as a rebooted host answers a segment of a connection it no
/// longer knows.
pub fn puller_link_reset(heartbeats: Option<Heartbeats>) -> Result<LinkReset> {
    let (outcome, repeated) = undisturbed(|| {
        let lab = Lab::new()?;
        let mut two = TwoPullers::new(&lab, heartbeats)?;
        let outcome = link_reset(&mut two);
        // The reset itself drops the connection on both ends, heartbeats or not.
        two.settle_at_most(outcome, 1)
    })?;
    Ok(LinkReset {
        repeated,
        ..outcome
    })
}

fn link_reset(two: &mut TwoPullers) -> Result<LinkReset> {
    two.push_batch()?;
    let [mut far, mut near] = two.both_until_a_mark()?;

    two.cut()?;
    let during = two.push_batch()?;
    let mark = two.mark()?;
    near.extend(two.near_until(mark)?);
    two.relay.reset()?;
    let reset = Instant::now();
    // The host is back: new connections go through. A reset must be noticed, heartbeats
    // or not: both ends are waited for on evidence.
    two.restore();
    two.link.window = BOUND;
    let (push_noticed, puller_noticed) = when_both_lost(
        (&mut two.pusher, reset + BOUND),
        (&mut two.far, reset + BOUND),
        reset,
    )?;
    two.link.watched_for(reset.elapsed())?;
    let handshake = zmq::SocketEvent::HANDSHAKE_SUCCEEDED;
    let reconnected = when(&mut two.far, handshake, 2, reset, reset + BOUND)?;
    two.pusher.wait_handshakes(3)?;
    two.pusher.socket.get_events()?;
    let after = two.push_batch()?;
    let [far_after, near_after] = two.both_until_a_mark()?;
    far.extend(far_after);
    near.extend(near_after);

    let arrived: Vec<usize> = far.iter().chain(&near).copied().collect();
    Ok(LinkReset {
        push_noticed,
        puller_noticed,
        reconnected,
        during: [counted_in(&far, &during), counted_in(&near, &during)],
        after: [counted_in(&far, &after), counted_in(&near, &after)],
        lost: missing(two.pushed(), &arrived),
        link: two.proven(reset)?,
        repeated: 0,
    })
}
// ANCHOR_END: link_reset
