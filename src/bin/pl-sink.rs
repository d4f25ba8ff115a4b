//! The article's pipeline client.py, ported: a PULL that binds and prints every result the
//! workers send.

use clap::Parser;
use zmq_workbook::programs::{self, Receiving};

/// A sink: prints every result the workers push to it.
#[derive(Parser)]
struct Args {
    /// Where the workers connect (the article's address by default)
    #[arg(long, default_value = "tcp://*:5558")]
    bind: String,
    #[command(flatten)]
    receiving: Receiving,
}

fn main() {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let sink = programs::socket(&context, zmq::PULL);
    let bound = programs::bind(&sink, &args.bind);
    println!("collecting results on {bound}");

    programs::print_responses(&sink, args.receiving, &format!("on {bound}"));
}
