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
