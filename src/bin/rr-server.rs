//! The article's request–reply server.py, ported: a REP socket that prints each request and
//! answers it with the next line typed on stdin, as typed. It stops when stdin closes.

use std::time::Duration;

use clap::Parser;
use zmq_workbook::programs::{self, text, Input};

/// A REP server: prints each request, answers it with the next line of stdin.
#[derive(Parser)]
struct Args {
    /// Where to listen (the article's address by default)
    #[arg(long, default_value = "tcp://*:5555")]
    bind: String,
}

fn main() {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let server = programs::socket(&context, zmq::REP);
    let bound = programs::bind(&server, &args.bind);
    let mut input = Input::stdin();

    println!("wait for client on {bound} ...");
    // ANCHOR: serve
    while let Some(request) =
        programs::recv_or_input_closed(&server, &mut input, Duration::from_millis(100))
    {
        println!("message from client: {}", text(&request));
        // The article's raw_input(): the line as typed, spaces and all.
        let Some(reply) = input.next_line() else {
            break;
        };
        if let Err(e) = server.send(&reply, 0) {
            programs::fail(format!("cannot send the reply: {e}"));
        }
        println!("replied: {}", text(&reply));
    }
    // ANCHOR_END: serve
    println!("stdin closed: server stops");
}
