//! The check of exercise 13, a client that asks again: servers of the check's own that
//! answer the first try, only the last, or none, and count and time the tries; and a tcp
//! endpoint where nobody is there at all.

use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, inproc, ms, nobody_over_tcp, recv_within, side_by_side,
    too_late, Call, Check, Scene, CLOCK_SLACK, PATIENCE, RETURN_BOUND, SLACK,
};
use super::values::{show, Values};

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
    let timeout = values.millis(400, 700);
    let tries = values.between(2, 4);
    let at_once = Asking::new(&mut values, timeout, tries);
    let reply = values.binary();
    // Two numbers of tries that differ, so that no fixed number fits both; and two
    // timeouts far enough apart that no fixed timeout fits both (the short one, over its
    // tries, gives up at most 125 ms a try late).
    let mut counts = [2, 3, 4];
    values.shuffle(&mut counts);
    let timeout = values.millis(100, 200);
    let at_last = Asking::new(&mut values, timeout, counts[0]);
    let last_reply = values.binary();
    let timeout = values.millis(100, 180);
    let never = Asking::new(&mut values, timeout, counts[1]);
    let timeout = values.millis(320, 400);
    let nobody = Asking::new(&mut values, timeout, 2);
    side_by_side(vec![
        Box::new(move || confirmed(|| answered(ask, &at_once, 1, &reply))),
        Box::new(move || {
            confirmed(|| answered(ask, &at_last, at_last.tries, &last_reply))
        }),
        Box::new(move || confirmed(|| never_answered(ask, &never))),
        Box::new(move || confirmed(|| nobody_runs_over_tcp(ask, &nobody))),
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
/// far as the client can tell) and answers the request of try `answers` at once.
fn answered(ask: AskReliably, asking: &Asking, answers: usize, reply: &[u8]) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = Server::start(
        scene.own_bound(zmq::ROUTER, &endpoint)?,
        Some(answers),
        reply.to_vec(),
    );
    let mut asking_now = start(ask, &scene, &endpoint, asking);
    let waited = asking.all_tries() + PATIENCE;
    let outcome = asking_now.within(waited);
    let heard = server.stop();
    let Some((result, returned_at)) = outcome else {
        return Err(format!(
            "{}; ask_reliably ({}) had not returned {} later",
            server_said(answers),
            asking.said(),
            ms(waited)
        ));
    };
    heard_the_request(&heard, asking)?;
    let got = match result {
        Ok(Some(got)) => got,
        Ok(None) => {
            return Err(format!(
                "{}, but ask_reliably ({}) gave up (returned None) after {}",
                server_said(answers),
                asking.said(),
                tries_made(heard.requests.len())
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
            tries_made(heard.requests.len())
        ));
    }
    tries_in_turn(&heard, asking, asking_now.started)?;
    if let Some(answered_at) = heard.answered {
        let late = returned_at.saturating_duration_since(answered_at);
        if late > SLACK {
            return Err(too_late(format!(
                "{}; ask_reliably returned the reply {} later (each try {}). A reply \
                 that comes is returned at once: wait *up to* the timeout, not the whole \
                 timeout",
                server_said(answers),
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
    let server =
        Server::start(scene.own_bound(zmq::ROUTER, &endpoint)?, None, Vec::new());
    let mut asking_now = start(ask, &scene, &endpoint, asking);
    let gave_up =
        gives_up_in_time(&mut asking_now, asking, "a server that never answers");
    let heard = server.stop();
    gave_up.map_err(|why| match why {
        GaveUp::Wrongly(Err(e)) => error_after(e, &heard, asking),
        GaveUp::Wrongly(Ok(why)) | GaveUp::Late(why) => why,
    })?;
    heard_the_request(&heard, asking)?;
    if heard.requests.len() != asking.tries {
        return Err(format!(
            "with a server that never answers, ask_reliably made {}; `tries` was {}",
            tries_made(heard.requests.len()),
            asking.tries
        ));
    }
    tries_in_turn(&heard, asking, asking_now.started)
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
    /// It returned something else than `None`, or returned it too early: the words, or
    /// the error it returned.
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
        Ok(Some(reply)) => Err(GaveUp::Wrongly(Ok(format!(
            "with {world}, ask_reliably returned a reply: Some({})",
            show(&reply)
        )))),
        Err(e) => Err(GaveUp::Wrongly(Err(e))),
    }
}

/// Every request the server heard is the one asked.
fn heard_the_request(heard: &Heard, asking: &Asking) -> Check {
    match heard
        .requests
        .iter()
        .find(|(body, _)| *body != asking.request)
    {
        Some((body, _)) => Err(format!(
            "asked to send {}; the server heard {}",
            show(&asking.request),
            show(body)
        )),
        None => Ok(()),
    }
}

/// Each try after the ones before have waited their timeout. Measured from the start of
/// the call, as the server hears a request a little after it was sent (and later still
/// on a busy machine), never before.
fn tries_in_turn(heard: &Heard, asking: &Asking, started: Instant) -> Check {
    for (before, (_, came)) in heard.requests.iter().enumerate().skip(1) {
        let after = came.saturating_duration_since(started);
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
    let made = tries_made(heard.requests.len());
    if error == zmq::Error::EFSM {
        format!(
            "after {made} with no reply within {}, ask_reliably returned an error: {}. A \
             plain REQ that is still waiting for its reply may not send again: close it and \
             ask on a fresh socket",
            ms(asking.timeout),
            explain(error)
        )
    } else {
        format!(
            "after {made}, ask_reliably returned an error: {}",
            explain(error)
        )
    }
}

/// What the server of [`answered`] did.
fn server_said(answers: usize) -> String {
    match answers {
        1 => "the server answered the first try at once".into(),
        2 => "the server left the first try unanswered and answered the second at once"
            .into(),
        n => format!(
            "the server left the first {} tries unanswered and answered try {n} at once",
            n - 1
        ),
    }
}

fn tries_made(count: usize) -> String {
    match count {
        1 => "1 try".into(),
        n => format!("{n} tries"),
    }
}

/// What the check's server heard: each request's body and when it came, and when its
/// reply went out.
#[derive(Default)]
struct Heard {
    requests: Vec<(Vec<u8>, Instant)>,
    answered: Option<Instant>,
}

/// The check's server, a ROUTER on a thread of its own: it hears every request and
/// answers the `answers`-th (counted from 1) at once, if any.
struct Server {
    stop: mpsc::Sender<()>,
    serving: JoinHandle<Heard>,
}

impl Server {
    fn start(router: zmq::Socket, answers: Option<usize>, reply: Vec<u8>) -> Server {
        let (stop, stopping) = mpsc::channel();
        let serving = thread::spawn(move || {
            let mut heard = Heard::default();
            loop {
                let stopped =
                    !matches!(stopping.try_recv(), Err(mpsc::TryRecvError::Empty));
                // Once told to stop, what has come already is still heard.
                let slice = if stopped {
                    Duration::ZERO
                } else {
                    Duration::from_millis(10)
                };
                let Some(frames) = recv_within(&router, slice) else {
                    if stopped {
                        return heard;
                    }
                    continue;
                };
                let (mut envelope, body) = split_envelope(frames);
                heard.requests.push((body, Instant::now()));
                if Some(heard.requests.len()) == answers {
                    envelope.push(reply.clone());
                    if router.send_multipart(envelope, 0).is_ok() {
                        heard.answered = Some(Instant::now());
                    }
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
/// frame a REQ puts first), and the body.
fn split_envelope(mut frames: Vec<Vec<u8>>) -> (Vec<Vec<u8>>, Vec<u8>) {
    let body_at = frames
        .iter()
        .position(Vec::is_empty)
        .map_or(1, |empty| empty + 1)
        .min(frames.len());
    let body = frames.split_off(body_at).concat();
    (frames, body)
}
