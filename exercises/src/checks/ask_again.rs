//! The check of exercise 13, a client that asks again: servers of the check's own that
//! answer the first try after a while, only the last, none, or the first too late for it,
//! and count, time and tell apart the tries; no tries at all; a server that starts late
//! over tcp; and a tcp endpoint where nobody is there at all.

use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, inproc, ms, nobody_over_tcp, one_frame, recv_within,
    side_by_side, too_late, Call, Check, Message, Scene, SleepWatch, CLOCK_SLACK,
    PATIENCE, RETURN_BOUND, SLACK, SLEPT,
};
use super::values::{show, show_message, Values};

type AskReliably =
    fn(&zmq::Context, &str, &[u8], Duration, usize) -> zmq::Result<Option<Vec<u8>>>;

/// What one scenario hands to `ask_reliably`.
#[derive(Clone)]
struct Asking {
    request: Vec<u8>,
    timeout: Duration,
    tries: usize,
}

impl Asking {
    fn new(values: &mut Values, timeout: Duration, tries: usize) -> Asking {
        Asking {
            request: values.binary(),
            timeout,
            tries,
        }
    }

    /// How long all the tries take when none is answered.
    fn all_tries(&self) -> Duration {
        self.timeout * self.tries as u32
    }

    fn said(&self) -> String {
        format!("{} tries of {}", self.tries, ms(self.timeout))
    }
}

pub fn ask_reliably(ask: AskReliably) -> Check {
    let mut values = Values::for_exercise(13);
    // A server that answers the first try after most of a timeout of over a second: a
    // try that waits less than its timeout never sees the reply, however busy the
    // machine, and neither does one that takes the timeout's part below the second.
    let timeout = values.millis(1_000, 1_250);
    let tries = values.between(1, 3);
    let slowly = Asking::new(&mut values, timeout, tries);
    let thinks = timeout * values.between(60, 70) as u32 / 100;
    // An empty reply: a reply all the same, not one that was lost.
    let reply = Vec::new();
    // Two numbers of tries that differ, so that no fixed number fits both; and two
    // timeouts far enough apart that no fixed timeout fits both (the short one, over its
    // tries, gives up at most 125 ms a try late).
    let mut counts = [2, 3, 4];
    values.shuffle(&mut counts);
    let timeout = values.millis(100, 200);
    let at_last = Asking::new(&mut values, timeout, counts[0]);
    let last_reply = values.binary();
    let timeout = values.millis(100, 180);
    let never_tries = if values.chance(3) { 1 } else { counts[1] };
    let never = Asking::new(&mut values, timeout, never_tries);
    let timeout = values.millis(100, 300);
    let no_tries = Asking::new(&mut values, timeout, 0);
    // Two tries: the server starts while the second, the last, waits. Its fresh socket
    // found nobody when it connected, and must connect again by itself in time (RR4).
    let timeout = values.millis(500, 700);
    let late = Asking::new(&mut values, timeout, 2);
    let starts_after = timeout * values.between(110, 130) as u32 / 100;
    let late_reply = values.binary();
    let timeout = values.millis(320, 400);
    let nobody = Asking::new(&mut values, timeout, 2);
    // A server that answers the first try only, and too late for it: after its timeout,
    // while the next try waits.
    let timeout = values.millis(150, 300);
    let tries = values.between(2, 3);
    let after_its_try = Asking::new(&mut values, timeout, tries);
    let too_late_for_it = timeout * values.between(130, 170) as u32 / 100;
    let lost_reply = values.binary();
    side_by_side(vec![
        Box::new(move || confirmed(|| answered(ask, &slowly, 1, thinks, &reply))),
        Box::new(move || {
            confirmed(|| {
                answered(ask, &at_last, at_last.tries, Duration::ZERO, &last_reply)
            })
        }),
        Box::new(move || confirmed(|| never_answered(ask, &never))),
        Box::new(move || confirmed(|| never_answered(ask, &no_tries))),
        Box::new(move || confirmed(|| nobody_runs_over_tcp(ask, &nobody))),
        Box::new(move || {
            confirmed(|| server_starts_late(ask, &late, starts_after, &late_reply))
        }),
        Box::new(move || {
            confirmed(|| {
                answered_after_its_try(ask, &after_its_try, too_late_for_it, &lost_reply)
            })
        }),
    ])
}

