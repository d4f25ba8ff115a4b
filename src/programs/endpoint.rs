//! Endpoints as a user types them: checked before libzmq sees them, and explained in one
//! line when libzmq refuses them.

use super::fail;

#[derive(Clone, Copy, PartialEq)]
enum Action {
    Bind,
    Connect,
}

impl Action {
    fn verb(self) -> &'static str {
        match self {
            Action::Bind => "bind",
            Action::Connect => "connect to",
        }
    }
}

/// Binds, or explains in one line why the endpoint cannot be bound. Returns the endpoint
/// actually bound: with port 0 or `*` the system picks the port, and the user needs to know
/// which.
pub fn bind(socket: &zmq::Socket, endpoint: &str) -> String {
    check_tcp_port(endpoint, Action::Bind);
    if let Err(error) = socket.bind(endpoint) {
        fail(explain(error, endpoint, Action::Bind.verb()));
    }
    match socket.get_last_endpoint() {
        Ok(Ok(bound)) => bound,
        _ => endpoint.to_string(),
    }
}

/// Connects, or explains in one line why the endpoint cannot be used.
pub fn connect(socket: &zmq::Socket, endpoint: &str) {
    check_tcp_port(endpoint, Action::Connect);
    if let Err(error) = socket.connect(endpoint) {
        fail(explain(error, endpoint, Action::Connect.verb()));
    }
}

/// libzmq 4.3 reads a tcp port as far as it looks like a number and ignores the rest: it binds
/// `:5555x` as 5555, `:-1` as 65535 and `:70000` as 4464, and connects to port 0. Only a plain
/// number from 1 to 65535 passes here (and, to bind any free port, 0 or `*`).
fn check_tcp_port(endpoint: &str, action: Action) {
    let Some(port) = endpoint
        .strip_prefix("tcp://")
        .and_then(|rest| rest.rsplit_once(':'))
        .map(|(_, port)| port)
    else {
        return;
    };
    if port.is_empty() {
        // libzmq refuses it itself, and `explain` says so.
        return;
    }
    let number = if port.bytes().all(|b| b.is_ascii_digit()) {
        port.parse::<u32>().ok()
    } else {
        None
    };
    let any_port = port == "*" || number == Some(0);
    let usable = match action {
        Action::Bind => any_port || number.is_some_and(|n| n <= 65535),
        Action::Connect => !any_port && number.is_some_and(|n| n <= 65535),
    };
    if !usable {
        let or_any = match action {
            Action::Bind => " (or 0 or * for any free port)",
            Action::Connect => "",
        };
        fail(format!(
            "cannot {} {endpoint:?}: a tcp port is a number from 1 to 65535{or_any}",
            action.verb()
        ));
    }
}

/// The sentence a user needs for the errors bad input causes.
pub fn explain(error: zmq::Error, endpoint: &str, action: &str) -> String {
    match error {
        zmq::Error::EPROTONOSUPPORT => format!(
            "cannot {action} {endpoint:?}: unknown transport; use tcp://host:port, ipc://path or inproc://name"
        ),
        zmq::Error::EINVAL => format!(
            "cannot {action} {endpoint:?}: not a valid endpoint; expected e.g. tcp://127.0.0.1:5555"
        ),
        zmq::Error::EADDRINUSE => format!(
            "cannot {action} {endpoint:?}: the address is already in use by another program; pick another port"
        ),
        zmq::Error::ENOCOMPATPROTO => format!(
            "cannot {action} {endpoint:?}: this transport does not work with this socket type; use tcp://, ipc:// or inproc://"
        ),
        zmq::Error::ENODEV => format!("cannot {action} {endpoint:?}: no such network interface"),
        zmq::Error::EADDRNOTAVAIL => {
            format!("cannot {action} {endpoint:?}: that address does not belong to this machine")
        }
        other => format!("cannot {action} {endpoint:?}: {other}"),
    }
}
