//! AP2: the publisher and the subscriber as processes.

use crate::process::{assert_refused, ipc_endpoint, tcp_endpoint, Program};

#[test]
fn ap2_subscriber_gets_only_its_topic_from_the_publisher() {
    let endpoint = tcp_endpoint();
    let mut subscriber = Program::start(
        "ps-subscriber",
        &["--connect", &endpoint, "--count", "2", "--timeout", "10"],
        "",
    );
    subscriber.wait_for_line("subscribed");
    // The publisher waits for the subscription before publishing: no slow joiner.
    let publisher = Program::start(
        "ps-publisher",
        &[
            "--bind",
            &endpoint,
            "--wait-subscribers",
            "1",
            "--timeout",
            "10",
        ],
        "123 first\nabc\n0123\n1234 second\nb\n",
    );
    let subscriber = subscriber.finish();
    let publisher = publisher.finish();
    assert!(
        subscriber.success && publisher.success,
        "{subscriber:?}\n{publisher:?}"
    );
    insta::assert_snapshot!(
        "ap2_transcript",
        format!(
            "--- publisher ---\n{}--- subscriber ---\n{}",
            publisher.stdout, subscriber.stdout
        )
        .replace(&endpoint, "[ENDPOINT]")
    );
}

#[test]
fn ap2_empty_filter_receives_everything() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "all");
    let mut subscriber = Program::start(
        "ps-subscriber",
        &[
            "--connect",
            &endpoint,
            "--filter",
            "",
            "--count",
            "3",
            "--timeout",
            "10",
        ],
        "",
    );
    subscriber.wait_for_line("subscribed");
    let publisher = Program::start(
        "ps-publisher",
        &[
            "--bind",
            &endpoint,
            "--wait-subscribers",
            "1",
            "--timeout",
            "10",
        ],
        "one\n123\nthree\nb\n",
    );
    let subscriber = subscriber.finish();
    assert!(publisher.finish().success);
    assert!(subscriber.success, "{subscriber:?}");
    assert!(
        subscriber
            .stdout
            .ends_with("response: one\nresponse: 123\nresponse: three\n"),
        "{}",
        subscriber.stdout
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
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "quiet");
    assert_refused(
        "ps-subscriber",
        &["--connect", &endpoint, "--timeout", "1"],
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
            "1",
        ],
        "",
        "0 of 1 subscribers",
    );
}