fn start(
    ask: AskReliably,
    scene: &Scene,
    endpoint: &str,
    asking: &Asking,
) -> Call<zmq::Result<Option<Vec<u8>>>> {
    let context = scene.context().clone();
    let endpoint = endpoint.to_string();
    let Asking {
        request,
        timeout,
        tries,
    } = asking.clone();
    call(move || ask(&context, &endpoint, &request, timeout, tries))
}

/// A server that leaves the requests of the tries before `answers` unanswered (lost, as
/// far as the client can tell) and answers the request of try `answers` after `thinks`.
fn answered(
    ask: AskReliably,
    asking: &Asking,
    answers: usize,
    thinks: Duration,
    reply: &[u8],
) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = Server::start(
        scene.own_bound(zmq::ROUTER, &endpoint)?,
        Answers::Try(answers),
        thinks,
        reply.to_vec(),
    );
    let mut asking_now = start(ask, &scene, &endpoint, asking);
    // A sleep in place of the receive timeout returns a reply that came during it late:
    // the function's thread is watched for sleeps.
    let sleeps = SleepWatch::start(asking_now.thread);
    let waited = asking.all_tries() + PATIENCE;
    let outcome = asking_now.within(waited);
    let slept = sleeps.stop();
    let heard = server.stop();
    let said = server_said(answers, thinks);
    let Some((result, returned_at)) = outcome else {
        return Err(format!(
            "{said}; ask_reliably ({}) had not returned {} later",
            asking.said(),
            ms(waited)
        ));
    };
    heard_the_request(&heard, asking)?;
    let got = match result {
        Ok(Some(got)) => got,
        Ok(None) => {
            return Err(format!(
            "{said}, but ask_reliably ({}) gave up (returned None) when the server had \
                 heard {}{}",
            asking.said(),
            requests(heard.requests.len()),
            if thinks > Duration::ZERO {
                ": each try waits its whole timeout for the reply, no less"
            } else {
                ""
            }
        ))
        }
        Err(e) => return Err(error_after(e, &heard, asking)),
    };
    if got != reply {
        return Err(format!(
            "the server answered {}; ask_reliably returned Some({})",
            show(reply),
            show(&got)
        ));
    }
    if heard.requests.len() != answers {
        return Err(format!(
            "the server answered try {answers}, and heard {}: ask once a try, and stop \
             once the reply has come",
            requests(heard.requests.len())
        ));
    }
    tries_in_turn(&heard, asking, asking_now.started)?;
    if slept >= SLEPT {
        return Err(format!(
            "{said}; ask_reliably returned it, but it slept {} on the way ({}): a sleep is a \
             guess at when the reply comes, and a reply that comes during it waits for its \
             end. Wait with a receive timeout, which returns the moment the reply is there",
            ms(slept),
            asking.said()
        ));
    }
    if let Some(answered_at) = heard.answered {
        let late = returned_at.saturating_duration_since(answered_at);
        if late > SLACK {
            return Err(too_late(format!(
                "{said}; ask_reliably returned the reply {} later (each try {}). A reply \
                 that comes is returned at once: wait *up to* the timeout, not the whole \
                 timeout",
                ms(late),
                ms(asking.timeout)
            )));
        }
    }
    Ok(())
}

