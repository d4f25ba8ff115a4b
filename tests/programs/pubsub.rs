//! AP2: the publisher and the subscriber as processes.

use crate::process::{assert_refused, ipc_endpoint, tcp_endpoint, Finished, Program};

/// Starts a subscriber (with `filter`, or the article's default `123`) that stops after
/// `count` messages, then a publisher that waits for its subscription and publishes `lines`.
/// Returns the publisher's and the subscriber's stdout, with the endpoint normalised.
fn subscribe_then_publish(
    endpoint: &str,
    filter: Option<&str>,
    count: usize,
    lines: &str,
) -> (String, String) {
    let count = count.to_string();
    let mut args = vec!["--connect", endpoint, "--count", &count, "--timeout", "10"];
    if let Some(filter) = filter {
        args.extend(["--filter", filter]);
    }
    let mut subscriber = Program::start("ps-subscriber", &args, "");
    subscriber.wait_for_line("subscribed");
    // The publisher waits for the subscription before publishing: no slow joiner.
    let publisher = Program::start(
        "ps-publisher",
        &[
            "--bind",
            endpoint,
            "--wait-subscribers",
            "1",
            "--timeout",
            "10",
        ],
        lines,
    );
    let (subscriber, publisher) = (subscriber.finish(), publisher.finish());
    assert!(
        subscriber.success && publisher.success,
        "{subscriber:?}\n{publisher:?}"
    );
    let normalise = |text: String| text.replace(endpoint, "[ENDPOINT]");
    (normalise(publisher.stdout), normalise(subscriber.stdout))
}

#[test]
fn ap2_subscriber_gets_only_its_topic_from_the_publisher() {
    let (publisher, subscriber) = subscribe_then_publish(
        &tcp_endpoint(),
        None,
        2,
        "123 first\nabc\n0123\n1234 second\nb\n",
    );
    insta::assert_snapshot!(
        "ap2_transcript",
        format!("--- publisher ---\n{publisher}--- subscriber ---\n{subscriber}")
    );
}

#[test]
fn ap2_empty_filter_receives_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (_, subscriber) = subscribe_then_publish(
        &ipc_endpoint(&dir, "all"),
        Some(""),
        3,
        "one\n123\nthree\nb\n",
    );
    assert!(
        subscriber.ends_with("response: one\nresponse: 123\nresponse: three\n"),
        "{subscriber}"
    );
}

#[test]
fn ap2_bad_input_is_refused_with_one_line() {
    assert_refused(
        "ps-publisher",
        &["--bind", "udp://127.0.0.1:9"],
        "",
        "does not work with this socket type",
    );
    assert_refused(
        "ps-subscriber",
        &["--connect", "tcp://:"],
        "",
        "not a valid endpoint",
    );
    assert_refused("ps-subscriber", &["--count"], "", "a value is required");
}

#[test]
fn ap2_a_wait_that_runs_out_ends_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "quiet");
    assert_refused(
        "ps-subscriber",
        &["--connect", &endpoint, "--timeout", "0.3"],
        "",
        "nothing arrived",
    );
    assert_refused(
        "ps-publisher",
        &[
            "--bind",
            &endpoint,
            "--wait-subscribers",
            "1",
            "--timeout",
            "0.3",
        ],
        "",
        "0 of 1 subscribers arrived within 0.3 s",
    );
}

#[test]
fn ap2_wait_subscribers_counts_subscribers_that_share_a_filter() {
    // Two subscribers with the article's filter send the same subscription: the publisher
    // must count both, not the one distinct topic.
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "twins");
    let subscribers: Vec<Program> = (0..2)
        .map(|_| {
            let args = ["--connect", &endpoint, "--count", "1", "--timeout", "10"];
            let mut subscriber = Program::start("ps-subscriber", &args, "");
            subscriber.wait_for_line("subscribed");
            subscriber
        })
        .collect();
    let publisher = Program::start(
        "ps-publisher",
        &[
            "--bind",
            &endpoint,
            "--wait-subscribers",
            "2",
            "--timeout",
            "10",
        ],
        "123 for both\nb\n",
    )
    .finish();
    assert!(publisher.success, "{publisher:?}");
    assert!(publisher.stdout.contains("2 subscriber(s) ready"));
    for subscriber in subscribers {
        let subscriber = subscriber.finish();
        assert!(subscriber.stdout.ends_with("response: 123 for both\n"));
    }
}

/// libzmq 4.3.4 walks a subscription filter recursively, about 113 bytes of stack for each
/// byte of the filter (a 74 kB filter is the most an 8 MB stack holds): the port refuses
/// filters over 4096 bytes, which need under half a megabyte.
const LONGEST_FILTER: usize = 4096;

#[test]
fn ap2_an_over_long_filter_is_refused_with_one_line() {
    for length in [LONGEST_FILTER + 1, 100_000] {
        let filter = "1".repeat(length);
        assert_refused(
            "ps-subscriber",
            &["--connect", "ipc:///nowhere", "--filter", &filter],
            "",
            &format!("a filter is at most 4096 bytes; this one has {length}"),
        );
    }
}

