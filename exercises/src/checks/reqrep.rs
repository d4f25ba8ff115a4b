//! The checks of the request-reply exercises (1–4) and of the broker (12).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, explain_on, inproc, ms, nobody_over_tcp, one_frame,
    only_where_given, recv_within, setup, side_by_side, too_late, Call, Check, HeldPast,
    Holder, Message, Scene, SleepWatch, CLOCK_SLACK, HELD_AT_MOST, PATIENCE,
    RETURN_BOUND, SLACK, SLEPT,
};
use super::values::{show_message, show_messages, show_texts, Values};

type Serve = fn(&zmq::Socket) -> zmq::Result<()>;
type Reply = fn(&[Vec<u8>]) -> Message;

pub fn hello_server(serve_one: Serve) -> Check {
    let mut values = Values::for_exercise(1);
    let worlds = Arrival::every(&mut values).map(|arrival| {
        Requests::new(&mut values, arrival, |values| one_frame(values.binary()))
    });
    serve_in_every_world("serve_one", serve_one, worlds, |_| one_frame("world"))
}

pub fn echo_frames(echo: Serve) -> Check {
    let mut values = Values::for_exercise(4);
    let worlds = Arrival::every(&mut values).map(|arrival| {
        let mut requests = Requests::new(&mut values, arrival, Values::frames);
        // Every request has a frame larger than any buffer of a fixed size would hold:
        // whichever the function serves.
        for request in &mut requests.each {
            let at = values.between(0, request.len());
            request.insert(at, values.huge_binary());
            // And begins and ends with an empty frame: neither is an envelope's.
            request.insert(0, Vec::new());
            request.push(Vec::new());
        }
        requests
    });
    serve_in_every_world("echo_frames", echo, worlds, <[Vec<u8>]>::to_vec)
}

/// When the requests come, as a REP server meets them for real.
#[derive(Clone, Copy)]
enum Arrival {
    /// Queued before the function starts: it must serve one of them, and only one.
    Waiting,
    /// A moment after the function starts: it must wait for them.
    Soon(Duration),
    /// Well over a second after: no bounded wait of a plausible length serves them.
    Late(Duration),
}

impl Arrival {
    /// One world of each kind, every run: each one rejects what the others let through (a
    /// server that serves the waiting requests too, DONTWAIT, a sleep of any length, a
    /// wait that gives up).
    fn every(values: &mut Values) -> [Arrival; 3] {
        [
            Arrival::Waiting,
            Arrival::Soon(values.millis(30, 120)),
            Arrival::Late(values.millis(1_000, 1_500)),
        ]
    }
}

/// The requests of one world: each from a client of its own, all sent together.
struct Requests {
    arrival: Arrival,
    each: Vec<Message>,
}

impl Requests {
    fn new(
        values: &mut Values,
        arrival: Arrival,
        request: impl Fn(&mut Values) -> Message,
    ) -> Requests {
        let clients = values.between(2, 4);
        Requests {
            arrival,
            each: (0..clients).map(|_| request(values)).collect(),
        }
    }
}

fn serve_in_every_world(
    name: &'static str,
    serve: Serve,
    worlds: [Requests; 3],
    reply: Reply,
) -> Check {
    side_by_side(
        worlds
            .into_iter()
            .map(|requests| -> Box<dyn FnOnce() -> Check + Send> {
                Box::new(move || {
                    confirmed(|| serve_a_request(name, serve, &requests, reply))
                })
            })
            .collect(),
    )
}

/// One request served as a REP server serves it for real: several clients ask at once,
/// and the function must answer one of them, at once, and return, leaving the others'
/// requests for whoever serves next.
fn serve_a_request(name: &str, serve: Serve, requests: &Requests, reply: Reply) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = scene.bound(zmq::REP, &endpoint)?;
    let clients = requests
        .each
        .iter()
        .map(|_| scene.own_connected(zmq::REQ, &endpoint))
        .collect::<Result<Vec<_>, _>>()?;
    let send_all = || -> Check {
        for (client, request) in clients.iter().zip(&requests.each) {
            setup(client.send_multipart(request, 0), "send a request")?;
        }
        Ok(())
    };
    let asked = match requests.arrival {
        Arrival::Waiting => {
            send_all()?;
            // The server takes in every client's connection now, with its request: all of
            // them are waiting when the function starts.
            setup(server.get_events(), "read the server's events")?;
            "requests were waiting when it started".to_string()
        }
        Arrival::Soon(after) | Arrival::Late(after) => {
            format!("requests came {} after it started", ms(after))
        }
    };

    let mut serving = call(move || (serve(&server), server));
    // A sleep between looks for a request answers late whenever the request comes during
    // it: the function's thread is watched for sleeps until the first reply. And a wait
    // with an end, however long, is waited out before the requests come.
    let sleeps = SleepWatch::start(serving.thread);
    let sent_at = match requests.arrival {
        Arrival::Waiting => serving.started,
        Arrival::Soon(after) | Arrival::Late(after) => {
            // The world of the exercise: the clients ask a while after the server is ready.
            let held = sleeps
                .holder()
                .hold_until(serving.started + after, |d| serving.returns_within(d));
            if serving.has_returned() {
                return Err(match serving.within(Duration::ZERO) {
                    Some(((Err(e), server), _)) => format!(
                        "{name} returned an error before any request came: {}{}",
                        explain_on(e, &server),
                        HeldPast::said(held)
                    ),
                    _ => format!(
                        "{name} returned before any request came: it must wait for one, \
                         however long it takes (the requests were to come {} after it \
                         started){}",
                        ms(after),
                        HeldPast::said(held)
                    ),
                });
            }
            HeldPast::within_reach(held, name, "a request")?;
            send_all()?;
            Instant::now()
        }
    };

    let replied = first_reply(&clients, &mut serving);
    let slept = sleeps.stop();
    let Some((first, answered, answered_at)) = replied else {
        if let Some(((Err(e), server), _)) = serving.within(Duration::ZERO) {
            return Err(format!(
                "{name} returned an error: {}",
                explain_on(e, &server)
            ));
        }
        let state = if serving.has_returned() {
            "and returned"
        } else {
            "and is still running"
        };
        return Err(format!(
            "{} clients asked and none got a reply within {} ({name} answered nobody {state}; \
             the {asked})",
            clients.len(),
            ms(PATIENCE)
        ));
    };
    let Some(((result, server), _)) = serving.within(RETURN_BOUND) else {
        let also = if others_answered(&clients, first) > 0 {
            "answered more than one client, then "
        } else {
            "answered one client, then "
        };
        return Err(too_late(format!(
            "{name} {also}did not return within {}: it must serve one request and return. A \
             loop that waits for the next request never ends in real use (here the check's \
             sockets have no timeout, as a program's would not)",
            ms(RETURN_BOUND)
        )));
    };
    result
        .map_err(|e| format!("{name} returned an error: {}", explain_on(e, &server)))?;
    let expected = reply(&requests.each[first]);
    if answered != expected {
        return Err(format!(
            "the client sent {} and got back {}; expected {}",
            show_message(&requests.each[first]),
            show_message(&answered),
            show_message(&expected)
        ));
    }
    let also_answered = others_answered(&clients, first);
    if also_answered > 0 {
        return Err(format!(
            "{name} answered {} of the {} clients that had asked (the {asked}): one call \
             serves one request; the others are for the next calls",
            also_answered + 1,
            clients.len()
        ));
    }
    if slept >= SLEPT {
        return Err(format!(
            "{name} answered, but it slept {} before it did (the {asked}): a sleep is a \
             guess at when a request comes, and a request that is there, or comes during it, \
             waits for its end. Wait with a blocking receive, which returns the moment a \
             request is there",
            ms(slept)
        ));
    }
    let late = answered_at.saturating_duration_since(sent_at);
    if late > SLACK {
        return Err(too_late(format!(
            "{name} answered {} after the request was there (the {asked}): a request that \
             is there is served at once. Wait for it with a blocking receive, not a sleep",
            ms(late)
        )));
    }
    // The other requests must still be there, untouched, for the next calls to serve.
    let mut waiting = Vec::new();
    while waiting.len() < clients.len() - 1 {
        match recv_within(&server, PATIENCE) {
            Some(request) => waiting.push(request),
            None => break,
        }
        // The server may take the next request only once it has answered this one.
        setup(server.send("", 0), "answer a waiting request")?;
    }
    let mut expected_waiting: Vec<Message> = requests.each.clone();
    expected_waiting.remove(first);
    let mut sorted = waiting.clone();
    sorted.sort();
    expected_waiting.sort();
    if sorted != expected_waiting {
        return Err(format!(
            "after {name} returned, the requests still waiting were {}; expected {}: {name} \
             took a request without answering it, or changed it",
            show_messages(&waiting),
            show_messages(&expected_waiting)
        ));
    }
    only_where_given(&server, &endpoint, name, "the REP socket `server`")
}