/// A server that hears every request and answers none.
fn never_answered(ask: AskReliably, asking: &Asking) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = Server::start(
        scene.own_bound(zmq::ROUTER, &endpoint)?,
        Answers::None,
        Duration::ZERO,
        Vec::new(),
    );
    let mut asking_now = start(ask, &scene, &endpoint, asking);
    if asking.tries == 0 {
        return no_try(&mut asking_now, server, asking);
    }
    let gave_up =
        gives_up_in_time(&mut asking_now, asking, "a server that never answers");
    let heard = server.stop();
    gave_up.map_err(|why| match why {
        GaveUp::Replied(reply) => returned_a_reply("a server that never answers", &reply),
        GaveUp::Wrongly(Err(e)) => error_after(e, &heard, asking),
        GaveUp::Wrongly(Ok(why)) | GaveUp::Late(why) => why,
    })?;
    heard_the_request(&heard, asking)?;
    if heard.requests.len() != asking.tries {
        return Err(format!(
            "with a server that never answers and `tries` {}, the server heard {}: one \
             request a try{}",
            asking.tries,
            requests(heard.requests.len()),
            if asking.tries == 0 {
                ", and no try at all when `tries` is 0"
            } else {
                ""
            }
        ));
    }
    tries_in_turn(&heard, asking, asking_now.started)
}

/// A server that answers the first try only, `thinks` after it came: after that try's
/// timeout, while the next one waits. That try is over by then, its socket closed and the
/// reply lost with it: the call gives up after all its tries.
fn answered_after_its_try(
    ask: AskReliably,
    asking: &Asking,
    thinks: Duration,
    reply: &[u8],
) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = Server::start(
        scene.own_bound(zmq::ROUTER, &endpoint)?,
        Answers::Try(1),
        thinks,
        reply.to_vec(),
    );
    let mut asking_now = start(ask, &scene, &endpoint, asking);
    let said = format!(
        "the server answered the first try only, {} after it came, past that try's timeout \
         of {}",
        ms(thinks),
        ms(asking.timeout)
    );
    let gave_up = gives_up_in_time(&mut asking_now, asking, &said);
    let heard = server.stop();
    gave_up.map_err(|why| match why {
        GaveUp::Replied(got) => {
            // Whether the second try had come before the reply went out: then the first
            // was over, on the learner's own clock as well as the server's.
            let over = match (heard.requests.get(1), heard.answered) {
                (Some(second), Some(answered)) => second.came <= answered,
                _ => false,
            };
            let why = format!(
                "{said}; ask_reliably ({}) returned that reply, Some({}). A try with no reply \
                 within its timeout is over: close its socket, and a reply that comes to it \
                 later is lost with it; wait for the reply to the try under way only",
                asking.said(),
                show(&got)
            );
            if over {
                why
            } else {
                // The first try may have waited longer than its timeout on a busy machine.
                too_late(why)
            }
        }
        GaveUp::Wrongly(Err(e)) => error_after(e, &heard, asking),
        GaveUp::Wrongly(Ok(why)) | GaveUp::Late(why) => why,
    })?;
    heard_the_request(&heard, asking)?;
    if heard.requests.len() != asking.tries {
        return Err(format!(
            "{said}, and heard {} in all with `tries` {}: one request a try",
            requests(heard.requests.len()),
            asking.tries
        ));
    }
    tries_in_turn(&heard, asking, asking_now.started)
}

/// With `tries` 0 there is no try to make: `None` at once, and the server hears nothing.
fn no_try(
    asking_now: &mut Call<zmq::Result<Option<Vec<u8>>>>,
    server: Server,
    asking: &Asking,
) -> Check {
    let waited = asking.timeout + PATIENCE;
    let outcome = asking_now.within(waited);
    let heard = server.stop();
    if !heard.requests.is_empty() {
        return Err(format!(
            "with `tries` 0, the server heard {}: one request a try, and no try at all when \
             `tries` is 0",
            requests(heard.requests.len())
        ));
    }
    match outcome {
        None => Err(format!(
            "with `tries` 0, ask_reliably had not returned {} after it began: with no try to \
             make, there is nothing to wait for",
            ms(waited)
        )),
        Some((Ok(None), returned_at)) => {
            let took = returned_at.saturating_duration_since(asking_now.started);
            if took > SLACK {
                return Err(too_late(format!(
                    "with `tries` 0, ask_reliably returned None {} after it began: with no \
                     try to make, there is nothing to wait for",
                    ms(took)
                )));
            }
            Ok(())
        }
        Some((Ok(Some(reply)), _)) => Err(format!(
            "with `tries` 0, ask_reliably returned a reply: Some({})",
            show(&reply)
        )),
        Some((Err(e), _)) => Err(format!(
            "with `tries` 0, ask_reliably returned an error instead of None: {}",
            explain(e)
        )),
    }
}

