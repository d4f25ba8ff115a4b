//! The checks of the request-reply exercises (1–4) and of the broker (12).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, explain_on, inproc, ms, nobody_over_tcp, recv_one_within,
    recv_within, setup, side_by_side, too_late, Call, Check, Scene, CLOCK_SLACK,
    PATIENCE, RETURN_BOUND, SLACK,
};
use super::values::{show, show_all, Values};

type Serve = fn(&zmq::Socket) -> zmq::Result<()>;

pub fn hello_server(serve_one: Serve) -> Check {
    let mut values = Values::for_exercise(1);
    confirmed(|| {
        serve_a_request(
            "serve_one",
            serve_one,
            &mut values,
            |values| vec![values.binary()],
            |_| vec![b"world".to_vec()],
        )
    })
}

pub fn echo_frames(echo: Serve) -> Check {
    let mut values = Values::for_exercise(4);
    confirmed(|| {
        serve_a_request(
            "echo_frames",
            echo,
            &mut values,
            Values::frames,
            <[Vec<u8>]>::to_vec,
        )
    })
}

/// One request served as a REP server serves it for real: the request comes a moment
/// after the function starts, a second client's request is queued right behind it, and
/// the function must answer the first and return, leaving the second for whoever serves
/// next.
fn serve_a_request(
    name: &str,
    serve: Serve,
    values: &mut Values,
    request: impl Fn(&mut Values) -> Vec<Vec<u8>>,
    reply: impl Fn(&[Vec<u8>]) -> Vec<Vec<u8>>,
) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = scene.bound(zmq::REP, &endpoint)?;
    let clients = [
        scene.own_connected(zmq::REQ, &endpoint)?,
        scene.own_connected(zmq::REQ, &endpoint)?,
    ];
    let requests = [request(values), request(values)];
    let arrives_after = values.millis(30, 120);

    let mut serving = call(move || (serve(&server), server));
    // The world of the exercise: the clients ask a moment after the server is ready.
    thread::sleep(arrives_after);
    if serving.has_returned() {
        return Err(match serving.within(Duration::ZERO) {
            Some(((Err(e), server), _)) => format!(
                "{name} returned an error before any request came: {}",
                explain_on(e, &server)
            ),
            _ => format!(
                "{name} returned before any request came: it must wait for one (the request \
                 came {} after it started)",
                ms(arrives_after)
            ),
        });
    }
    for (client, request) in clients.iter().zip(&requests) {
        setup(client.send_multipart(request, 0), "send a request")?;
    }

    let Some((first, answered)) = first_reply(&clients) else {
        let state = if serving.has_returned() {
            "and returned"
        } else {
            "and is still running"
        };
        if let Some(((Err(e), server), _)) = serving.within(Duration::ZERO) {
            return Err(format!(
                "{name} returned an error: {}",
                explain_on(e, &server)
            ));
        }
        return Err(format!(
            "two clients asked and neither got a reply within {} ({name} answered nobody {state})",
            ms(PATIENCE)
        ));
    };
    let other = 1 - first;
    let Some(((result, server), _)) = serving.within(RETURN_BOUND) else {
        let also = if recv_within(&clients[other], Duration::ZERO).is_some() {
            "answered both clients, then "
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
    let expected = reply(&requests[first]);
    if answered != expected {
        return Err(format!(
            "the client sent {} and got back {}; expected {}",
            show_all(&requests[first]),
            show_all(&answered),
            show_all(&expected)
        ));
    }
    if recv_within(&clients[other], Duration::ZERO).is_some() {
        return Err(format!(
            "{name} answered both clients: one call serves one request, the next call the next"
        ));
    }
    // The second request must still be there, untouched, for the next call to serve.
    match recv_within(&server, PATIENCE) {
        Some(waiting) if waiting == requests[other] => Ok(()),
        Some(waiting) => Err(format!(
            "after {name} returned, the waiting request read {}; expected {}",
            show_all(&waiting),
            show_all(&requests[other])
        )),
        None => Err(format!(
            "after {name} returned, the second client's request was gone: {name} took it \
             without answering"
        )),
    }
}

/// Which of the clients got a reply first, and the reply, within `PATIENCE`.
fn first_reply(clients: &[zmq::Socket; 2]) -> Option<(usize, Vec<Vec<u8>>)> {
    let mut items = [
        clients[0].as_poll_item(zmq::POLLIN),
        clients[1].as_poll_item(zmq::POLLIN),
    ];
    match zmq::poll(&mut items, PATIENCE.as_millis() as i64) {
        Ok(n) if n > 0 => {}
        _ => return None,
    }
    let first = usize::from(!items[0].is_readable());
    let reply = clients[first].recv_multipart(zmq::DONTWAIT).ok()?;
    Some((first, reply))
}

type Ask = fn(&zmq::Socket, &[&str]) -> zmq::Result<Vec<String>>;

pub fn ask_in_turn(ask: Ask) -> Check {
    let mut values = Values::for_exercise(2);
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = scene.own_bound(zmq::REP, &endpoint)?;
    let client = scene.connected(zmq::REQ, &endpoint)?;
    let count = values.between(2, 5);
    let questions = values.texts(count, true);
    let answers: Vec<String> = (0..count).map(|_| values.text()).collect();

    let (heard, questions_heard) = mpsc::channel();
    let to_give = answers.clone();
    thread::spawn(move || {
        for answer in to_give {
            let Some(question) = recv_one_within(&server, PATIENCE) else {
                return;
            };
            let _ = heard.send(question);
            if server.send(answer.as_str(), 0).is_err() {
                return;
            }
        }
    });
    let asked = questions.clone();
    let mut asking = call(move || {
        let asked: Vec<&str> = asked.iter().map(String::as_str).collect();
        (ask(&client, &asked), client)
    });
    let Some(((result, client), _)) = asking.within(PATIENCE) else {
        return Err(format!(
            "ask_in_turn did not return within {}: {count} questions, each answered at once",
            ms(PATIENCE)
        ));
    };
    let got = result.map_err(|e| {
        format!("ask_in_turn returned an error: {}", explain_on(e, &client))
    })?;
    let heard: Vec<String> = questions_heard
        .try_iter()
        .map(|q| String::from_utf8_lossy(&q).into_owned())
        .collect();
    if heard != questions {
        return Err(format!(
            "asked to ask {questions:?}, in that order; the server heard {heard:?}"
        ));
    }
    if got != answers {
        return Err(format!(
            "the server answered {answers:?}, in that order; ask_in_turn returned {got:?}"
        ));
    }
    Ok(())
}

type GiveUp = fn(&zmq::Context, &str, &str, Duration) -> zmq::Result<Option<String>>;

pub fn give_up_in_time(ask: GiveUp) -> Check {
    let mut values = Values::for_exercise(3);
    confirmed(|| answered_in_time(ask, &mut values))?;
    // Two timeouts far enough apart that no single fixed wait fits both.
    let short = values.millis(150, 250);
    let long = short + values.millis(400, 500);
    let (question, other) = (values.text(), values.text());
    side_by_side(vec![
        Box::new(move || confirmed(|| nobody_answers(ask, &question, short))),
        Box::new(move || confirmed(|| nobody_runs_over_tcp(ask, &other, long))),
    ])
}

/// A server that answers after a while, well within the timeout: the answer must be
/// returned as soon as it comes.
fn answered_in_time(ask: GiveUp, values: &mut Values) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("server");
    let server = scene.own_bound(zmq::REP, &endpoint)?;
    let timeout = values.millis(600, 800);
    let thinks = values.millis(40, 100);
    let (question, answer) = (values.text(), values.text());
    let (answered, answered_at) = mpsc::channel();
    let given = answer.clone();
    thread::spawn(move || {
        let Some(heard) = recv_one_within(&server, PATIENCE) else {
            return;
        };
        // The world of the exercise: this server takes a while to think.
        thread::sleep(thinks);
        if server.send(given.as_str(), 0).is_ok() {
            let _ = answered.send((heard, Instant::now()));
        }
    });
    let context = scene.context().clone();
    let asked = question.clone();
    let mut asking = call(move || ask(&context, &endpoint, &asked, timeout));
    let Some((result, returned_at)) = asking.within(timeout + PATIENCE) else {
        return Err(format!(
            "with a server that answers after {} and a timeout of {}, ask_or_give_up did not \
             return within {}",
            ms(thinks),
            ms(timeout),
            ms(timeout + PATIENCE)
        ));
    };
    let outcome = match result {
        Ok(Some(got)) if got == answer => Ok(()),
        Ok(Some(got)) => Err(format!(
            "the server answered {answer:?}; ask_or_give_up returned Some({got:?})"
        )),
        Ok(None) => Err(format!(
            "with a server that answered after {}, ask_or_give_up gave up (returned None) \
             although its timeout was {}",
            ms(thinks),
            ms(timeout)
        )),
        Err(e) => Err(format!(
            "with a server that answers, ask_or_give_up returned an error: {}",
            explain(e)
        )),
    };
    outcome?;
    let Ok((heard, sent_at)) = answered_at.recv_timeout(PATIENCE) else {
        return Err("the server never heard a question".into());
    };
    if heard != question.as_bytes() {
        return Err(format!(
            "asked to ask {question:?}; the server heard {}",
            show(&heard)
        ));
    }
    let late = returned_at.saturating_duration_since(sent_at);
    if late > SLACK {
        return Err(too_late(format!(
            "the answer came {} after the question, with a timeout of {}; ask_or_give_up \
             returned it {} later. An answer that comes is returned at once: wait *up to* the \
             timeout, not the whole timeout",
            ms(thinks),
            ms(timeout),
            ms(late)
        )));
    }
    Ok(())
}

