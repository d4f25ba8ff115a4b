//! Endpoints as a user types them: a tcp port that is not a plain number from 1 to 65535 is
//! refused with one line (libzmq 4.3 would read `5555x` as 5555 and `-1` as 65535), and a
//! program that binds port 0 or `*` says which port it got.

use std::net::TcpStream;

use crate::process::{assert_refused, Program};

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
