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
