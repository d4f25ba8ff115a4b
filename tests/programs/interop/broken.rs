//! The interop check itself, checked: a port that stops speaking to pyzmq makes it fail
//! (within its bound), where the right port, under the same bound, passes.

use std::time::Duration;

use super::reqrep::{client, exchange, server, First};
use super::{Lang, Peer};
use crate::process::tcp_endpoint;

#[test]
fn interop_check_fails_when_a_port_stops_speaking_to_pyzmq() {
    let Some(python) = super::python() else {
        return;
    };
    let bound = Duration::from_secs(5);
    let check = |server: Peer, endpoint: &str| {
        let client = client(python, Lang::Python, endpoint);
        exchange(server, client, endpoint, First::Server, bound)
    };

    // A PULL where the REP should be: it prints its banner, but the handshake refuses
    // REQ with PULL, and the Python client's request is never answered.
    let endpoint = tcp_endpoint();
    let wrong_type = Peer::rust(
        "pl-sink",
        &["--bind", &endpoint, "--timeout", "60"],
        "collecting results on",
    );
    let error = check(wrong_type, &endpoint).expect_err("a PULL passed for a REP");
    assert!(
        error.contains("did not print \"Received reply:\""),
        "{error}"
    );

    // The right socket type on another port than the one the client asks.
    let (asked, elsewhere) = (tcp_endpoint(), tcp_endpoint());
    let wrong_port = server(python, Lang::Rust, &elsewhere);
    let error = check(wrong_port, &asked).expect_err("a server on another port passed");
    assert!(
        error.contains("did not print \"Received reply:\""),
        "{error}"
    );

    // The control: the right port, the same bound.
    let endpoint = tcp_endpoint();
    check(server(python, Lang::Rust, &endpoint), &endpoint).unwrap();
}