/// Which client got a reply first, the reply and when it came, within `PATIENCE`; `None`
/// once it is clear that none will come (the function returned without answering).
fn first_reply<T>(
    clients: &[zmq::Socket],
    serving: &mut Call<T>,
) -> Option<(usize, Message, Instant)> {
    let deadline = Instant::now() + PATIENCE;
    let mut returned = false;
    while Instant::now() < deadline {
        let mut items: Vec<zmq::PollItem> = clients
            .iter()
            .map(|client| client.as_poll_item(zmq::POLLIN))
            .collect();
        if matches!(zmq::poll(&mut items, 20), Ok(n) if n > 0) {
            let at = Instant::now();
            let first = items.iter().position(zmq::PollItem::is_readable)?;
            let reply = clients[first].recv_multipart(zmq::DONTWAIT).ok()?;
            return Some((first, reply, at));
        }
        if returned {
            // It returned, and what it sent before has had time to arrive.
            return None;
        }
        returned = serving.has_returned();
    }
    None
}

/// How many clients other than `first` have a reply by now.
fn others_answered(clients: &[zmq::Socket], first: usize) -> usize {
    clients
        .iter()
        .enumerate()
        .filter(|(c, client)| {
            *c != first && recv_within(client, Duration::ZERO).is_some()
        })
        .count()
}

type Ask = fn(&zmq::Socket, &[&str]) -> zmq::Result<Vec<String>>;

/// The questions of one call of `ask_in_turn`, and the server's answers to them in turn.
struct Conversation {
    questions: Vec<String>,
    answers: Vec<String>,
    /// The answer the server thinks over, and for how long: a question whose answer takes a
    /// while is still asked once.
    slow: Option<(usize, Duration)>,
    /// The answer that comes as bytes that are not UTF-8, and its bytes: `answers` holds
    /// it as `String::from_utf8_lossy` makes it.
    not_text: Option<(usize, Vec<u8>)>,
}

/// The white space a question or an answer may begin or end with: each kind is part of
/// the text.
const WHITE_SPACE: [&str; 5] = [" ", "\t", "\n", "\r\n", " \r\n\t"];

impl Conversation {
    /// Every run: no question at all; one, whose answer takes over a second; several, one
    /// of them asked twice (and answered differently the second time), one empty, one long
    /// and one with white space around it (or white space alone); and one question and
    /// answer for each kind of white space, before and after the text. Some answers of the
    /// others have white space around them too: questions and answers alike, it is part of
    /// the text.
    fn every(values: &mut Values) -> [Conversation; 4] {
        let one = vec![if values.chance(2) {
            values.spaced()
        } else {
            values.text()
        }];
        let count = values.between(3, 6);
        let mut several = values.texts(count, true);
        let mut spaced = values.spaced();
        while several.contains(&spaced) {
            spaced = values.spaced();
        }
        several.push(spaced);
        let words: Vec<String> = (0..values.between(300, 3_000))
            .map(|_| values.word())
            .collect();
        several.push(words.join(" "));
        values.shuffle(&mut several);
        let again = values.between(0, several.len() - 1);
        let at = values.between(again + 1, several.len());
        several.insert(at, several[again].clone());
        // And one asked twice in a row: its second asking is a question too.
        let twice = values.between(0, several.len() - 1);
        several.insert(twice + 1, several[twice].clone());
        let spaces: Vec<String> = WHITE_SPACE
            .iter()
            .map(|space| format!("{space}{}{space}", values.text()))
            .collect();
        let mut spaced_answers: Vec<String> = WHITE_SPACE
            .iter()
            .rev()
            .map(|space| format!("{space}{}{space}", values.text()))
            .collect();
        values.shuffle(&mut spaced_answers);
        let thinks = values.millis(1_100, 1_400);
        let [none, one, several] = [Vec::new(), one, several].map(|questions| {
            let mut answers: Vec<String> = questions
                .iter()
                .map(|_| {
                    if values.chance(2) {
                        values.spaced()
                    } else {
                        values.text()
                    }
                })
                .collect();
            if !answers.is_empty() {
                let spaced = values.between(0, answers.len() - 1);
                answers[spaced] = values.spaced();
            }
            // A question asked twice is answered differently: asking once and reusing
            // the answer shows.
            for (i, question) in questions.iter().enumerate() {
                if questions[..i].contains(question) {
                    while answers[..i].contains(&answers[i]) {
                        answers[i] = values.spaced();
                    }
                }
            }
            Conversation {
                questions,
                answers,
                slow: None,
                not_text: None,
            }
        });
        // One answer of the several is not text, with NUL bytes at its start, inside and at
        // its end: it is an answer all the same, every byte of it (a NUL ends a C string,
        // not a message).
        let mut several = several;
        let at = values.between(0, several.answers.len() - 1);
        let mut bytes = values.binary();
        let nul = values.between(1, bytes.len() - 1);
        bytes.insert(nul, 0);
        bytes.insert(0, 0);
        bytes.push(0);
        several.answers[at] = String::from_utf8_lossy(&bytes).into_owned();
        several.not_text = Some((at, bytes));
        [
            none,
            Conversation {
                slow: Some((0, thinks)),
                ..one
            },
            several,
            Conversation {
                questions: spaces,
                answers: spaced_answers,
                slow: None,
                not_text: None,
            },
        ]
    }
}

