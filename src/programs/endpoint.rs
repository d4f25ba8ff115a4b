//! Endpoints as a user types them: checked before libzmq sees them, the same way in every
//! program, and explained in one line when libzmq refuses them.

use std::net::{IpAddr, Ipv6Addr, ToSocketAddrs};
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

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

/// How long a program waits for the name of a host to be looked up.
const RESOLVING: Duration = Duration::from_secs(10);

/// Binds, or explains in one line why the endpoint cannot be bound. Returns the endpoint
/// actually bound: with port 0 or `*` the system picks the port, and the user needs to know
/// which.
pub fn bind(socket: &zmq::Socket, endpoint: &str) -> String {
    match check(endpoint, Action::Bind) {
        Target::Tcp { ipv6, .. } => use_ipv6(socket, ipv6),
        Target::Ipc(path) => refuse_a_path_in_use(endpoint, Path::new(path)),
        Target::Other => {}
    }
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
    if let Target::Tcp { host, port, ipv6 } = check(endpoint, Action::Connect) {
        let ipv6 =
            ipv6 || host.parse::<IpAddr>().is_err() && only_ipv6(endpoint, host, port);
        use_ipv6(socket, ipv6);
    }
    if let Err(error) = socket.connect(endpoint) {
        fail(explain(error, endpoint, Action::Connect.verb()));
    }
}

/// What an endpoint that passed the checks points at.
enum Target<'a> {
    Tcp {
        /// Without the brackets of an IPv6 address.
        host: &'a str,
        port: u16,
        ipv6: bool,
    },
    Ipc(&'a str),
    /// inproc, or a transport libzmq judges by itself.
    Other,
}

/// Checks `endpoint` as far as can be known before using it: the same checks, with the same
/// words, in every program. libzmq's own errors are not the same for a bind and a connect,
/// nor for a socket that is watched (a monitor event sent as a bind fails overwrites the
/// error: `tcp://127.0.0.1:` reads "Resource temporarily unavailable"), and libzmq accepts
/// some endpoints it cannot use (it connects to `tcp://:5555`).
fn check(endpoint: &str, action: Action) -> Target<'_> {
    let invalid = |why: &str| -> ! {
        fail(format!(
            "cannot {} {endpoint:?}: not a valid endpoint ({why}); expected e.g. \
             tcp://127.0.0.1:5555, ipc:///tmp/name.ipc or inproc://name",
            action.verb()
        ))
    };
    let Some((transport, address)) = endpoint.split_once("://") else {
        invalid("no transport:// at its start")
    };
    match transport {
        "tcp" => {
            // A connect may name the interface or address to connect from: `source;host:port`.
            let address = match action {
                Action::Connect => address.rsplit_once(';').map_or(address, |(_, to)| to),
                Action::Bind => address,
            };
            let Some((host, port)) = address.rsplit_once(':') else {
                invalid("a tcp endpoint is tcp://host:port")
            };
            if host.is_empty() {
                match action {
                    Action::Bind => invalid("no host; * binds every interface"),
                    Action::Connect => invalid("no host"),
                }
            }
            if host == "*" && action == Action::Connect {
                invalid("* means every interface, which only a bind can use");
            }
            if port.is_empty() {
                invalid("no port after the colon");
            }
            let port = check_tcp_port(endpoint, port, action);
            match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
                Some(ipv6) => {
                    let address =
                        ipv6.split_once('%').map_or(ipv6, |(address, _)| address);
                    if address.parse::<Ipv6Addr>().is_err() {
                        invalid("what is in brackets is not an IPv6 address");
                    }
                    Target::Tcp {
                        host: ipv6,
                        port,
                        ipv6: true,
                    }
                }
                None if host.contains(':') => {
                    invalid("an IPv6 address goes in brackets: tcp://[::1]:5555")
                }
                None => Target::Tcp {
                    host,
                    port,
                    ipv6: false,
                },
            }
        }
        "ipc" if address.is_empty() => invalid("no path"),
        "ipc" => Target::Ipc(address),
        "inproc" if address.is_empty() => invalid("no name"),
        _ => Target::Other,
    }
}

