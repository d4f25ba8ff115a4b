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
    let said: [(usize, &str, &str); 80] = [
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
        (
            1,
            "gives up after half a second, as if served",
            "returned before any request came: it must wait for one, however long it takes",
        ),
        (
            1,
            "serves the waiting requests too",
            "one call serves one request",
        ),
        (
            1,
            "sleeps a moment, then DONTWAIT",
            // A machine too busy to look at the thread while it sleeps sees only what the
            // DONTWAIT then does, when the request comes after the sleep.
            "a sleep is a guess | EAGAIN after DONTWAIT: nothing was waiting yet",
        ),
        (1, "binds a port of its own too", "as well: it is already at"),
        (1, "naps between looks", "a sleep is a guess"),
        (2, "asks a repeated question once", "even one asked before"),
        (2, "assumes there is a question", "the code panicked"),
        (2, "trims the answers", "every byte of it"),
        (2, "trims the line endings", "every byte of it"),
        (2, "asks again after a second", "and each once"),
        (
            2,
            "trims the questions",
            "each exactly as given, white space included",
        ),
        (3, "no LINGER 0", "Set LINGER 0"),
        (3, "lingers as long as it waits", "got the question anyway"),
        (3, "three short tries", "gave up (returned None) before the answer came"),
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
            3,
            "the milliseconds below the second",
            "gave up (returned None) before the answer came",
        ),
        (4, "reads into a 256-byte buffer", "(256 bytes in all)"),
        (4, "reads into a 64 KiB buffer", "(65536 bytes in all)"),
        (
            6,
            "subscribes to the topic it once saw",
            "the subscriber subscribed to \"news\"",
        ),
        (
            6,
            "does not subscribe to an empty topic",
            "the subscriber did not subscribe at all",
        ),
        (
            7,
            "the empty subscription counts only alone",
            "with those subscriptions gets it",
        ),
        (8, "a fix that sleeps long", "left a subscription unread"),
        (
            8,
            "sleeps long, then reads the subscriptions",
            "waits longer than it needs to",
        ),
        (8, "republishes for a while", "each once, in order"),
        (8, "assumes there is a subscriber", "no subscriber at all"),
        (8, "counts every event as a subscriber", "and left again"),
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
        (9, "drops results when the sink is slow", "; the sink got"),
        (9, "skips tasks that are not text", "the task's own bytes"),
        (
            9,
            "gives up after a second without a task",
            "the world waited it out",
        ),
        (
            9,
            "takes at least one task",
            "with a `count` of 0 there is no task to take",
        ),
        (10, "a fixed 200 ms", "before the timeout"),
        (
            10,
            "sleeps the timeout, then tries once",
            "a sleep between tries is a guess",
        ),
        (10, "pushes the task it once saw", "the puller got \"task\""),
        (10, "caps the timeout at a second", "before the timeout"),
        (
            10,
            "takes a timeout of 0 for none",
            "a timeout of 0 gives up at once",
        ),
        (11, "one worker, whatever is asked", "a fair share is"),
        (
            11,
            "workers that send each result twice",
            "extra or repeated",
        ),
        (11, "sleeps for the workers", "run_pipeline slept"),
        (
            11,
            "workers say ready before connecting",
            "once its `connect` has returned",
        ),
        (
            11,
            "pushes without waiting for the workers",
            "wait until each has connected",
        ),
        (11, "removes repeated results", "missing"),
        (11, "leaves the workers running", "were still running"),
        (
            11,
            "no results without workers of its own",
            "the check's does them all",
        ),
        (
            11,
            "collects until no result comes for a while",
            "a long while coming",
        ),
        (12, "never returns", "did not return within 1000 ms"),
        (12, "returns at once", "returned before any reply"),
        (
            12,
            "one request at a time",
            "forwards one request at a time",
        ),
        (12, "stops after the first reply", "returned after 1 of the"),
        (
            12,
            "stops after a quiet second",
            "however long the workers take",
        ),
        (12, "assumes there is a reply", "asked to stop after 0 replies"),
        (
            12,
            "keeps three frames of each message",
            "every frame of the request",
        ),
        (13, "asks again on the same REQ", "EFSM"),
        (13, "no LINGER 0", "Set LINGER 0 on each"),
        (
            13,
            "gives up after the first try",
            "gave up (returned None) when the server had heard 1 request",
        ),
        (13, "asks again for ever", "had not given up"),
        (13, "sleeps each timeout, then looks once", "a sleep is a guess"),
        (13, "the request through text", "the server heard"),
        (
            13,
            "asks once, waits as long as all the tries",
            "gave up (returned None) when the server had heard 1 request",
        ),
        (13, "asks at least once", "no try at all when `tries` is 0"),
        (
            13,
            "one relaxed REQ for every try",
            "on the same connection as try",
        ),
        (
            13,
            "asks again after half the timeout",
            "each try waits its whole timeout",
        ),
        (
            13,
            "keeps the sockets of earlier tries",
            "a reply that comes to it later is lost",
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
        (14, "a timeout of the whole budget", "noticed in time here, but"),
        (14, "a hair trigger", "stalled for"),
        (14, "a timeout without an interval", "has a heartbeat TIMEOUT"),
        (
            14,
            "a TTL instead of a timeout",
            "a TTL is the publisher's timeout",
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
        // " | " between two texts: either one, where the world decides which mistake shows
        // first.
        let named = expected.split(" | ").any(|text| described.contains(text));
        if !named {
            eprintln!("exercise {n}, {what:?}: {described}");
        }
        assert!(named, "exercise {n}, {what:?}: {described}");
    }
}