#[test]
fn ap2_the_longest_filter_allowed_works() {
    let filter = "1".repeat(LONGEST_FILTER);
    let dir = tempfile::tempdir().unwrap();
    let (_, subscriber) = subscribe_then_publish(
        &ipc_endpoint(&dir, "long"),
        Some(&filter),
        1,
        &format!("{}\n{filter}!\nb\n", &filter[1..]),
    );
    assert!(
        subscriber.ends_with(&format!("response: {filter}!\n")),
        "{subscriber}"
    );
}

#[test]
fn ap2_wait_subscribers_counts_a_subscriber_with_two_filters_once() {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let endpoint = lab.free_endpoint(Transport::Ipc).unwrap();
    // One subscriber, two subscriptions. (A fresh one for each publisher: a SUB sends its
    // subscriptions again after a reconnection only once its own thread calls on it.)
    let subscribe_twice = || {
        let twice = lab.socket(zmq::SUB).unwrap();
        twice.set_subscribe(b"123").unwrap();
        twice.set_subscribe(b"456").unwrap();
        twice.connect(&endpoint).unwrap();
        twice
    };
    let first = subscribe_twice();
    let wait_for_two = [
        "--bind",
        endpoint.as_str(),
        "--wait-subscribers",
        "2",
        "--timeout",
        "1",
    ];
    assert_refused(
        "ps-publisher",
        &wait_for_two,
        "",
        "1 of 2 subscribers arrived within 1 s",
    );
    // The control: with a second subscriber, the same wait ends.
    let mut second = Program::start(
        "ps-subscriber",
        &["--connect", &endpoint, "--count", "1", "--timeout", "10"],
        "",
    );
    second.wait_for_line("subscribed");
    drop(first);
    let twice = subscribe_twice();
    let publisher =
        Program::start("ps-publisher", &wait_for_two, "123 for both\nb\n").finish();
    assert!(publisher.success, "{publisher:?}");
    assert!(
        publisher.stdout.contains("2 subscriber(s) ready\n"),
        "{publisher:?}"
    );
    assert!(second.finish().stdout.ends_with("response: 123 for both\n"));
    let received = crate::process::receive(&twice, 1);
    assert_eq!(received, [b"123 for both"]);
}

/// Lines piped into the publisher as fast as it reads them.
const FAST_PIPE: usize = 100_000;

/// A subscriber to everything, then a publisher that waits for it and is fed
/// [`FAST_PIPE`] lines at once, with `extra` options. Returns the numbers of the lines the
/// subscriber received, in order (it gives up after `patience` seconds with nothing new),
/// what it said on stderr, and the publisher.
fn fast_pipe(extra: &[&str], patience: &str) -> (Vec<usize>, String, Finished) {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "fast");
    let count = FAST_PIPE.to_string();
    let subscriber_args = [
        "--connect",
        &endpoint,
        "--filter",
        "",
        "--count",
        &count,
        "--timeout",
        patience,
    ];
    let mut subscriber = Program::start_open("ps-subscriber", &subscriber_args);
    subscriber.wait_for_line("subscribed");
    let mut args = vec!["--bind", endpoint.as_str(), "--wait-subscribers", "1"];
    args.extend(extra);
    let mut publisher = Program::start_open("ps-publisher", &args);
    let lines: String = (0..FAST_PIPE).map(|i| format!("line {i}\n")).collect();
    publisher.type_text(&lines).unwrap();
    let publisher = publisher.finish();
    let subscriber = subscriber.finish();
    let received = subscriber
        .stdout
        .lines()
        .filter_map(|line| line.strip_prefix("response: line ")?.parse().ok())
        .collect();
    (received, subscriber.stderr, publisher)
}

#[test]
fn ap2_with_no_drop_every_line_of_a_fast_pipe_reaches_the_subscriber() {
    let (received, said, publisher) = fast_pipe(&["--no-drop"], "10");
    assert!(publisher.success, "{}", publisher.stderr);
    assert!(
        publisher.stdout.ends_with(&format!(
            "\n{FAST_PIPE} message(s) sent, none dropped for a subscriber with a full queue\n"
        )),
        "{}",
        publisher.stderr
    );
    // What a plain PUB does with the same pipe, measured (how many it drops depends on the
    // machine's speed): the figure is printed, and the PUB says it cannot see it.
    let (plain, _, plain_publisher) = fast_pipe(&[], "2");
    println!(
        "{FAST_PIPE} lines piped: {} received with --no-drop, {} without",
        received.len(),
        plain.len()
    );
    assert!(plain_publisher.success, "{}", plain_publisher.stderr);
    assert!(plain_publisher.stdout.contains(&format!(
        "\n{FAST_PIPE} message(s) sent; a PUB cannot tell who got them"
    )));
    // Every line once, in order: the first one out of place says where they went missing.
    let misplaced = received.iter().enumerate().find(|(at, line)| at != *line);
    assert!(
        received.len() == FAST_PIPE && misplaced.is_none(),
        "{} of {FAST_PIPE} received; first out of place (position, line): {misplaced:?}; \
         the subscriber said: {said}",
        received.len()
    );
}
