//! The interop check itself, checked: a port that stops speaking to pyzmq makes it fail
//! within its bound, where the right port, under the same bound, passes.

use std::net::TcpListener;
use std::time::Duration;

use super::reqrep::{client, exchange, server, First};
use super::{Lang, Peer};
use crate::process::tcp_endpoint;

#[test]
fn interop_check_fails_when_a_port_stops_speaking_to_pyzmq() {
    let Some(python) = super::python() else {
        return;
    };
    // How long the Python client waits for its reply: ample for the control below, which
    // answers in milliseconds, even on a loaded machine.
    let bound = Duration::from_secs(10);
    let check = |server: Peer, endpoint: &str| {
        let client = client(python, Lang::Python, endpoint);
        exchange(server, client, endpoint, First::Server, bound)
    };
    // A PULL where the REP should be: it prints its banner, but the handshake refuses REQ
    // with PULL, and the Python client's request is never answered.
    let wrong_type = || {
        let endpoint = tcp_endpoint();
        let pull = Peer::rust(
            "pl-sink",
            &["--bind", &endpoint, "--timeout", "60"],
            "collecting results on",
        );
        check(pull, &endpoint)
    };
    // The right socket type, on another port than the one the client asks. The port asked
    // is held by a listener that never speaks, so that no other program on this machine can
    // bind it and answer in the server's place.
    let wrong_port = || {
        let silent = TcpListener::bind("127.0.0.1:0").unwrap();
        let asked = format!("tcp://{}", silent.local_addr().unwrap());
        check(server(python, Lang::Rust, &tcp_endpoint()), &asked)
    };
    // The control: the right port, the same bound.
    let right = || {
        let endpoint = tcp_endpoint();
        check(server(python, Lang::Rust, &endpoint), &endpoint)
    };
    let (wrong_type, wrong_port, right) = std::thread::scope(|scope| {
        let (a, b) = (scope.spawn(wrong_type), scope.spawn(wrong_port));
        let right = right();
        (a.join().unwrap(), b.join().unwrap(), right)
    });
    right.unwrap();
    for (what, outcome) in [
        ("a PULL for a REP", wrong_type),
        ("another port", wrong_port),
    ] {
        let error = outcome.expect_err(what);
        assert!(
            error.contains("did not print \"Received reply:\""),
            "{what}: {error}"
        );
    }
}