/// What a server heard: as texts when each message is one frame of text, so that it reads
/// as the questions do; frame by frame otherwise.
fn show_heard(heard: &[Message]) -> String {
    let texts: Option<Vec<String>> = heard
        .iter()
        .map(|message| match message.as_slice() {
            [one] => String::from_utf8(one.clone()).ok(),
            _ => None,
        })
        .collect();
    match texts {
        Some(texts) => show_texts(&texts),
        None => show_messages(heard),
    }
}

pub fn ask_in_turn(ask: Ask) -> Check {
    let mut values = Values::for_exercise(2);
    side_by_side(
        Conversation::every(&mut values)
            .into_iter()
            .map(|conversation| -> Box<dyn FnOnce() -> Check + Send> {
                Box::new(move || asked_in_turn(ask, &conversation))
            })
            .collect(),
    )
}

fn asked_in_turn(ask: Ask, conversation: &Conversation) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = scene.own_bound(zmq::REP, &endpoint)?;
    let client = scene.connected(zmq::REQ, &endpoint)?;
    let Conversation {
        questions,
        answers,
        slow,
        not_text,
    } = conversation;
    let slow = *slow;
    let bytes_of = not_text.clone();

    // The server answers every question it hears: the planned answers in turn, and an
    // answer of its own to any question beyond them, so that it is heard too. The slow
    // answer waits out any wait with an end the function makes meanwhile.
    let (stop, stopping) = mpsc::channel::<()>();
    let (holding, holder) = mpsc::channel::<Holder>();
    let to_give = answers.clone();
    let listening = thread::spawn(move || {
        let mut heard: Vec<Message> = Vec::new();
        let mut held = None;
        let mut stopped = false;
        while !stopped && matches!(stopping.try_recv(), Err(mpsc::TryRecvError::Empty)) {
            let Some(question) = recv_within(&server, Duration::from_millis(10)) else {
                continue;
            };
            let answer = match &bytes_of {
                Some((at, bytes)) if *at == heard.len() => bytes.clone(),
                _ => to_give
                    .get(heard.len())
                    .map_or("?", String::as_str)
                    .as_bytes()
                    .to_vec(),
            };
            if let Some((_, thinks)) = slow.filter(|(at, _)| *at == heard.len()) {
                // The world of the exercise: this answer takes the server a while.
                let planned = Instant::now() + thinks;
                match holder.recv_timeout(PATIENCE) {
                    Ok(holder) => {
                        held = holder.hold_until(planned, |d| {
                            stopped = !matches!(
                                stopping.recv_timeout(d),
                                Err(RecvTimeoutError::Timeout)
                            );
                            stopped
                        });
                    }
                    Err(_) => thread::sleep(thinks),
                }
            }
            heard.push(question);
            if server.send(answer, 0).is_err() {
                break;
            }
        }
        (heard, held)
    });
    let asked = questions.clone();
    let mut asking = call(move || {
        let asked: Vec<&str> = asked.iter().map(String::as_str).collect();
        (ask(&client, &asked), client)
    });
    let watch = SleepWatch::start(asking.thread);
    let _ = holding.send(watch.holder());
    let thinks = slow.map_or(Duration::ZERO, |(_, thinks)| thinks);
    let outcome = asking.within(PATIENCE + thinks + HELD_AT_MOST);
    let _ = stop.send(());
    watch.stop();
    let (heard, held) = listening.join().unwrap_or_default();
    HeldPast::within_reach(held, "ask_in_turn", "an answer")?;
    let answered = match slow {
        Some((at, thinks)) => {
            format!("answer {} after {}, the others at once", at + 1, ms(thinks))
        }
        None => "each answered at once".into(),
    };
    let Some(((result, client), _)) = outcome else {
        return Err(format!(
            "ask_in_turn did not return within {}: {} questions, {answered}",
            ms(PATIENCE + thinks + HELD_AT_MOST),
            questions.len()
        ));
    };
    let got = result.map_err(|e| {
        format!(
            "ask_in_turn returned an error: {} ({answered}){}",
            explain_on(e, &client),
            HeldPast::said(held)
        )
    })?;
    let expected: Vec<Message> =
        questions.iter().map(|q| one_frame(q.as_str())).collect();
    if heard != expected {
        return Err(format!(
            "asked to ask {}, in that order (every one, even one asked before, each exactly \
             as given, white space included, and each once: {answered}); the server heard \
             {}",
            show_texts(questions),
            show_heard(&heard)
        ));
    }
    if got != *answers {
        let not_text = not_text.as_ref().map_or(String::new(), |(at, _)| {
            format!(
                " (answer {} came as bytes that are not UTF-8: it is an answer too, as \
                 `String::from_utf8_lossy` makes it)",
                at + 1
            )
        });
        return Err(format!(
            "the server answered {}, in that order; ask_in_turn returned {}: each answer as \
             it came, every byte of it{not_text}",
            show_texts(answers),
            show_texts(&got)
        ));
    }
    Ok(())
}

