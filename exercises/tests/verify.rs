//! CI's proof in both directions: every solution passes its check, every untouched stub and
//! every kept wrong answer fails it.

#[allow(dead_code)]
#[path = "../src/catalogue.rs"]
mod catalogue;
#[allow(unused_variables, unreachable_code, clippy::diverging_sub_expression)]
#[path = "../src/exercises/mod.rs"]
mod exercises;

#[test]
fn every_solution_passes_and_every_stub_and_wrong_answer_fails() {
    zmq_exercises::runner::quiet_panics();
    let broken = catalogue::verify();
    // The quiet panic hook would swallow the assertion's message: say it first.
    for problem in &broken {
        eprintln!("✘ {problem}");
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

/// What a check says to a wrong answer names the mistake.
#[test]
fn the_checks_say_what_went_wrong() {
    zmq_exercises::runner::quiet_panics();
    let said: [(usize, &str, &str); 35] = [
        (1, "replies before receiving", "EFSM"),
        (
            1,
            "receives with DONTWAIT",
            "returned an error before any request came: EAGAIN after DONTWAIT: nothing was \
             waiting yet",
        ),
        (
            1,
            "serves in a loop until recv fails",
            "must serve one request and return",
        ),
        (3, "no LINGER 0", "Set LINGER 0"),
        (
            3,
            "a fixed second, whatever the timeout",
            "had not given up",
        ),
        (3, "gives up without asking", "gave up (returned None)"),
        (
            3,
            "a fixed 200 ms",
            "gave up (returned None) before the answer came",
        ),
        (
            3,
            "sleeps the timeout, then looks once",
            "is returned at once",
        ),
        (
            6,
            "subscribes to the topic it once saw",
            "the subscriber subscribed to \"news\"",
        ),
        (8, "a fix that sleeps long", "left a subscription unread"),
        (
            8,
            "sleeps long, then reads the subscriptions",
            "waits longer than it needs to",
        ),
        (8, "republishes for a while", "each once, in order"),
        (
            9,
            "receives with DONTWAIT",
            "before the first task came: EAGAIN after DONTWAIT",
        ),
        (
            9,
            "works until no task comes",
            "must take `count` tasks and return",
        ),
        (10, "a fixed 200 ms", "before the timeout"),
        (10, "sleeps the timeout, then tries once", "goes at once"),
        (10, "pushes the task it once saw", "the puller got \"task\""),
        (11, "one worker, whatever is asked", "a fair share is"),
        (
            11,
            "workers that send each result twice",
            "extra or repeated",
        ),
        (12, "never returns", "did not return within 1000 ms"),
        (12, "returns at once", "returned before any reply"),
        (
            12,
            "one request at a time",
            "forwards one request at a time",
        ),
        (13, "asks again on the same REQ", "EFSM"),
        (13, "no LINGER 0", "Set LINGER 0 on each"),
        (
            13,
            "gives up after the first try",
            "gave up (returned None) when the server had heard 1 request",
        ),
        (13, "asks again for ever", "had not given up"),
        (
            13,
            "sleeps each timeout, then looks once",
            "is returned at once",
        ),
        (13, "the request through text", "the server heard"),
        (
            13,
            "asks once, waits as long as all the tries",
            "gave up (returned None) when the server had heard 1 request",
        ),
        (14, "no heartbeats", "The subscriber has no heartbeats"),
        (14, "a TTL only", "a TTL only asks the peer to time out"),
        (
            14,
            "an interval and timeout too long for notice_within",
            "went silent",
        ),
        (
            14,
            "a TTL shorter than the interval",
            "so the publisher drops the connection",
        ),
        (14, "forgot to subscribe", "never saw a subscription"),
        (
            14,
            "heartbeats set after connecting",
            "were they set after `connect`?",
        ),
    ];
    let checks: Vec<_> = said
        .iter()
        .map(|(n, what, _)| {
            catalogue::find(*n)
                .and_then(|e| e.wrong.iter().find(|w| w.what == *what))
                .unwrap_or_else(|| panic!("no wrong answer {what:?} in exercise {n}"))
                .check
        })
        .collect();
    let outcomes = zmq_exercises::runner::run_all(&checks);
    for ((n, what, expected), outcome) in said.iter().zip(outcomes) {
        let described = outcome.describe();
        if !described.contains(expected) {
            eprintln!("exercise {n}, {what:?}: {described}");
        }
        assert!(
            described.contains(expected),
            "exercise {n}, {what:?}: {described}"
        );
    }
}
