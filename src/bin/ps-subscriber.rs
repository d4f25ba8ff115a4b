//! The article's publish–subscribe client.py, ported: subscribes to a filter (`123` as in the
//! article; `--filter ""` receives everything) and prints what arrives.

use clap::Parser;
use zmq_workbook::programs::{self, Receiving};

/// A subscriber: prints every message that begins with the filter.
#[derive(Parser)]
struct Args {
    /// The publisher (the article's address by default)
    #[arg(long, default_value = "tcp://localhost:5555")]
    connect: String,
    /// Receive only messages that begin with this; "" receives everything
    #[arg(long, default_value = "123")]
    filter: String,
    #[command(flatten)]
    receiving: Receiving,
}

fn main() {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let subscriber = programs::socket(&context, zmq::SUB);
    // ANCHOR: subscribe
    // Without a subscription a SUB receives nothing at all (PS3).
    programs::subscribe(&subscriber, args.filter.as_bytes());
    // ANCHOR_END: subscribe
    programs::connect(&subscriber, &args.connect);
    println!("subscribed to {:?} at {}", args.filter, args.connect);

    programs::print_responses(
        &subscriber,
        args.receiving,
        &format!("from {}", args.connect),
    );
}