/// A server over tcp that is not there for the first try, and starts (`starts_after` the
/// call began) while the second waits: the second try's fresh socket connects to it, and
/// its reply is returned at once (RR4).
fn server_starts_late(
    ask: AskReliably,
    asking: &Asking,
    starts_after: Duration,
    reply: &[u8],
) -> Check {
    let scene = Scene::new();
    let endpoint = nobody_over_tcp()?;
    let mut asking_now = start(ask, &scene, &endpoint, asking);
    // The world of the exercise: the server starts late.
    std::thread::sleep(starts_after);
    let router = scene.own(zmq::ROUTER)?;
    if router.bind(&endpoint).is_err() {
        // The port was taken meanwhile by someone else: this world cannot be played.
        return Ok(());
    }
    let server = Server::start(router, Answers::Every, Duration::ZERO, reply.to_vec());
    let waited = asking.all_tries() + PATIENCE;
    let outcome = asking_now.within(waited);
    let heard = server.stop();
    let said = format!(
        "the server, over tcp, started {} after the call began and answered every request \
         it heard at once",
        ms(starts_after)
    );
    let Some((result, returned_at)) = outcome else {
        return Err(format!(
            "{said}; ask_reliably ({}) had not returned {} later",
            asking.said(),
            ms(waited)
        ));
    };
    match result {
        Ok(Some(got)) if got == reply => {}
        Ok(Some(got)) => {
            return Err(format!(
                "{said}: {}; ask_reliably returned Some({})",
                show(reply),
                show(&got)
            ))
        }
        Ok(None) => {
            return Err(format!(
                "{said}, but ask_reliably ({}) gave up (returned None) when the server had \
                 heard {}: a fresh socket connects to whatever server is there by then (RR4)",
                asking.said(),
                requests(heard.requests.len())
            ))
        }
        Err(e) => return Err(error_after(e, &heard, asking)),
    }
    if let Some(answered_at) = heard.answered {
        let late = returned_at.saturating_duration_since(answered_at);
        if late > SLACK {
            return Err(too_late(format!(
                "{said}; ask_reliably returned the reply {} later. A reply that comes is \
                 returned at once",
                ms(late)
            )));
        }
    }
    Ok(())
}

/// A server that is not running, over tcp: give up in time, and leave nothing behind that
/// keeps the context from closing. (An inproc connect to a name nobody bound cannot show
/// this: libzmq binds such pending connects when the context ends.)
fn nobody_runs_over_tcp(ask: AskReliably, asking: &Asking) -> Check {
    let scene = Scene::new();
    let endpoint = nobody_over_tcp()?;
    let mut asking_now = start(ask, &scene, &endpoint, asking);
    gives_up_in_time(&mut asking_now, asking, "nobody there").map_err(
        |why| match why {
            GaveUp::Replied(reply) => returned_a_reply("nobody there", &reply),
            GaveUp::Wrongly(Err(e)) => format!(
                "with nobody there, ask_reliably returned an error instead of None: {}",
                explain(e)
            ),
            GaveUp::Wrongly(Ok(why)) | GaveUp::Late(why) => why,
        },
    )?;
    if scene.close_within(RETURN_BOUND) {
        Ok(())
    } else {
        Err(format!(
            "ask_reliably gave up in time, but then the context could not close (still \
             waiting after {}): a REQ socket still holds a request for the server that is \
             not there (at {endpoint}). Set LINGER 0 on each, so closing it drops what it \
             could not deliver",
            ms(RETURN_BOUND)
        ))
    }
}

