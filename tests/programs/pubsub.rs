//! AP2: the publisher and the subscriber as processes.

use crate::process::{assert_refused, ipc_endpoint, tcp_endpoint, Program};

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