/// libzmq 4.3 reads a tcp port as far as it looks like a number and ignores the rest: it binds
/// `:5555x` as 5555, `:-1` as 65535 and `:70000` as 4464, and connects to port 0. Only a plain
/// number from 1 to 65535 passes here (and, to bind any free port, 0 or `*`, returned as 0).
fn check_tcp_port(endpoint: &str, port: &str, action: Action) -> u16 {
    let number = if port.bytes().all(|b| b.is_ascii_digit()) {
        port.parse::<u16>().ok()
    } else {
        None
    };
    let any_port = port == "*" || number == Some(0);
    match (action, number) {
        (Action::Bind, _) if any_port => 0,
        (Action::Bind, Some(number)) => number,
        (Action::Connect, Some(number)) if number > 0 => number,
        _ => {
            let or_any = match action {
                Action::Bind => " (or 0 or * for any free port)",
                Action::Connect => "",
            };
            fail(format!(
                "cannot {} {endpoint:?}: a tcp port is a number from 1 to 65535{or_any}",
                action.verb()
            ))
        }
    }
}

/// libzmq uses IPv4 only unless told otherwise: it cannot bind `tcp://[::1]:5555` ("no
/// such network interface") nor connect to it.
fn use_ipv6(socket: &zmq::Socket, ipv6: bool) {
    if ipv6 {
        if let Err(e) = socket.set_ipv6(true) {
            fail(format!("cannot configure the socket for IPv6: {e}"));
        }
    }
}

/// Looks the host up, as libzmq will, so that a name that does not resolve is said at once
/// and plainly (libzmq would try again and again in silence, and the user would wait for a
/// reply that cannot come). Whether the host has IPv6 addresses only.
fn only_ipv6(endpoint: &str, host: &str, port: u16) -> bool {
    let (sender, found) = mpsc::channel();
    let name = host.to_string();
    // getaddrinfo has no timeout of its own that a program can choose.
    thread::spawn(move || {
        let _ = sender.send((name.as_str(), port).to_socket_addrs().map(Vec::from_iter));
    });
    let addresses = match found.recv_timeout(RESOLVING) {
        Ok(Ok(addresses)) if !addresses.is_empty() => addresses,
        Ok(Ok(_)) => fail(format!(
            "cannot connect to {endpoint:?}: the host {host:?} could not be resolved (no address)"
        )),
        Ok(Err(e)) => fail(format!(
            "cannot connect to {endpoint:?}: the host {host:?} could not be resolved ({e})"
        )),
        Err(_) => fail(format!(
            "cannot connect to {endpoint:?}: the host {host:?} could not be resolved within {} s",
            RESOLVING.as_secs()
        )),
    };
    addresses.iter().all(|address| address.is_ipv6())
}

/// Before binding an ipc path, libzmq deletes whatever is there: the socket of a program
/// that is still listening (which then never hears from anyone again), or any file at all.
/// A socket that nobody listens on any more (left by a program that was killed) may go.
fn refuse_a_path_in_use(endpoint: &str, path: &Path) {
    use std::os::unix::fs::FileTypeExt as _;
    // `ipc://*` picks a fresh path; `@name` is Linux's abstract namespace, which has no file
    // to delete (binding a name in use fails by itself).
    if path.as_os_str() == "*" || path.to_string_lossy().starts_with('@') {
        return;
    }
    let Ok(metadata) = std::fs::symlink_metadata(path) else {
        return;
    };
    if !metadata.file_type().is_socket() {
        fail(format!(
            "cannot bind {endpoint:?}: {} exists and is not a socket (libzmq would delete \
             it); pick another path",
            path.display()
        ));
    }
    if someone_listens(path) {
        fail(format!(
            "cannot bind {endpoint:?}: another program is listening there; stop it or \
             pick another path"
        ));
    }
}

/// Whether a program accepts connections on the unix socket at `path`: a connection that is
/// accepted (or waits in a full backlog) says so; "connection refused" says the socket was
/// left behind. The connection is closed at once, without a word.
fn someone_listens(path: &Path) -> bool {
    use socket2::{Domain, SockAddr, Socket, Type};
    let Ok(address) = SockAddr::unix(path) else {
        return false;
    };
    let Ok(probe) = Socket::new(Domain::UNIX, Type::STREAM, None) else {
        return false;
    };
    // Non-blocking: a listener with a full backlog must not hold the program up.
    if probe.set_nonblocking(true).is_err() {
        return false;
    }
    match probe.connect(&address) {
        Ok(()) => true,
        Err(e) => matches!(
            e.raw_os_error(),
            Some(libc::EAGAIN) | Some(libc::EINPROGRESS)
        ),
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
