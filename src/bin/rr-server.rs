//! The article's request–reply server.py, ported: a REP socket that prints each request and
//! answers it with the next line typed on stdin, as typed. It stops when stdin closes; a
//! request it has taken is answered even when nobody reads its output any more.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use zmq_workbook::programs::{self, text, Input, Output};

/// A REP server: prints each request, answers it with the next line of stdin.
#[derive(Parser)]
struct Args {
    /// Where to listen (the article's address by default)
    #[arg(long, default_value = "tcp://*:5555")]
    bind: String,
}

fn main() -> ExitCode {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let server = programs::socket(&context, zmq::REP);
    // The last reply gets a moment to leave when the server stops right after it.
    let _ = server.set_linger(2000);
    let bound = programs::bind(&server, &args.bind);
    let mut input = Input::stdin();
    let mut out = Output::new();

    out.line(format_args!("wait for client on {bound} ..."));
    // ANCHOR: serve
    // A server whose output is gone stops, but only once it has answered the request it
    // took.
    while !out.gone() {
        let slice = Duration::from_millis(100);
        let Some(request) = programs::recv_or_input_closed(&server, &mut input, slice)
        else {
            break;
        };
        out.line(format_args!("message from client: {}", text(&request)));
        // The article's raw_input(): the line as typed, spaces and all.
        let Some(reply) = input.next_line() else {
            eprintln!(
                "error: stdin closed before a reply was typed: the request {:?} stays unanswered",
                text(&request)
            );
            let _ = out.exit_code();
            return ExitCode::FAILURE;
        };
        if let Err(e) = server.send(&reply, 0) {
            programs::fail(format!("cannot send the reply: {e}"));
        }
        out.line(format_args!("replied: {}", text(&reply)));
    }
    // ANCHOR_END: serve
    out.line("stdin closed: server stops");
    out.exit_code()
}