type GiveUp = fn(&zmq::Context, &str, &str, Duration) -> zmq::Result<Option<String>>;

pub fn give_up_in_time(ask: GiveUp) -> Check {
    let mut values = Values::for_exercise(3);
    // A server that answers within a timeout of over a second, after longer than the
    // timeout's part below the second; and one that starts late, over tcp, while the
    // question waits.
    let in_time = Answered {
        timeout: values.millis(1_000, 1_250),
        thinks: values.millis(300, 450),
        starts_after: None,
        question: values.text(),
        answer: values.spaced(),
    };
    let late_server = Answered {
        timeout: values.millis(600, 800),
        thinks: Duration::ZERO,
        starts_after: Some(values.millis(150, 300)),
        question: values.text(),
        answer: values.text(),
    };
    // A server that thinks over half the timeout: only a wait of the whole timeout, for
    // the one question asked, gets its answer.
    let slow_timeout = values.millis(400, 600);
    let slow = Answered {
        timeout: slow_timeout,
        thinks: slow_timeout * values.between(55, 75) as u32 / 100,
        starts_after: None,
        question: values.text(),
        answer: values.text(),
    };
    // A server over tcp that starts late, and answers after the timeout: the whole call,
    // not each step of it, is bounded by the timeout.
    // It starts early enough that libzmq's reconnection (every 100 ms) reaches it well
    // before the timeout, and answers a little after the timeout, counted from the call:
    // a question that waits to be sent, and then waits a whole timeout for its answer,
    // gets an answer that came too late. (`thinks` is here when the answer comes, after
    // the question was asked.)
    let late_timeout = values.millis(550, 700);
    let too_late_plan = Answered {
        timeout: late_timeout,
        thinks: late_timeout + values.millis(50, 80),
        starts_after: Some(late_timeout * values.between(35, 45) as u32 / 100),
        question: values.text(),
        answer: values.text(),
    };
    // Two timeouts far enough apart that no single fixed wait fits both.
    let short = values.millis(150, 250);
    let long = short + values.millis(400, 500);
    let (question, other) = (values.text(), values.text());
    side_by_side(vec![
        Box::new(move || confirmed(|| answered_in_time(ask, &in_time))),
        Box::new(move || confirmed(|| answered_in_time(ask, &late_server))),
        Box::new(move || confirmed(|| answered_in_time(ask, &slow))),
        Box::new(move || confirmed(|| nobody_answers(ask, &question, short))),
        Box::new(move || confirmed(|| nobody_runs_over_tcp(ask, &other, long))),
        Box::new(move || confirmed(|| answered_too_late(ask, &too_late_plan))),
    ])
}

/// A server that answers within the timeout.
struct Answered {
    timeout: Duration,
    /// How long the server thinks before it answers.
    thinks: Duration,
    /// A server over tcp that starts this long after the question is asked; `None`: one
    /// over inproc, there from the start.
    starts_after: Option<Duration>,
    question: String,
    answer: String,
}

/// A server that answers after a while, well within the timeout: the answer must be
/// returned as soon as it comes.
fn answered_in_time(ask: GiveUp, plan: &Answered) -> Check {
    let scene = Scene::new();
    let Answered {
        timeout,
        thinks,
        starts_after,
        ..
    } = *plan;
    let (endpoint, server) = match starts_after {
        None => {
            let endpoint = inproc("server");
            let server = scene.own_bound(zmq::REP, &endpoint)?;
            (endpoint, Some(server))
        }
        Some(_) => (nobody_over_tcp()?, None),
    };
    let (answered, answered_at) = mpsc::channel();
    let given = plan.answer.clone();
    let (context, at) = (scene.context().clone(), endpoint.clone());
    thread::spawn(move || {
        let server = match (server, starts_after) {
            (Some(server), _) => server,
            (None, after) => {
                // The world of the exercise: the server starts while the question waits.
                thread::sleep(after.unwrap_or_default());
                let Ok(server) = context.socket(zmq::REP) else {
                    return;
                };
                if server.set_linger(0).is_err() || server.bind(&at).is_err() {
                    return;
                }
                server
            }
        };
        let Some(heard) = recv_within(&server, PATIENCE) else {
            return;
        };
        // The world of the exercise: this server takes a while to think.
        thread::sleep(thinks);
        if server.send(given.as_str(), 0).is_ok() {
            let _ = answered.send((heard, Instant::now()));
        }
    });
    let context = scene.context().clone();
    let asked = plan.question.clone();
    let mut asking = call(move || ask(&context, &endpoint, &asked, timeout));
    let world = match starts_after {
        None => format!(
            "with a server that answers after {} and a timeout of {}",
            ms(thinks),
            ms(timeout)
        ),
        Some(after) => format!(
            "with a server over tcp that starts {} after the question and answers at once, and \
             a timeout of {}",
            ms(after),
            ms(timeout)
        ),
    };
    let Some((result, returned_at)) = asking.within(timeout + PATIENCE) else {
        return Err(format!(
            "{world}, ask_or_give_up did not return within {}",
            ms(timeout + PATIENCE)
        ));
    };
    let answer = &plan.answer;
    match result {
        Ok(Some(got)) if got == *answer => {}
        Ok(Some(got)) => {
            return Err(format!(
                "the server answered {answer:?}; ask_or_give_up returned Some({got:?})"
            ))
        }
        Ok(None) => {
            let why = format!(
                "{world}, ask_or_give_up gave up (returned None) before the answer came"
            );
            // Given up after the whole timeout, with the answer not yet sent: the machine
            // kept the server (or the connection) from answering in time, which a right
            // answer meets too. That is a failure on time, run again.
            let took = returned_at.saturating_duration_since(asking.started);
            let answered_before = answered_at
                .recv_timeout(Duration::ZERO)
                .is_ok_and(|(_, sent_at)| sent_at < returned_at);
            return Err(if took + CLOCK_SLACK >= timeout && !answered_before {
                too_late(why)
            } else {
                why
            });
        }
        Err(e) => {
            return Err(format!(
                "{world}, ask_or_give_up returned an error: {}",
                explain(e)
            ))
        }
    }
    let Ok((heard, sent_at)) = answered_at.recv_timeout(PATIENCE) else {
        return Err("the server never heard a question".into());
    };
    if heard != one_frame(plan.question.as_str()) {
        return Err(format!(
            "asked to ask {:?}; the server heard {}",
            plan.question,
            show_message(&heard)
        ));
    }
    let late = returned_at.saturating_duration_since(sent_at);
    if late > SLACK {
        return Err(too_late(format!(
            "{world}, ask_or_give_up returned the answer {} after it came. An answer that \
             comes is returned at once: wait *up to* the timeout, not the whole timeout",
            ms(late)
        )));
    }
    Ok(())
}