/// Why a function that should have given up did not, or not rightly.
enum GaveUp {
    /// It returned a reply: this one.
    Replied(Vec<u8>),
    /// It returned an error, or `None` too early: the words, or the error it returned.
    Wrongly(Result<String, zmq::Error>),
    /// It had not returned in time.
    Late(String),
}

/// Giving up: `None`, after all the tries and not much later.
fn gives_up_in_time(
    asking_now: &mut Call<zmq::Result<Option<Vec<u8>>>>,
    asking: &Asking,
    world: &str,
) -> Result<(), GaveUp> {
    let all = asking.all_tries();
    let Some((result, returned_at)) = asking_now.within(all + SLACK) else {
        return Err(GaveUp::Late(too_late(format!(
            "with {world} and {}, ask_reliably had not given up {} after all of them ({}): \
             after `tries` tries, give up",
            asking.said(),
            ms(SLACK),
            ms(all)
        ))));
    };
    let took = returned_at.saturating_duration_since(asking_now.started);
    match result {
        // libzmq's clock may end each try's wait a little early.
        Ok(None) if took + CLOCK_SLACK * asking.tries as u32 >= all => Ok(()),
        Ok(None) => Err(GaveUp::Wrongly(Ok(format!(
            "with {world} and {}, ask_reliably gave up after {}: before all the tries had \
             waited their timeout ({})",
            asking.said(),
            ms(took),
            ms(all)
        )))),
        Ok(Some(reply)) => Err(GaveUp::Replied(reply)),
        Err(e) => Err(GaveUp::Wrongly(Err(e))),
    }
}

/// A reply returned in a world where none came.
fn returned_a_reply(world: &str, reply: &[u8]) -> String {
    format!(
        "with {world}, ask_reliably returned a reply: Some({})",
        show(reply)
    )
}

/// Every request the server heard is the one asked, and each came on a connection of its
/// own: a fresh socket for every try.
fn heard_the_request(heard: &Heard, asking: &Asking) -> Check {
    let expected = one_frame(asking.request.as_slice());
    if let Some(request) = heard.requests.iter().find(|r| r.body != expected) {
        return Err(format!(
            "asked to send {}; the server heard {}",
            show(&asking.request),
            show_message(&request.body)
        ));
    }
    for (later, request) in heard.requests.iter().enumerate() {
        if let Some(earlier) = heard.requests[..later]
            .iter()
            .position(|r| r.peer == request.peer)
        {
            return Err(format!(
                "the server heard try {} on the same connection as try {}: the same socket \
                 asked again. Close the socket of a try that had no reply, and ask again on \
                 a fresh one: it connects to whatever server is there by then (RR4)",
                later + 1,
                earlier + 1
            ));
        }
    }
    Ok(())
}

/// Each try after the ones before have waited their timeout. Measured from the start of
/// the call, as the server hears a request a little after it was sent (and later still
/// on a busy machine), never before.
fn tries_in_turn(heard: &Heard, asking: &Asking, started: Instant) -> Check {
    for (before, request) in heard.requests.iter().enumerate().skip(1) {
        let after = request.came.saturating_duration_since(started);
        let waited = (asking.timeout - CLOCK_SLACK) * before as u32;
        if after < waited {
            let timeouts = match before {
                1 => "the first timeout".to_string(),
                n => format!("{n} timeouts"),
            };
            return Err(format!(
                "try {} came {} after the call began, before {timeouts} of {} could have \
                 run out",
                before + 1,
                ms(after),
                ms(asking.timeout)
            ));
        }
    }
    Ok(())
}

/// An error returned while the server had heard `heard`: EFSM means the same REQ asked
/// again.
fn error_after(error: zmq::Error, heard: &Heard, asking: &Asking) -> String {
    let heard = requests(heard.requests.len());
    if error == zmq::Error::EFSM {
        format!(
            "the server had heard {heard} and sent no reply within {}, and ask_reliably \
             returned an error: {}. A plain REQ that is still waiting for its reply may not \
             send again: close it and ask on a fresh socket",
            ms(asking.timeout),
            explain(error)
        )
    } else {
        format!(
            "the server had heard {heard}, and ask_reliably returned an error: {}",
            explain(error)
        )
    }
}