/// Nobody at the endpoint: give up after the timeout, not before, and not much after.
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
    confirmed(|| brokering(broker, &mut values))
}

fn brokering(broker: Broker, values: &mut Values) -> Check {
    let scene = Scene::new();
    let (front, back) = (inproc("frontend"), inproc("backend"));
    let frontend = scene.bound(zmq::ROUTER, &front)?;
    let backend = scene.bound(zmq::DEALER, &back)?;
    let (clients, rounds) = (values.between(2, 4), values.between(1, 3));
    let replies = clients * rounds;
    let mark = values.word();

    // Two workers, each holding its first request until the other has one too: they can
    // only both get there if the broker forwards a request while another is still
    // unanswered.
    let meeting = Arc::new(Barrier::new(2));
    let (alone, held_alone) = mpsc::channel();
    let answered = Arc::new(AtomicUsize::new(0));
    let last_thinks = values.millis(100, 200);
    for w in 0..2 {
        let worker = scene.own_connected(zmq::REP, &back)?;
        let (meeting, alone, mark) = (meeting.clone(), alone.clone(), mark.clone());
        let answered = answered.clone();
        thread::spawn(move || {
            let mut first = true;
            while let Some(request) = recv_one_within(&worker, PATIENCE) {
                if first && !meet_within(&meeting, BARRIER_PATIENCE) {
                    let _ = alone.send(w);
                }
                first = false;
                if answered.fetch_add(1, Ordering::Relaxed) + 1 == replies {
                    // The world of the exercise: the last answer takes a while, so a
                    // broker that stops before every reply is back stops before this one.
                    thread::sleep(last_thinks);
                }
                let mut answer = request;
                answer.extend_from_slice(format!(" answered by {mark}").as_bytes());
                if worker.send(answer, 0).is_err() {
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
    let starts_after = values.millis(30, 120);
    let mut brokering =
        call(move || (broker(&frontend, &backend, replies), frontend, backend));
    // The world of the exercise: the clients ask a moment after the broker is ready.
    thread::sleep(starts_after);
    if brokering.has_returned() {
        return Err(broker_stalled(&mut brokering, 0, replies, 0, 0));
    }

    let mut delivered = 0;
    for round in 0..rounds {
        let requests: Vec<Vec<u8>> = (0..clients).map(|_| values.binary()).collect();
        for (c, (client, request)) in client_sockets.iter().zip(&requests).enumerate() {
            if client.send(request.as_slice(), 0).is_err() {
                return Err(broker_stalled(&mut brokering, delivered, replies, c, round));
            }
        }
        for (c, (client, request)) in client_sockets.iter().zip(&requests).enumerate() {
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
                return Err(broker_stalled(&mut brokering, delivered, replies, c, round));
            };
            let mut expected = request.clone();
            expected.extend_from_slice(format!(" answered by {mark}").as_bytes());
            if reply != expected {
                return Err(format!(
                    "client {c} asked {} and got {}: the answer to someone else's request",
                    show(request),
                    show(&reply)
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
        Some(((Ok(()), _, _), _)) => Ok(()),
        Some(((Err(e), _, backend), _)) => Err(format!(
            "broker returned an error: {}",
            explain_on(e, &backend)
        )),
    }
}

/// A client's reply, waited for up to `PATIENCE`, or `None` as soon as it is clear that
/// none will come: the broker has returned, and what it forwarded before has had time to
/// arrive.
fn reply_or_end<T>(client: &zmq::Socket, brokering: &mut Call<T>) -> Option<Vec<u8>> {
    let slice = Duration::from_millis(50);
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(reply) = recv_one_within(client, slice) {
            return Some(reply);
        }
        if brokering.has_returned() {
            // Whatever it forwarded before it returned is in the pipe already.
            return recv_one_within(client, slice * 2);
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

fn ended_early(
    brokering: &mut Call<(zmq::Result<()>, zmq::Socket, zmq::Socket)>,
    delivered: usize,
    replies: usize,
) -> String {
    match brokering.within(Duration::ZERO) {
        Some(((Err(e), _, backend), _)) => format!(
            "broker returned an error after {delivered} of {replies} replies: {}",
            explain_on(e, &backend)
        ),
        _ => format!(
            "the broker returned after {delivered} of the {replies} replies it was asked for: \
             it must go on until all {replies} have gone back to the clients"
        ),
    }
}

fn broker_stalled(
    brokering: &mut Call<(zmq::Result<()>, zmq::Socket, zmq::Socket)>,
    delivered: usize,
    replies: usize,
    client: usize,
    round: usize,
) -> String {
    if brokering.has_returned() {
        if delivered == 0 {
            return match brokering.within(Duration::ZERO) {
                Some(((Err(e), _, backend), _)) => {
                    format!("broker returned an error: {}", explain_on(e, &backend))
                }
                _ => "the broker returned before any reply had gone back: it must go on until \
                      `replies` replies have"
                    .into(),
            };
        }
        return ended_early(brokering, delivered, replies);
    }
    format!(
        "client {client} got no reply in round {} within {} (the broker is still running): \
         does it forward every message, every frame of it, both ways, as soon as it comes? \
         (the first frame, added by the ROUTER, says which client a reply is for)",
        round + 1,
        ms(PATIENCE)
    )
}
