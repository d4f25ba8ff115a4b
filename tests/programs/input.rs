//! What a program sends is what was typed, as the article's program would send it: the bytes
//! of each line, stripped of surrounding whitespace only where the article calls `.strip()`,
//! and never cut short by bytes that are not UTF-8.

use zmq_workbook::lab::{Lab, Transport};

use crate::process::{receive, retrying, Program};

/// Lines as a careless user (or a file) may give them: spaces around, ideographic spaces
/// (U+3000, which Python's `str.strip()` removes), a byte that is not UTF-8, a carriage
/// return, control separators that Python counts as whitespace, and `b` with spaces.
const TYPED: &[u8] = b"  two spaces  \n\
    \xe3\x80\x80\xe4\xb8\xad\xe6\x96\x87\xe3\x80\x80\n \
    caf\xe9 \xff \n\
    \t tab\r\n\
    \x1fsep\x1c\n \
    b \n\
    b\n\
    after b\n";

/// Each line as Python's `input()` returns it: the line without its `\n`, nothing else.
const RAW: [&[u8]; 8] = [
    b"  two spaces  ",
    b"\xe3\x80\x80\xe4\xb8\xad\xe6\x96\x87\xe3\x80\x80",
    b" caf\xe9 \xff ",
    b"\t tab\r",
    b"\x1fsep\x1c",
    b" b ",
    b"b",
    b"after b",
];

/// Each line after `.strip()`, up to the one that strips to `b` and quits.
const STRIPPED: [&[u8]; 5] = [
    b"two spaces",
    b"\xe4\xb8\xad\xe6\x96\x87",
    b"caf\xe9 \xff",
    b"tab",
    b"sep",
];

fn typed_into(name: &str, args: &[&str]) -> Program {
    let mut program = Program::start_open(name, args);
    program.type_bytes(TYPED).unwrap();
    program.close_stdin();
    program
}

#[test]
fn ap1_client_sends_each_line_as_typed_up_to_b() {
    // The article's client.py sends raw_input() as it is, and quits on exactly "b".
    let lab = Lab::new().unwrap();
    let server = lab.socket(zmq::REP).unwrap();
    let endpoint = lab.bind(&server, Transport::Tcp).unwrap();
    let client = typed_into("rr-client", &["--connect", &endpoint]);
    let mut requests = Vec::new();
    for _ in 0..6 {
        requests.push(retrying(|| server.recv_bytes(0)));
        retrying(|| server.send("ok", 0));
    }
    let client = client.finish();
    assert!(client.success, "{client:?}");
    assert_eq!(requests, &RAW[..6]);
    assert_eq!(client.stdout.matches("sent:").count(), 6, "{client:?}");
}

#[test]
fn ap1_server_replies_with_each_line_as_typed() {
    // The article's server.py sends raw_input() as it is; it has no quitting word.
    let lab = Lab::new().unwrap();
    let endpoint = lab.endpoint(Transport::Ipc).unwrap();
    let mut server = typed_into("rr-server", &["--bind", &endpoint]);
    server.wait_for_line("wait for client");
    let client = lab.socket(zmq::REQ).unwrap();
    client.connect(&endpoint).unwrap();
    let mut replies = Vec::new();
    for i in 0..RAW.len() {
        retrying(|| client.send(format!("request {i}").as_str(), 0));
        replies.push(retrying(|| client.recv_bytes(0)));
    }
    assert_eq!(replies, RAW);
    assert!(server.finish().success);
}

#[test]
fn ap2_publisher_publishes_each_line_stripped_up_to_b() {
    // The article's publisher calls input().strip() and quits when that is "b".
    let lab = Lab::new().unwrap();
    let endpoint = lab.endpoint(Transport::Ipc).unwrap();
    let subscriber = lab.socket(zmq::SUB).unwrap();
    subscriber.set_subscribe(b"").unwrap();
    subscriber.connect(&endpoint).unwrap();
    let publisher = typed_into(
        "ps-publisher",
        &["--bind", &endpoint, "--wait-subscribers", "1"],
    );
    let published = receive(&subscriber, STRIPPED.len());
    let publisher = publisher.finish();
    assert!(publisher.success, "{publisher:?}");
    assert_eq!(published, STRIPPED);
    assert_eq!(publisher.stdout.matches("sent: ").count(), STRIPPED.len());
}

#[test]
fn ap3_ventilator_pushes_each_line_stripped() {
    // The article's ventilator calls input().strip(); the port adds "b" to quit.
    let lab = Lab::new().unwrap();
    let endpoint = lab.endpoint(Transport::Ipc).unwrap();
    let worker = lab.socket(zmq::PULL).unwrap();
    worker.connect(&endpoint).unwrap();
    let ventilator = typed_into(
        "pl-ventilator",
        &["--bind", &endpoint, "--wait-workers", "1"],
    );
    let pushed = receive(&worker, STRIPPED.len());
    let ventilator = ventilator.finish();
    assert!(ventilator.success, "{ventilator:?}");
    assert_eq!(pushed, STRIPPED);
    assert_eq!(ventilator.stdout.matches("sent:").count(), STRIPPED.len());
}

#[test]
fn strip_removes_what_pythons_str_strip_removes() {
    use zmq_workbook::programs::strip;
    assert_eq!(
        strip(b" \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f x \xc2\xa0\xe3\x80\x80"),
        b"x"
    );
    // Bytes that are not UTF-8 are never whitespace, wherever they are.
    assert_eq!(strip(b"\xff \xff"), b"\xff \xff");
    assert_eq!(strip(b" \xe3\x80 "), b"\xe3\x80");
    assert_eq!(strip(b"   "), b"");
    assert_eq!(strip(b""), b"");
}