/// Nobody at the endpoint: give up after the timeout, not before, and not much after.
/// A server over tcp that starts `starts_after` into the call and answers `thinks` later,
/// after the timeout: the function must give up at the timeout, the whole call counted.
fn answered_too_late(ask: GiveUp, plan: &Answered) -> Check {
    let scene = Scene::new();
    let endpoint = nobody_over_tcp()?;
    let Answered {
        timeout,
        thinks,
        starts_after,
        ..
    } = *plan;
    let starts_after = starts_after.unwrap_or_default();
    let (context, at, answer) = (
        scene.context().clone(),
        endpoint.clone(),
        plan.answer.clone(),
    );
    let (heard, heard_at) = mpsc::channel();
    let asked_at = Instant::now();
    thread::spawn(move || {
        // The world of the exercise: the server starts late, and answers only once the
        // timeout is past, counted from the question.
        thread::sleep(starts_after);
        let Ok(server) = context.socket(zmq::REP) else {
            return;
        };
        if server.set_linger(0).is_err() || server.bind(&at).is_err() {
            return;
        }
        if recv_within(&server, PATIENCE).is_some() {
            let _ = heard.send(Instant::now());
            thread::sleep((asked_at + thinks).saturating_duration_since(Instant::now()));
            let _ = server.send(answer.as_str(), 0);
        }
    });
    let context = scene.context().clone();
    let asked = plan.question.clone();
    let mut asking = call(move || ask(&context, &endpoint, &asked, timeout));
    let world = format!(
        "with a server over tcp that starts {} after the question and answers {} after it, \
         and a timeout of {}",
        ms(starts_after),
        ms(thinks),
        ms(timeout)
    );
    let Some((result, returned_at)) = asking.within(timeout + SLACK) else {
        return Err(too_late(format!(
            "{world}, ask_or_give_up had not given up {} after the timeout: the timeout bounds \
             the whole call, however the time is spent (waiting to send, or for the answer)",
            ms(SLACK)
        )));
    };
    let took = returned_at.saturating_duration_since(asking.started);
    // The world must have happened: the question reached the server before the timeout,
    // or a function that waits a whole timeout for the answer after a late send cannot be
    // told from one that bounds the whole call. A machine too busy to connect in time
    // makes a run that shows nothing: it is run again.
    let heard_in_time = heard_at
        .try_recv()
        .is_ok_and(|at| at.saturating_duration_since(asking.started) < timeout);
    match result {
        Ok(None) if took + CLOCK_SLACK >= timeout && !heard_in_time => Err(too_late(format!(
            "{world}, the question did not reach the server before the timeout (the machine \
             was too busy to connect in time, or the question was never sent): the run shows \
             nothing"
        ))),
        Ok(None) if took + CLOCK_SLACK >= timeout => Ok(()),
        Ok(None) => Err(format!(
            "{world}, ask_or_give_up gave up after {}: before the timeout",
            ms(took)
        )),
        Ok(Some(got)) => Err(format!(
            "{world}, ask_or_give_up returned Some({got:?}) after {}: the answer came after \
             the timeout, and the timeout bounds the whole call",
            ms(took)
        )),
        Err(e) => Err(format!(
            "{world}, ask_or_give_up returned an error instead of None: {}",
            explain(e)
        )),
    }
}

/// How long a server that starts once the function gave up listens for the question it
/// must not get: a few of libzmq's reconnection intervals (100 ms).
const LATE_LOOK: Duration = Duration::from_millis(400);

fn nobody_answers(ask: GiveUp, question: &str, timeout: Duration) -> Check {
    let scene = Scene::new();
    give_up_on(ask, &scene, &inproc("nobody"), question, timeout)
}

/// A server that is not running, over tcp: give up in time, and leave nothing behind that
/// keeps the context from closing. (An inproc connect to a name nobody bound cannot show
/// this: libzmq binds such pending connects when the context ends, so they never hold it
/// open.)
fn nobody_runs_over_tcp(ask: GiveUp, question: &str, timeout: Duration) -> Check {
    let scene = Scene::new();
    let endpoint = nobody_over_tcp()?;
    give_up_on(ask, &scene, &endpoint, question, timeout)?;
    // A server that starts just after the function gave up must not get the question: the
    // caller was told there is no answer. A closed REQ that still lingers delivers it (it
    // connects again every 100 ms); one with LINGER 0 dropped it.
    let late = scene.own_bound(zmq::REP, &endpoint)?;
    if let Some(heard) = recv_within(&late, LATE_LOOK) {
        return Err(format!(
            "ask_or_give_up gave up in time, but a server that started just after it got \
             the question anyway ({}): the REQ socket lingered with it after it was closed. \
             Set LINGER 0 on it, so closing it drops what it could not deliver",
            show_message(&heard)
        ));
    }
    drop(late);
    if scene.close_within(RETURN_BOUND) {
        Ok(())
    } else {
        Err(format!(
            "ask_or_give_up gave up in time, but then the context could not close (still \
             waiting after {}): the REQ socket still holds the question for the server that \
             is not there (at {endpoint}). Set LINGER 0 on it, so closing it drops what it \
             could not deliver",
            ms(RETURN_BOUND)
        ))
    }
}

