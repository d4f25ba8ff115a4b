//! The checks: each takes an implementation of one exercise, runs it against real sockets, and
//! says in plain words what it expected and what happened. Every call is bounded; a check that
//! blocks anyway is stopped by the runner's watchdog.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

type Check = Result<(), String>;

/// How long a check waits for a message that should come.
const PATIENCE: Duration = Duration::from_secs(2);

fn socket(context: &zmq::Context, kind: zmq::SocketType) -> zmq::Socket {
    let socket = context.socket(kind).expect("a socket");
    socket.set_linger(0).unwrap();
    socket.set_rcvtimeo(PATIENCE.as_millis() as i32).unwrap();
    socket.set_sndtimeo(PATIENCE.as_millis() as i32).unwrap();
    socket
}

fn inproc(name: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "inproc://check-{name}-{}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A socket of `bound_kind` bound to a fresh inproc endpoint named after `name`, and a socket
/// of `connected_kind` connected to it.
fn bound_and_connected(
    context: &zmq::Context,
    name: &str,
    bound_kind: zmq::SocketType,
    connected_kind: zmq::SocketType,
) -> (zmq::Socket, zmq::Socket) {
    let endpoint = inproc(name);
    let bound = socket(context, bound_kind);
    bound.bind(&endpoint).unwrap();
    let connected = socket(context, connected_kind);
    connected.connect(&endpoint).unwrap();
    (bound, connected)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Receives one message within `within`, or `None`.
fn recv_within(socket: &zmq::Socket, within: Duration) -> Option<Vec<u8>> {
    match socket.poll(zmq::POLLIN, within.as_millis() as i64) {
        Ok(n) if n > 0 => socket.recv_bytes(0).ok(),
        _ => None,
    }
}

fn explain(error: zmq::Error) -> String {
    match error {
        zmq::Error::EFSM => {
            "EFSM: a REQ or REP socket was used out of order (the book, RR6)".into()
        }
        zmq::Error::EAGAIN => "EAGAIN: a send or receive timed out".into(),
        zmq::Error::ENOTSUP => {
            "ENOTSUP: that socket type cannot do that (the book, G2)".into()
        }
        other => other.to_string(),
    }
}

pub fn hello_server(serve_one: fn(&zmq::Socket) -> zmq::Result<()>) -> Check {
    let context = zmq::Context::new();
    let (server, client) = bound_and_connected(&context, "e01", zmq::REP, zmq::REQ);
    client.send("hello", 0).unwrap();
    serve_one(&server)
        .map_err(|e| format!("serve_one returned an error: {}", explain(e)))?;
    match recv_within(&client, PATIENCE) {
        Some(reply) if reply == b"world" => Ok(()),
        Some(reply) => Err(format!(
            "the client asked \"hello\" and got {:?}; expected \"world\"",
            text(&reply)
        )),
        None => Err("the client got no answer".into()),
    }
}

pub fn ask_in_turn(ask: fn(&zmq::Socket, &[&str]) -> zmq::Result<Vec<String>>) -> Check {
    let context = zmq::Context::new();
    let server = socket(&context, zmq::REP);
    let endpoint = inproc("e02");
    server.bind(&endpoint).unwrap();
    let _answering = thread::spawn(move || {
        while let Some(question) = recv_within(&server, PATIENCE) {
            if server
                .send(format!("answer to {}", text(&question)).as_str(), 0)
                .is_err()
            {
                break;
            }
        }
    });
    let client = socket(&context, zmq::REQ);
    client.connect(&endpoint).unwrap();
    let answers = ask(&client, &["one", "two", "three"])
        .map_err(|e| format!("ask_in_turn returned an error: {}", explain(e)))?;
    let expected = ["answer to one", "answer to two", "answer to three"];
    if answers != expected {
        return Err(format!(
            "asked one, two, three; got {answers:?}, expected {expected:?}"
        ));
    }
    Ok(())
}

type GiveUp = fn(&zmq::Context, &str, &str, Duration) -> zmq::Result<Option<String>>;

pub fn give_up_in_time(ask: GiveUp) -> Check {
    let context = zmq::Context::new();
    // With a server that answers: the answer must come back.
    let server = socket(&context, zmq::REP);
    let endpoint = inproc("e03-server");
    server.bind(&endpoint).unwrap();
    let answering = thread::spawn(move || {
        if let Some(question) = recv_within(&server, PATIENCE) {
            let _ = server.send(format!("answer to {}", text(&question)).as_str(), 0);
        }
    });
    match ask(&context, &endpoint, "anyone?", Duration::from_secs(1)) {
        Ok(Some(answer)) if answer == "answer to anyone?" => {}
        Ok(Some(answer)) => {
            return Err(format!(
            "with a server that answers, got {answer:?}; expected \"answer to anyone?\""
        ))
        }
        Ok(None) => {
            return Err(
                "with a server that answers, ask_or_give_up gave up (returned None)"
                    .into(),
            )
        }
        Err(e) => {
            return Err(format!(
                "with a server that answers, ask_or_give_up returned an error: {}",
                explain(e)
            ))
        }
    }
    let _ = answering.join();

    // With nobody there: give up after about the timeout, not before and not for ever.
    let timeout = Duration::from_millis(200);
    let started = Instant::now();
    let outcome = ask(&context, &inproc("e03-nobody"), "anyone?", timeout);
    let took = started.elapsed();
    match outcome {
        Ok(None) if took >= timeout - Duration::from_millis(20) => Ok(()),
        Ok(None) => Err(format!(
            "with nobody there, gave up after {took:?}, before the {timeout:?} timeout"
        )),
        Ok(Some(answer)) => {
            Err(format!("with nobody there, returned an answer {answer:?}"))
        }
        Err(e) => Err(format!(
            "with nobody there, returned an error instead of None: {}",
            explain(e)
        )),
    }
}

pub fn echo_frames(echo: fn(&zmq::Socket) -> zmq::Result<()>) -> Check {
    let context = zmq::Context::new();
    let (server, client) = bound_and_connected(&context, "e04", zmq::REP, zmq::REQ);
    let frames: Vec<Vec<u8>> = vec![
        b"text".to_vec(),
        Vec::new(),
        vec![0, 1, 0],
        vec![0xff, 0xfe, 0x80],
    ];
    client.send_multipart(&frames, 0).unwrap();
    echo(&server)
        .map_err(|e| format!("echo_frames returned an error: {}", explain(e)))?;
    let reply = client
        .recv_multipart(0)
        .map_err(|_| "the client got no reply".to_string())?;
    if reply != frames {
        return Err(format!(
            "sent the frames {frames:?} (text, empty, NUL bytes, not UTF-8); got back {reply:?}"
        ));
    }
    Ok(())
}

pub fn one_way(
    can_send: fn(zmq::SocketType) -> bool,
    can_receive: fn(zmq::SocketType) -> bool,
) -> Check {
    let context = zmq::Context::new();
    for kind in [zmq::REQ, zmq::REP, zmq::PUB, zmq::SUB, zmq::PUSH, zmq::PULL] {
        // ENOTSUP is libzmq's "this socket type cannot": anything else (EAGAIN, EFSM) means it can.
        let sends =
            socket(&context, kind).send("x", zmq::DONTWAIT) != Err(zmq::Error::ENOTSUP);
        let receives = socket(&context, kind).recv_bytes(zmq::DONTWAIT).err()
            != Some(zmq::Error::ENOTSUP);
        if can_send(kind) != sends {
            return Err(format!(
                "can_send({kind:?}) says {}, but libzmq says {sends}",
                can_send(kind)
            ));
        }
        if can_receive(kind) != receives {
            return Err(format!(
                "can_receive({kind:?}) says {}, but libzmq says {receives}",
                can_receive(kind)
            ));
        }
    }
    Ok(())
}

/// An XPUB that hands over every subscription, and a way to wait for them.
fn xpub(context: &zmq::Context, endpoint: &str) -> zmq::Socket {
    let publisher = socket(context, zmq::XPUB);
    publisher.set_xpub_verbose(true).unwrap();
    publisher.bind(endpoint).unwrap();
    publisher
}

fn subscriptions(publisher: &zmq::Socket, count: usize) -> Vec<Vec<u8>> {
    let mut topics = Vec::new();
    while topics.len() < count {
        match recv_within(publisher, PATIENCE) {
            Some(event) if event.first() == Some(&1) => topics.push(event[1..].to_vec()),
            Some(_) => {}
            None => break,
        }
    }
    topics
}

type Subscribe = fn(&zmq::Context, &str, &[u8]) -> zmq::Result<zmq::Socket>;

pub fn subscribe(subscriber: Subscribe) -> Check {
    let context = zmq::Context::new();
    let endpoint = inproc("e06");
    let publisher = xpub(&context, &endpoint);
    let sub = subscriber(&context, &endpoint, b"news")
        .map_err(|e| format!("subscriber returned an error: {}", explain(e)))?;
    sub.set_rcvtimeo(PATIENCE.as_millis() as i32).unwrap();
    let topics = subscriptions(&publisher, 1);
    match topics.first() {
        None => return Err("the publisher never saw a subscription: a SUB that has not subscribed receives nothing (PS3)".into()),
        Some(topic) if topic != b"news" => {
            return Err(format!("subscribed to {:?}; expected \"news\"", text(topic)));
        }
        Some(_) => {}
    }
    for message in ["news 1", "weather 1", "news 2", "sport", "news end"] {
        publisher.send(message, 0).unwrap();
    }
    let mut received = Vec::new();
    while let Some(message) = recv_within(&sub, PATIENCE) {
        received.push(text(&message));
        if received.last().map(String::as_str) == Some("news end") {
            break;
        }
    }
    if received != ["news 1", "news 2", "news end"] {
        return Err(format!(
            "published news 1, weather 1, news 2, sport, news end; the subscriber got {received:?}"
        ));
    }
    Ok(())
}

pub fn topic_rule(receives: fn(&[&[u8]], &[u8]) -> bool) -> Check {
    let subscription_sets: [&[&[u8]]; 5] =
        [&[b"123"], &[b""], &[], &[b"a", b"b"], &[b"\xff"]];
    let messages: [&[u8]; 8] = [
        b"123",
        b"1234",
        b"0123",
        b"12",
        b"abc",
        b"b",
        b"",
        b"\xff\x00",
    ];
    let end: &[u8] = b"\xfe\xfeend"; // a sentinel no test message begins with
    for set in subscription_sets {
        let context = zmq::Context::new();
        let endpoint = inproc("e07");
        let publisher = xpub(&context, &endpoint);
        let sub = socket(&context, zmq::SUB);
        for topic in set.iter().chain([&end]) {
            sub.set_subscribe(topic).unwrap();
        }
        sub.connect(&endpoint).unwrap();
        if subscriptions(&publisher, set.len() + 1).len() < set.len() + 1 {
            return Err(
                "the test publisher never saw the subscriptions (this is the check's fault)".into(),
            );
        }
        for message in messages {
            publisher.send(message, 0).unwrap();
        }
        publisher.send(end, 0).unwrap();
        let mut real = Vec::new();
        while let Some(message) = recv_within(&sub, PATIENCE) {
            if message == end {
                break;
            }
            real.push(message);
        }
        for message in messages {
            let truly = real.iter().any(|m| m == message);
            if receives(set, message) != truly {
                let set: Vec<String> =
                    set.iter().map(|t| format!("{:?}", text(t))).collect();
                return Err(format!(
                    "receives([{}], {:?}) says {}, but a real subscriber {}",
                    set.join(", "),
                    text(message),
                    !truly,
                    if truly { "gets it" } else { "does not get it" }
                ));
            }
        }
    }
    Ok(())
}

pub fn publish_when_ready(
    publish: fn(&zmq::Socket, usize, &[&str]) -> zmq::Result<()>,
) -> Check {
    let context = zmq::Context::new();
    let endpoint = inproc("e08");
    let publisher = xpub(&context, &endpoint);
    let messages = ["one", "two", "three"];
    let late: Vec<_> = (1..=2)
        .map(|i| {
            let (context, endpoint) = (context.clone(), endpoint.clone());
            thread::spawn(move || {
                // Deliberately late joiners: subscriber i arrives 100·i ms after the publisher starts.
                thread::sleep(Duration::from_millis(100 * i));
                let sub = socket(&context, zmq::SUB);
                sub.set_subscribe(b"").unwrap();
                sub.connect(&endpoint).unwrap();
                (0..3)
                    .filter_map(|_| recv_within(&sub, Duration::from_millis(500)))
                    .count()
            })
        })
        .collect();
    publish(&publisher, 2, &messages)
        .map_err(|e| format!("publish_when_ready returned an error: {}", explain(e)))?;
    for (i, subscriber) in late.into_iter().enumerate() {
        let got = subscriber.join().unwrap();
        if got != messages.len() {
            return Err(format!(
                "subscriber {} (joining {} ms late) got {got} of 3 messages: it had not subscribed yet when they were published (the slow joiner, PS6)",
                i + 1,
                100 * (i + 1)
            ));
        }
    }
    Ok(())
}

pub fn worker(work: fn(&zmq::Socket, &zmq::Socket, usize) -> zmq::Result<()>) -> Check {
    let context = zmq::Context::new();
    let (ventilator, tasks) =
        bound_and_connected(&context, "e09-tasks", zmq::PUSH, zmq::PULL);
    let (sink, results) =
        bound_and_connected(&context, "e09-results", zmq::PULL, zmq::PUSH);
    let sent: Vec<String> = (0..10).map(|i| format!("task {i}")).collect();
    for task in &sent {
        ventilator.send(task.as_str(), 0).unwrap();
    }
    work(&tasks, &results, sent.len())
        .map_err(|e| format!("work returned an error: {}", explain(e)))?;
    let mut received = Vec::new();
    while let Some(result) = recv_within(&sink, Duration::from_millis(100)) {
        received.push(text(&result));
    }
    exactly_once(&sent, &received)
}

/// Every task came back as "done: <task>" exactly once.
fn exactly_once(sent: &[String], received: &[String]) -> Check {
    for task in sent {
        let result = format!("done: {task}");
        let times = received.iter().filter(|r| **r == result).count();
        if times != 1 {
            return Err(format!("{result:?} reached the sink {times} times; every task must arrive exactly once (PL1)"));
        }
    }
    if received.len() != sent.len() {
        return Err(format!(
            "{} tasks sent, {} results received: {received:?}",
            sent.len(),
            received.len()
        ));
    }
    Ok(())
}

pub fn push_or_give_up(
    push: fn(&zmq::Socket, &str, Duration) -> zmq::Result<bool>,
) -> Check {
    let context = zmq::Context::new();
    // Nobody pulls: give up after the timeout.
    let lonely = socket(&context, zmq::PUSH);
    lonely.set_sndtimeo(-1).unwrap(); // libzmq's default: a send may wait for ever
    lonely.bind(&inproc("e10-lonely")).unwrap();
    let timeout = Duration::from_millis(200);
    let started = Instant::now();
    match push(&lonely, "task", timeout) {
        Ok(false) if started.elapsed() >= timeout - Duration::from_millis(20) => {}
        Ok(false) => {
            return Err(format!(
                "with no puller, gave up after {:?}, before the {timeout:?} timeout",
                started.elapsed()
            ))
        }
        Ok(true) => {
            return Err(
                "with no puller at all, push_or_give_up says the task was taken".into(),
            )
        }
        Err(e) => {
            return Err(format!(
                "with no puller, returned an error instead of false: {}",
                explain(e)
            ))
        }
    }

    // A puller arrives while the send waits: the task goes to it.
    let endpoint = inproc("e10-arriving");
    let pusher = socket(&context, zmq::PUSH);
    pusher.set_sndtimeo(-1).unwrap();
    pusher.bind(&endpoint).unwrap();
    let arriving = {
        let context = context.clone();
        thread::spawn(move || {
            // Deliberately late: the puller connects 100 ms into the wait.
            thread::sleep(Duration::from_millis(100));
            let puller = socket(&context, zmq::PULL);
            puller.connect(&endpoint).unwrap();
            recv_within(&puller, PATIENCE)
        })
    };
    match push(&pusher, "task", Duration::from_secs(1)) {
        Ok(true) => {}
        Ok(false) => {
            return Err(
                "a puller connected 100 ms into a 1 s wait, yet push_or_give_up gave up"
                    .into(),
            )
        }
        Err(e) => {
            return Err(format!("push_or_give_up returned an error: {}", explain(e)))
        }
    }
    match arriving.join().unwrap() {
        Some(task) if task == b"task" => Ok(()),
        _ => Err("the puller never got the task".into()),
    }
}

pub fn pipeline(
    run: fn(&zmq::Context, &[&str], usize) -> zmq::Result<Vec<String>>,
) -> Check {
    let context = zmq::Context::new();
    let sent: Vec<String> = (0..20).map(|i| format!("task {i}")).collect();
    let tasks: Vec<&str> = sent.iter().map(String::as_str).collect();
    let received = run(&context, &tasks, 3)
        .map_err(|e| format!("run_pipeline returned an error: {}", explain(e)))?;
    exactly_once(&sent, &received)
}

/// A client's reply, waiting up to [`PATIENCE`] while watching the broker's thread: if the
/// broker panicked (a `todo!()`) its panic is passed on at once; if it returned early, that is
/// the failure.
fn recv_or_broker_ended(
    client: &zmq::Socket,
    brokering: &thread::JoinHandle<zmq::Result<()>>,
) -> Result<Option<Vec<u8>>, String> {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(reply) = recv_within(client, Duration::from_millis(20)) {
            return Ok(Some(reply));
        }
        if brokering.is_finished() {
            return Err("the broker returned before every client had its reply".into());
        }
    }
    Ok(None)
}

pub fn broker(broker: fn(&zmq::Socket, &zmq::Socket, usize) -> zmq::Result<()>) -> Check {
    let context = zmq::Context::new();
    let (front, back) = (inproc("e12-front"), inproc("e12-back"));
    let frontend = socket(&context, zmq::ROUTER);
    frontend.bind(&front).unwrap();
    let backend = socket(&context, zmq::DEALER);
    backend.bind(&back).unwrap();
    let (clients, rounds) = (3, 2);
    let brokering = thread::spawn(move || broker(&frontend, &backend, clients * rounds));
    let _workers: Vec<_> = (0..2)
        .map(|w| {
            let worker = socket(&context, zmq::REP);
            worker.connect(&back).unwrap();
            thread::spawn(move || {
                while let Some(request) = recv_within(&worker, PATIENCE) {
                    let _ = worker.send(
                        format!("worker {w} answers {}", text(&request)).as_str(),
                        0,
                    );
                }
            })
        })
        .collect();
    let client_sockets: Vec<_> = (0..clients)
        .map(|_| {
            let client = socket(&context, zmq::REQ);
            client.connect(&front).unwrap();
            client
        })
        .collect();
    for round in 0..rounds {
        for (c, client) in client_sockets.iter().enumerate() {
            client
                .send(format!("client {c} round {round}").as_str(), 0)
                .unwrap();
        }
        for (c, client) in client_sockets.iter().enumerate() {
            let reply = match recv_or_broker_ended(client, &brokering) {
                Ok(reply) => reply,
                Err(why) => match brokering.join() {
                    Err(panic) => std::panic::resume_unwind(panic), // e.g. todo!(): not done yet
                    Ok(Err(e)) => {
                        return Err(format!("broker returned an error: {}", explain(e)))
                    }
                    Ok(Ok(())) => return Err(why),
                },
            };
            let Some(reply) = reply else {
                return Err(format!(
                    "client {c} got no reply in round {round}: does the broker forward every frame, both ways?"
                ));
            };
            let reply = text(&reply);
            if !reply.ends_with(&format!("answers client {c} round {round}")) {
                return Err(format!(
                    "client {c} got {reply:?}, the answer to someone else's request"
                ));
            }
        }
    }
    match brokering.join() {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("broker returned an error: {}", explain(e))),
        Err(_) => Err("broker panicked".into()),
    }
}
