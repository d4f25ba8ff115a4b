//! Endpoints as a user types them: a tcp port that is not a plain number from 1 to 65535 is
//! refused with one line (libzmq 4.3 would read `5555x` as 5555 and `-1` as 65535), and a
//! program that binds port 0 or `*` says which port it got.

use std::net::TcpStream;

use crate::process::{assert_refused, retrying, Program, BOUND};

/// Each program with each of its endpoint options.
const OPTIONS: [(&str, &str); 8] = [
    ("rr-server", "--bind"),
    ("rr-client", "--connect"),
    ("ps-publisher", "--bind"),
    ("ps-subscriber", "--connect"),
    ("pl-ventilator", "--bind"),
    ("pl-worker", "--pull"),
    ("pl-worker", "--push"),
    ("pl-sink", "--bind"),
];

#[test]
fn a_tcp_port_that_is_not_a_plain_number_up_to_65535_is_refused() {
    for port in [
        "-1", "70000x", "5555x", "+5555", "0x15b3", "1e3", "99999", "65536", " 5555",
    ] {
        for (program, option) in OPTIONS {
            let endpoint = format!("tcp://127.0.0.1:{port}");
            assert_refused(
                program,
                &[option, &endpoint],
                "",
                "a tcp port is a number from 1 to 65535",
            );
        }
    }
}

#[test]
fn connecting_to_port_0_is_refused() {
    for (program, option) in OPTIONS.into_iter().filter(|(_, o)| *o != "--bind") {
        assert_refused(
            program,
            &[option, "tcp://127.0.0.1:0"],
            "",
            "a tcp port is a number from 1 to 65535",
        );
    }
}

/// The first `tcp://127.0.0.1:<port>` that `text` shows.
fn port_in(text: &str) -> u16 {
    let after = text
        .split("tcp://127.0.0.1:")
        .nth(1)
        .unwrap_or_else(|| panic!("no tcp endpoint in {text:?}"));
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no port in {text:?}"))
}

#[test]
fn binding_port_0_or_star_prints_the_port_actually_bound() {
    let binders = OPTIONS.into_iter().filter(|(_, o)| *o == "--bind");
    let mut checked = 0;
    for (program, option) in binders {
        for wildcard in ["tcp://127.0.0.1:0", "tcp://127.0.0.1:*"] {
            let mut running = Program::start_open(program, &[option, wildcard]);
            running.wait_for_line("tcp://127.0.0.1:");
            running.wait_for_line("\n");
            let port = port_in(&running.stdout());
            assert_ne!(port, 0, "{program} {wildcard}");
            assert!(
                TcpStream::connect(("127.0.0.1", port)).is_ok(),
                "{program} {wildcard}: nothing listens on the port it printed, {port}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
}

#[test]
fn every_program_refuses_a_malformed_endpoint_in_the_same_words() {
    for endpoint in [
        "tcp://127.0.0.1:",
        "tcp://",
        "tcp://:5555",
        "tcp://::1:5555",
        "tcp://[nonsense]:5555",
        "ipc://",
        "inproc://",
        "127.0.0.1:5555",
    ] {
        for (program, option) in OPTIONS {
            assert_refused(program, &[option, endpoint], "", "not a valid endpoint");
        }
    }
}

#[test]
fn every_program_that_connects_says_when_a_host_does_not_resolve() {
    for (program, option) in OPTIONS.into_iter().filter(|(_, o)| *o != "--bind") {
        assert_refused(
            program,
            &[option, "tcp://no-such-host.invalid:5555"],
            "",
            "the host \"no-such-host.invalid\" could not be resolved",
        );
    }
}

/// Whether this machine has an IPv6 loopback to test on; if not, says so in one line.
fn ipv6_loopback() -> bool {
    let here = std::net::TcpListener::bind("[::1]:0").is_ok();
    if !here {
        println!("skipped: this machine has no IPv6 loopback (::1)");
    }
    here
}

/// A socket of the test's own on `[::1]`, bound to a free port; its endpoint.
fn bound_on_ipv6(
    lab: &zmq_workbook::lab::Lab,
    kind: zmq::SocketType,
) -> (zmq::Socket, String) {
    let socket = lab.socket(kind).unwrap();
    socket.set_ipv6(true).unwrap();
    socket.bind("tcp://[::1]:0").unwrap();
    let endpoint = zmq_workbook::lab::last_endpoint(&socket).unwrap();
    (socket, endpoint)
}

#[test]
fn ipv6_endpoints_work_for_every_program() {
    if !ipv6_loopback() {
        return;
    }
    // Each program that binds listens on the port it prints.
    let mut checked = 0;
    for (program, option) in OPTIONS.into_iter().filter(|(_, o)| *o == "--bind") {
        let mut running = Program::start_open(program, &[option, "tcp://[::1]:0"]);
        running.wait_for_line("tcp://[::1]:");
        running.wait_for_line("\n");
        let stdout = running.stdout();
        let after = stdout.split("tcp://[::1]:").nth(1).unwrap();
        let port: u16 = after
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or_else(|_| panic!("{program}: no port in {stdout:?}"));
        assert!(
            TcpStream::connect(("::1", port)).is_ok(),
            "{program}: nothing listens on [::1]:{port}"
        );
        checked += 1;
    }
    assert_eq!(checked, 4);

    // Each that connects gets through: a request and its reply, a task, a subscription.
    let lab = zmq_workbook::lab::Lab::new().unwrap();
    let mut server = Program::start_open("rr-server", &["--bind", "tcp://[::1]:0"]);
    server.wait_for_line("wait for client on ");
    server.wait_for_line(" ...\n");
    server.type_text("over IPv6\n").unwrap();
    let served = server.stdout();
    let at = served.split_whitespace().nth(4).unwrap().to_string();
    let client = Program::start("rr-client", &["--connect", &at], "hello\nb\n").finish();
    assert!(
        client.stdout.contains("Received reply: over IPv6\n"),
        "{client:?}"
    );

    let (ventilator, tasks_at) = bound_on_ipv6(&lab, zmq::PUSH);
    let (sink, results_at) = bound_on_ipv6(&lab, zmq::PULL);
    let mut worker =
        Program::start_open("pl-worker", &["--pull", &tasks_at, "--push", &results_at]);
    worker.wait_for_line("working");
    retrying(|| ventilator.send("task", 0));
    assert_eq!(crate::process::receive(&sink, 1), [b"task"]);
    assert!(
        worker
            .terminate(BOUND)
            .unwrap_or_else(|e| panic!("{e}"))
            .success
    );

    let (publisher, published_at) = bound_on_ipv6(&lab, zmq::XPUB);
    let mut subscriber = Program::start_open(
        "ps-subscriber",
        &["--connect", &published_at, "--filter", ""],
    );
    subscriber.wait_for_line("subscribed");
    assert_eq!(crate::process::receive(&publisher, 1), [b"\x01"]);
    retrying(|| publisher.send("news", 0));
    subscriber.wait_for_line("response: news\n");
}