fn give_up_on(
    ask: GiveUp,
    scene: &Scene,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> Check {
    let context = scene.context().clone();
    let (endpoint, question) = (endpoint.to_string(), question.to_string());
    let mut asking = call(move || ask(&context, &endpoint, &question, timeout));
    let Some((result, returned_at)) = asking.within(timeout + SLACK) else {
        return Err(too_late(format!(
            "with nobody there and a timeout of {}, ask_or_give_up had not given up {} after \
             the timeout: give up after `timeout`, the value you are given",
            ms(timeout),
            ms(SLACK)
        )));
    };
    let took = returned_at.saturating_duration_since(asking.started);
    match result {
        Ok(None) if took + CLOCK_SLACK >= timeout => Ok(()),
        Ok(None) => Err(format!(
            "with nobody there and a timeout of {}, ask_or_give_up gave up after {}: before the \
             timeout",
            ms(timeout),
            ms(took)
        )),
        Ok(Some(answer)) => Err(format!(
            "with nobody there, ask_or_give_up returned an answer: Some({answer:?})"
        )),
        Err(e) => Err(format!(
            "with nobody there, ask_or_give_up returned an error instead of None: {}",
            explain(e)
        )),
    }
}

type Broker = fn(&zmq::Socket, &zmq::Socket, usize) -> zmq::Result<()>;

/// How long a worker of the check holds its first request, waiting for the other worker
/// to get one too.
const BARRIER_PATIENCE: Duration = Duration::from_secs(1);

pub fn broker(broker: Broker) -> Check {
    let mut values = Values::for_exercise(12);
    let plan = Brokered::new(&mut values);
    let late = LateWorker {
        requests: (0..values.between(2, 4)).map(|_| values.frames()).collect(),
        after: values.millis(150, 300),
        mark: values.spaced().into_bytes(),
    };
    let busy = StillAsking::new(&mut values);
    side_by_side(vec![
        Box::new(move || confirmed(|| brokering(broker, &plan))),
        Box::new(move || nothing_to_move(broker)),
        Box::new(move || confirmed(|| worker_comes_late(broker, &late))),
        Box::new(move || confirmed(|| others_still_asking(broker, &busy))),
    ])
}

/// More clients ask than the broker is asked to bring replies back for: it stops after
/// `replies` replies, whatever else is still in flight.
struct StillAsking {
    requests: Vec<Message>,
    replies: usize,
    /// How long each worker thinks over its first request: every request has reached the
    /// broker, and gone on to the workers, long before the first reply comes back.
    first_thinks: Duration,
    /// The frame the workers add to each request they answer.
    mark: Vec<u8>,
}

impl StillAsking {
    fn new(values: &mut Values) -> StillAsking {
        let replies = values.between(1, 3);
        let asking = replies + values.between(1, 2);
        StillAsking {
            requests: (0..asking).map(|_| values.frames()).collect(),
            replies,
            first_thinks: values.millis(200, 300),
            mark: values.spaced().into_bytes(),
        }
    }
}

/// Clients ask more than the broker is asked for: it must bring back `replies` replies,
/// each to the client that asked, and then return. Moved messages are not replies: with
/// every request in flight at once, a broker that counts requests and replies together
/// reaches twice `replies` before the replies are back.
fn others_still_asking(broker: Broker, plan: &StillAsking) -> Check {
    let scene = Scene::new();
    let (front, back) = (inproc("frontend"), inproc("backend"));
    let frontend = scene.bound(zmq::ROUTER, &front)?;
    let backend = scene.bound(zmq::DEALER, &back)?;
    let replies = plan.replies;
    for _ in 0..2 {
        let worker = scene.own_connected(zmq::REP, &back)?;
        let (mark, first_thinks) = (plan.mark.clone(), plan.first_thinks);
        thread::spawn(move || {
            let mut first = true;
            while let Some(mut request) = recv_within(&worker, PATIENCE) {
                if first {
                    // The world of the exercise: the workers take a while over their first
                    // requests.
                    thread::sleep(first_thinks);
                    first = false;
                }
                request.push(mark.clone());
                if worker.send_multipart(request, 0).is_err() {
                    return;
                }
            }
        });
    }
    setup(backend.get_events(), "read the backend's events")?;
    let clients = plan
        .requests
        .iter()
        .map(|_| scene.own_connected(zmq::REQ, &front))
        .collect::<Result<Vec<_>, _>>()?;
    let mut brokering =
        call(move || (broker(&frontend, &backend, replies), frontend, backend));
    for (client, request) in clients.iter().zip(&plan.requests) {
        setup(client.send_multipart(request, 0), "send a request")?;
    }
    let said = format!(
        "{} clients asked at once and the broker was asked for {replies} {}",
        clients.len(),
        if replies == 1 { "reply" } else { "replies" }
    );
    let mut answered = vec![false; clients.len()];
    let mut returned = false;
    let deadline = Instant::now() + PATIENCE;
    while answered.iter().filter(|&&a| a).count() < replies {
        if Instant::now() >= deadline {
            return Err(format!(
                "{said}: {} came back within {} (the broker is still running)",
                answered.iter().filter(|&&a| a).count(),
                ms(PATIENCE)
            ));
        }
        let mut items: Vec<zmq::PollItem> = clients
            .iter()
            .map(|client| client.as_poll_item(zmq::POLLIN))
            .collect();
        let ready = zmq::poll(&mut items, 20).unwrap_or(0);
        let readable: Vec<usize> = (0..clients.len())
            .filter(|&c| ready > 0 && items[c].is_readable())
            .collect();
        drop(items);
        for c in readable {
            let Ok(reply) = clients[c].recv_multipart(zmq::DONTWAIT) else {
                continue;
            };
            let mut expected = plan.requests[c].clone();
            expected.push(plan.mark.clone());
            if reply != expected {
                return Err(format!(
                    "{said}: client {c} asked {} and got {}; expected {}",
                    show_message(&plan.requests[c]),
                    show_message(&reply),
                    show_message(&expected)
                ));
            }
            answered[c] = true;
        }
        if ready == 0 && returned {
            // It returned, and what it sent before has had time to arrive.
            let gone_back = answered.iter().filter(|&&a| a).count();
            return Err(match brokering.within(Duration::ZERO) {
                Some(((Err(e), _, backend), _)) => format!(
                    "{said}; it returned an error after {gone_back} of them had gone back: {}",
                    explain_on(e, &backend)
                ),
                _ => format!(
                    "{said}; it returned after {gone_back} of them had gone back: a reply is one message from the \
                     backend to the frontend, and requests moved the other way are not \
                     replies, however many are in flight"
                ),
            });
        }
        returned = brokering.has_returned();
    }
    match brokering.within(RETURN_BOUND) {
        None => Err(too_late(format!(
            "{said}; {replies} had gone back, but the broker did not return within {}: it \
             stops after `replies` replies, even with other requests still in flight",
            ms(RETURN_BOUND)
        ))),
        Some(((Ok(()), _, _), _)) => {
            let extra = clients
                .iter()
                .filter(|client| recv_within(client, Duration::from_millis(20)).is_some())
                .count();
            if extra > 0 {
                return Err(format!(
                    "{said}; {} came back: it forwards only until `replies` replies have \
                     gone back",
                    replies + extra
                ));
            }
            Ok(())
        }
        Some(((Err(e), _, backend), _)) => Err(format!(
            "{said}; the broker returned an error: {}",
            explain_on(e, &backend)
        )),
    }
}

/// Clients that ask before any worker is there, and the worker that comes later.
struct LateWorker {
    requests: Vec<Message>,
    after: Duration,
    /// The frame the worker adds to each request it answers.
    mark: Vec<u8>,
}

/// The clients ask while no worker has connected to the backend; one connects `after`
/// later. Every request must reach it, and every reply its client: a request that finds
/// no worker waits for one.
fn worker_comes_late(broker: Broker, late: &LateWorker) -> Check {
    let scene = Scene::new();
    let (front, back) = (inproc("frontend"), inproc("backend"));
    let frontend = scene.bound(zmq::ROUTER, &front)?;
    let backend = scene.bound(zmq::DEALER, &back)?;
    let replies = late.requests.len();
    let clients = late
        .requests
        .iter()
        .map(|_| scene.own_connected(zmq::REQ, &front))
        .collect::<Result<Vec<_>, _>>()?;
    let mut brokering =
        call(move || (broker(&frontend, &backend, replies), frontend, backend));
    for (client, request) in clients.iter().zip(&late.requests) {
        setup(client.send_multipart(request, 0), "send a request")?;
    }
    // The world of the exercise: the worker comes late.
    thread::sleep(late.after);
    let worker = scene.own_connected(zmq::REP, &back)?;
    let said = format!(
        "{replies} clients asked before any worker had connected, and a worker connected {} \
         later",
        ms(late.after)
    );
    for got in 0..replies {
        let Some(mut request) = recv_within(&worker, PATIENCE) else {
            return Err(format!(
                "{said}: it got {got} of their requests. A request that finds no worker \
                 waits for one: a DEALER with no peer blocks (or says EAGAIN after \
                 DONTWAIT), and the request is still the broker's to pass on, not to drop"
            ));
        };
        request.push(late.mark.clone());
        setup(worker.send_multipart(request, 0), "answer a request")?;
    }
    for (c, (client, request)) in clients.iter().zip(&late.requests).enumerate() {
        let mut expected = request.clone();
        expected.push(late.mark.clone());
        match recv_within(client, PATIENCE) {
            Some(reply) if reply == expected => {}
            Some(reply) => {
                return Err(format!(
                    "{said}: client {c} asked {} and got {}; expected {}",
                    show_message(request),
                    show_message(&reply),
                    show_message(&expected)
                ))
            }
            None => return Err(format!("{said}: client {c} never got its reply")),
        }
    }
    match brokering.within(RETURN_BOUND) {
        None => Err(too_late(format!(
            "{said}; every client had its reply, but the broker did not return within {}",
            ms(RETURN_BOUND)
        ))),
        Some(((Ok(()), _, _), _)) => Ok(()),
        Some(((Err(e), _, backend), _)) => Err(format!(
            "{said}; the broker returned an error: {}",
            explain_on(e, &backend)
        )),
    }
}

/// What the clients of one run ask, and how the workers answer.
struct Brokered {
    /// For each round, each client's request: several frames, some empty, one long.
    rounds: Vec<Vec<Message>>,
    /// The frame each worker adds to the request it answers.
    mark: Vec<u8>,
    /// How long the workers think over the last request: longer than a second, so that a
    /// broker that takes a second of quiet for the end stops before its reply.
    last_thinks: Duration,
    starts_after: Duration,
}

impl Brokered {
    fn new(values: &mut Values) -> Brokered {
        // Two rounds at least: a client asks again only once it has its first reply.
        let (clients, rounds) = (values.between(2, 4), values.between(2, 3));
        Brokered {
            rounds: (0..rounds)
                .map(|_| (0..clients).map(|_| values.frames()).collect())
                .collect(),
            mark: values.spaced().into_bytes(),
            last_thinks: values.millis(1_200, 1_400),
            starts_after: values.millis(30, 120),
        }
    }

    fn replies(&self) -> usize {
        self.rounds.iter().map(Vec::len).sum()
    }

    fn answer_to(&self, request: &[Vec<u8>]) -> Message {
        let mut answer = request.to_vec();
        answer.push(self.mark.clone());
        answer
    }
}

fn brokering(broker: Broker, plan: &Brokered) -> Check {
    let scene = Scene::new();
    let (front, back) = (inproc("frontend"), inproc("backend"));
    let frontend = scene.bound(zmq::ROUTER, &front)?;
    let backend = scene.bound(zmq::DEALER, &back)?;
    let replies = plan.replies();
    let clients = plan.rounds[0].len();

    // Two workers, each holding its first request until the other has one too: they can
    // only both get there if the broker forwards a request while another is still
    // unanswered.
    let meeting = Arc::new(Barrier::new(2));
    let (alone, held_alone) = mpsc::channel();
    let answered = Arc::new(AtomicUsize::new(0));
    for w in 0..2 {
        let worker = scene.own_connected(zmq::REP, &back)?;
        let (meeting, alone, mark) = (meeting.clone(), alone.clone(), plan.mark.clone());
        let (answered, last_thinks) = (answered.clone(), plan.last_thinks);
        thread::spawn(move || {
            let mut first = true;
            while let Some(request) = recv_within(&worker, PATIENCE) {
                if first && !meet_within(&meeting, BARRIER_PATIENCE) {
                    let _ = alone.send(w);
                }
                if first && w == 0 {
                    // The world of the exercise: the first worker is slower over its first
                    // request, so replies come back in another order than the requests.
                    thread::sleep(Duration::from_millis(60));
                }
                first = false;
                if answered.fetch_add(1, Ordering::Relaxed) + 1 == replies {
                    // The world of the exercise: the last answer takes a while, longer
                    // than a second, so a broker that stops before every reply is back,
                    // or when nothing has moved for a second, stops before this one.
                    thread::sleep(last_thinks);
                }
                let mut answer = request;
                answer.push(mark.clone());
                if worker.send_multipart(answer, 0).is_err() {
                    return;
                }
            }
        });
    }
    // Both workers' connections are attached to the DEALER before the broker starts, so
    // that it deals the first two requests one to each.
    setup(backend.get_events(), "read the backend's events")?;

    let client_sockets = (0..clients)
        .map(|_| scene.own_connected(zmq::REQ, &front))
        .collect::<Result<Vec<_>, _>>()?;
    let mut brokering =
        call(move || (broker(&frontend, &backend, replies), frontend, backend));
    // The world of the exercise: the clients ask a moment after the broker is ready.
    if brokering.returns_within(plan.starts_after) {
        return Err(broker_stalled(
            &mut brokering,
            &client_sockets,
            0,
            replies,
            None,
        ));
    }

    let mut delivered = 0;
    for (round, requests) in plan.rounds.iter().enumerate() {
        for (c, (client, request)) in client_sockets.iter().zip(requests).enumerate() {
            if client.send_multipart(request, 0).is_err() {
                return Err(broker_stalled(
                    &mut brokering,
                    &client_sockets,
                    delivered,
                    replies,
                    Some((c, round)),
                ));
            }
        }
        for (c, (client, request)) in client_sockets.iter().zip(requests).enumerate() {
            let reply = reply_or_end(client, &mut brokering);
            if let Ok(w) = held_alone.try_recv() {
                return Err(format!(
                    "worker {w} held a request for {} and no other request reached the other \
                     worker: the broker forwards one request at a time, waiting for each \
                     reply. A broker polls both sides and forwards whatever comes, so that \
                     many requests are in flight at once (N:M, the book, RR3)",
                    ms(BARRIER_PATIENCE)
                ));
            }
            let Some(reply) = reply else {
                // What the clients after this one have had by now counts as gone back too.
                let others = &client_sockets[c + 1..];
                return Err(broker_stalled(
                    &mut brokering,
                    others,
                    delivered,
                    replies,
                    Some((c, round)),
                ));
            };
            let expected = plan.answer_to(request);
            if reply != expected {
                return Err(format!(
                    "client {c} asked {} and got {}; expected {}: every frame of the request, \
                     and of the reply, moves on unchanged, and a reply goes to the client that \
                     asked",
                    show_message(request),
                    show_message(&reply),
                    show_message(&expected)
                ));
            }
            delivered += 1;
        }
    }
    match brokering.within(RETURN_BOUND) {
        None => Err(too_late(format!(
            "every client had its reply ({replies} in all), but the broker did not return within \
             {}: it is asked to stop after `replies` replies (a broker that never returns \
             cannot be stopped)",
            ms(RETURN_BOUND)
        ))),
        Some(((Ok(()), frontend, backend), _)) => {
            only_where_given(&frontend, &front, "broker", "the ROUTER `frontend`")?;
            only_where_given(&backend, &back, "broker", "the DEALER `backend`")
        }
        Some(((Err(e), _, backend), _)) => Err(format!(
            "broker returned an error: {}",
            explain_on(e, &backend)
        )),
    }
}

/// Asked for no reply at all, the broker has nothing to do: it returns at once.
fn nothing_to_move(broker: Broker) -> Check {
    let scene = Scene::new();
    let frontend = scene.bound(zmq::ROUTER, &inproc("frontend"))?;
    let backend = scene.bound(zmq::DEALER, &inproc("backend"))?;
    let mut brokering = call(move || (broker(&frontend, &backend, 0), frontend, backend));
    match brokering.within(RETURN_BOUND) {
        None => Err(format!(
            "asked to stop after 0 replies, the broker had not returned {} later: with no \
             reply to move it has nothing to do, and nothing comes",
            ms(RETURN_BOUND)
        )),
        Some(((Ok(()), _, _), _)) => Ok(()),
        Some(((Err(e), _, backend), _)) => Err(format!(
            "asked to stop after 0 replies, the broker returned an error: {}",
            explain_on(e, &backend)
        )),
    }
}

/// A client's reply, waited for up to `PATIENCE`, or `None` as soon as it is clear that
/// none will come: the broker has returned, and what it forwarded before has had time to
/// arrive.
fn reply_or_end<T>(client: &zmq::Socket, brokering: &mut Call<T>) -> Option<Message> {
    let slice = Duration::from_millis(50);
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(reply) = recv_within(client, slice) {
            return Some(reply);
        }
        if brokering.has_returned() {
            // Whatever it forwarded before it returned is in the pipe already.
            return recv_within(client, slice * 2);
        }
    }
    None
}