/// What the server of [`answered`] did.
fn server_said(answers: usize, thinks: Duration) -> String {
    let when = if thinks > Duration::ZERO {
        format!("{} after it came", ms(thinks))
    } else {
        "at once".into()
    };
    match answers {
        1 => format!("the server answered the first try {when}"),
        2 => format!(
            "the server left the first try unanswered and answered the second {when}"
        ),
        n => format!(
            "the server left the first {} tries unanswered and answered try {n} {when}",
            n - 1
        ),
    }
}

/// How many requests the server heard, in words.
fn requests(count: usize) -> String {
    match count {
        0 => "no request".into(),
        1 => "1 request".into(),
        n => format!("{n} requests"),
    }
}

/// What the check's server heard: each request, and when its reply went out.
#[derive(Default)]
struct Heard {
    requests: Vec<Request>,
    answered: Option<Instant>,
}

/// A request as the check's server heard it.
struct Request {
    body: Message,
    /// The ROUTER's name for the connection it came on: a new one for each connection.
    peer: Vec<u8>,
    came: Instant,
}

/// Which requests the check's server answers.
#[derive(Clone, Copy, PartialEq)]
enum Answers {
    None,
    /// The request of this try, counted from 1.
    Try(usize),
    Every,
}

/// The check's server, a ROUTER on a thread of its own: it hears every request and
/// answers those of `answers`, `thinks` after each came.
struct Server {
    stop: mpsc::Sender<()>,
    serving: JoinHandle<Heard>,
}

impl Server {
    fn start(
        router: zmq::Socket,
        answers: Answers,
        thinks: Duration,
        reply: Vec<u8>,
    ) -> Server {
        let (stop, stopping) = mpsc::channel();
        let serving = thread::spawn(move || {
            let mut heard = Heard::default();
            // The replies the server is thinking over: their envelopes, and when they go out.
            let mut pending: Vec<(Message, Instant)> = Vec::new();
            // Once told to stop, for good: a request read in the same turn must not make
            // the server forget it.
            let mut stopped = false;
            loop {
                stopped = stopped
                    || !matches!(stopping.try_recv(), Err(mpsc::TryRecvError::Empty));
                let now = Instant::now();
                for (envelope, _) in pending.iter().filter(|(_, due)| *due <= now) {
                    let mut message = envelope.clone();
                    message.push(reply.clone());
                    if router.send_multipart(message, 0).is_ok() {
                        heard.answered = Some(Instant::now());
                    }
                }
                pending.retain(|(_, due)| *due > now);
                // Once told to stop, what has come already is still heard.
                let slice = if stopped {
                    Duration::ZERO
                } else {
                    Duration::from_millis(5)
                };
                let Some(frames) = recv_within(&router, slice) else {
                    if stopped {
                        return heard;
                    }
                    continue;
                };
                let came = Instant::now();
                let (envelope, body) = split_envelope(frames);
                heard.requests.push(Request {
                    body,
                    peer: envelope.first().cloned().unwrap_or_default(),
                    came,
                });
                if answers == Answers::Every
                    || answers == Answers::Try(heard.requests.len())
                {
                    // The world of the exercise: the server may think a while.
                    pending.push((envelope, came + thinks));
                }
            }
        });
        Server { stop, serving }
    }

    /// Everything the server heard up to now.
    fn stop(self) -> Heard {
        let _ = self.stop.send(());
        self.serving.join().unwrap_or_default()
    }
}

/// A request as a ROUTER receives it: the envelope (the peer's identity, then the empty
/// frame a REQ puts first), and the body, every frame of it.
fn split_envelope(mut frames: Message) -> (Message, Message) {
    let body_at = frames
        .iter()
        .position(Vec::is_empty)
        .map_or(1, |empty| empty + 1)
        .min(frames.len());
    let body = frames.split_off(body_at);
    (frames, body)
}
