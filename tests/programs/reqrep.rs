//! AP1: the request–reply server and client as processes.

use crate::process::{assert_refused, ipc_endpoint, tcp_endpoint, Program};

/// Which program is started first.
#[derive(Clone, Copy, PartialEq)]
enum First {
    Server,
    Client,
}

/// The article's hello → world exchange between the two programs, started in the given order.
/// Returns the transcript of both, with the endpoint normalised.
fn hello_world(endpoint: &str, first: First) -> String {
    let client_args = ["--connect", endpoint, "--timeout", "10"];
    let (server, client) = match first {
        First::Server => {
            let mut server =
                Program::start("rr-server", &["--bind", endpoint], "world\n");
            server.wait_for_line("wait for client");
            let client = Program::start("rr-client", &client_args, "hello\nb\n");
            (server, client)
        }
        First::Client => {
            let mut client = Program::start("rr-client", &client_args, "hello\nb\n");
            // The request is sent while nobody is listening yet.
            client.wait_for_line("sent: hello");
            let server = Program::start("rr-server", &["--bind", endpoint], "world\n");
            (server, client)
        }
    };
    let (client, server) = (client.finish(), server.finish());
    assert!(client.success && server.success, "{client:?}\n{server:?}");
    assert_eq!(
        client.stderr.clone() + &server.stderr,
        "",
        "nothing went wrong, so nothing is said on stderr"
    );
    format!(
        "--- server ---\n{}--- client ---\n{}",
        server.stdout, client.stdout
    )
    .replace(endpoint, "[ENDPOINT]")
}

#[test]
fn ap1_server_first_then_client() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "ap1");
    insta::assert_snapshot!("ap1_transcript", hello_world(&endpoint, First::Server));
}

#[test]
fn ap1_client_first_then_server() {
    // The same transcript as when the server starts first.
    insta::assert_snapshot!(
        "ap1_transcript",
        hello_world(&tcp_endpoint(), First::Client)
    );
}

#[test]
fn ap1_several_requests_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "turns");
    let mut server =
        Program::start("rr-server", &["--bind", &endpoint], "one\ntwo\nthree\n");
    server.wait_for_line("wait for client");
    let client =
        Program::start("rr-client", &["--connect", &endpoint], "a\nb\n").finish();
    assert!(client.stdout.contains("Received reply: one"), "{client:?}");
    let client =
        Program::start("rr-client", &["--connect", &endpoint], "c\nd\nb\n").finish();
    assert!(
        client.stdout.contains("Received reply: two")
            && client.stdout.contains("Received reply: three")
    );
    assert!(server.finish().success);
}

#[test]
fn ap1_client_without_a_server_gives_up_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "nobody");
    assert_refused(
        "rr-client",
        &["--connect", &endpoint, "--timeout", "0.3"],
        "hello\n",
        "no reply",
    );
}

#[test]
fn ap1_bad_endpoints_are_refused_with_one_line() {
    assert_refused(
        "rr-server",
        &["--bind", "carrier-pigeon://roof"],
        "",
        "unknown transport",
    );
    assert_refused(
        "rr-server",
        &["--bind", "tcp://127.0.0.1:notaport"],
        "",
        "a tcp port is a number from 1 to 65535",
    );
    assert_refused(
        "rr-client",
        &["--connect", "tcp://"],
        "",
        "not a valid endpoint",
    );
    assert_refused("rr-server", &["--bind"], "", "a value is required");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("tcp://127.0.0.1:{}", taken.local_addr().unwrap().port());
    assert_refused("rr-server", &["--bind", &endpoint], "", "already in use");
}

#[test]
fn ap1_a_server_whose_stdin_closes_before_the_reply_says_the_request_is_unanswered() {
    use zmq_workbook::lab::{Lab, Transport};
    let lab = Lab::new().unwrap();
    let endpoint = lab.free_endpoint(Transport::Ipc).unwrap();
    let mut server = Program::start_open("rr-server", &["--bind", &endpoint]);
    server.wait_for_line("wait for client");
    let client = lab.socket(zmq::REQ).unwrap();
    client.connect(&endpoint).unwrap();
    crate::process::retrying(|| client.send("hello", 0));
    server.wait_for_line("message from client: hello\n");
    let server = server.finish();
    assert!(!server.success, "{server:?}");
    assert_eq!(
        server.stderr,
        "error: stdin closed before a reply was typed: the request \"hello\" stays unanswered\n"
    );
}

#[test]
fn ap1_a_second_server_on_the_same_ipc_path_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = ipc_endpoint(&dir, "taken");
    let mut first =
        Program::start("rr-server", &["--bind", &endpoint], "from the first\n");
    first.wait_for_line("wait for client");
    assert_refused(
        "rr-server",
        &["--bind", &endpoint],
        "",
        "another program is listening there",
    );
    // The first server still has its path: a client reaches it.
    let client =
        Program::start("rr-client", &["--connect", &endpoint], "hello\nb\n").finish();
    assert!(
        client.stdout.contains("Received reply: from the first\n"),
        "{client:?}"
    );
    assert!(first.finish().success);
}

#[test]
fn ap1_an_ipc_path_left_by_a_dead_server_is_taken_but_a_file_is_not() {
    let dir = tempfile::tempdir().unwrap();
    // A socket nobody listens on any more, as a killed server leaves it.
    let left = dir.path().join("left.ipc");
    drop(std::os::unix::net::UnixListener::bind(&left).unwrap());
    let endpoint = format!("ipc://{}", left.display());
    let mut server = Program::start("rr-server", &["--bind", &endpoint], "");
    server.wait_for_line("wait for client");
    assert!(server.finish().success);

    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep me").unwrap();
    assert_refused(
        "rr-server",
        &["--bind", &format!("ipc://{}", file.display())],
        "",
        "exists and is not a socket",
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn ap1_a_host_that_does_not_resolve_is_said_so() {
    // .invalid never resolves (RFC 2606): the client says so at once, not after waiting
    // for a reply from a server that cannot be reached.
    assert_refused(
        "rr-client",
        &[
            "--connect",
            "tcp://no-such-host.invalid:5555",
            "--timeout",
            "0.3",
        ],
        "hello\n",
        "the host \"no-such-host.invalid\" could not be resolved",
    );
}