/// Waits at `barrier` up to `patience`; false if the other party never came. The waiting
/// thread is left behind then, harmlessly: it is released if the other party comes later.
fn meet_within(barrier: &Arc<Barrier>, patience: Duration) -> bool {
    let (met, meeting) = mpsc::channel();
    let barrier = barrier.clone();
    thread::spawn(move || {
        barrier.wait();
        let _ = met.send(());
    });
    meeting.recv_timeout(patience).is_ok()
}

type Brokering = Call<(zmq::Result<()>, zmq::Socket, zmq::Socket)>;

/// Why a client had no reply (`waiting`: which client, in which round): the broker
/// returned, with an error or too early, or it is still running and the reply is lost.
/// Replies are counted as the clients had them: the `delivered` ones the check read, and
/// any that reached the clients in `unread` since.
fn broker_stalled(
    brokering: &mut Brokering,
    unread: &[zmq::Socket],
    delivered: usize,
    replies: usize,
    waiting: Option<(usize, usize)>,
) -> String {
    if brokering.has_returned() {
        let gone_back = delivered
            + unread
                .iter()
                .filter(|client| recv_within(client, Duration::from_millis(20)).is_some())
                .count();
        return match brokering.within(Duration::ZERO) {
            Some(((Err(e), _, backend), _)) => format!(
                "broker returned an error after {} of {replies} replies had gone back: {}",
                gone_back,
                explain_on(e, &backend)
            ),
            _ if gone_back == 0 => format!(
                "the broker returned before any reply had gone back to a client: it must go on \
                 until all {replies} have"
            ),
            _ => format!(
                "the broker returned after {gone_back} of the {replies} replies it was asked \
                 for had gone back to the clients: it must go on until all {replies} have, \
                 however long the workers take"
            ),
        };
    }
    let (client, round) = waiting.unwrap_or_default();
    format!(
        "client {client} got no reply in round {} within {} (the broker is still running): \
         does it forward every message, every frame of it, both ways, as soon as it comes? \
         (the first frame, added by the ROUTER, says which client a reply is for)",
        round + 1,
        ms(PATIENCE)
    )
}
