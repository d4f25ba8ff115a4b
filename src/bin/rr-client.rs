//! The article's request–reply client.py, ported: a REQ socket that sends each line typed on
//! stdin, as typed, and prints the reply. `b` quits, as in the article.

use std::process::ExitCode;

use clap::Parser;
use zmq_workbook::programs::{self, text, Input, Output, Seconds};

/// A REQ client: sends each line of stdin, prints the reply; `b` quits.
#[derive(Parser)]
struct Args {
    /// The server to ask (the article's address by default)
    #[arg(long, default_value = "tcp://localhost:5555")]
    connect: String,
    /// Give up on a reply after this many seconds
    #[arg(long, default_value = "30")]
    timeout: Seconds,
}

fn main() -> ExitCode {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let client = programs::socket(&context, zmq::REQ);
    // A reply that never comes must not freeze the program.
    let _ = client.set_rcvtimeo(args.timeout.millis());
    programs::connect(&client, &args.connect);
    let mut out = Output::new();
    out.line(format_args!("Connecting to server at {}...", args.connect));

    let mut input = Input::stdin();
    // ANCHOR: ask
    // The article's raw_input(): the line as typed, spaces and all. A client whose output
    // is gone asks nothing more, but waits for the reply to what it asked.
    while !out.gone() {
        let Some(line) = input.next_line() else {
            break;
        };
        if line == b"b" {
            break;
        }
        if let Err(e) = client.send(&line, 0) {
            programs::fail(format!("cannot send the request: {e}"));
        }
        out.line(format_args!("sent: {}", text(&line)));
        match client.recv_bytes(0) {
            Ok(reply) => out.line(format_args!("Received reply: {}", text(&reply))),
            Err(zmq::Error::EAGAIN) => programs::fail(format!(
                "no reply from {} within {}: is the server running?",
                args.connect, args.timeout
            )),
            Err(e) => programs::fail(format!("cannot receive the reply: {e}")),
        };
    }
    // ANCHOR_END: ask
    out.exit_code()
}
