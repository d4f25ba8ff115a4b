//! The article's pipeline worker.py, ported: PULLs tasks from the ventilator and PUSHes each on
//! to the sink. It runs until its stdin closes (Ctrl-D), or until `--count` tasks.

use std::time::Duration;

use clap::Parser;
use zmq_workbook::programs::{self, Input};

/// A worker: forwards every task from the ventilator to the sink.
#[derive(Parser)]
struct Args {
    /// The ventilator (the article's address by default)
    #[arg(long, default_value = "tcp://127.0.0.1:5557")]
    pull: String,
    /// The sink (the article's address by default)
    #[arg(long, default_value = "tcp://127.0.0.1:5558")]
    push: String,
    /// Stop after this many tasks (otherwise: when stdin closes)
    #[arg(long)]
    count: Option<usize>,
}

fn main() {
    let args = Args::parse();
    let context = zmq::Context::new();
    let receive = programs::socket(&context, zmq::PULL);
    let sender = programs::socket(&context, zmq::PUSH);
    // Results still queued when the worker stops get a moment to reach the sink.
    let _ = sender.set_linger(2000);
    programs::connect(&receive, &args.pull);
    programs::connect(&sender, &args.push);
    println!("working: {} → {}", args.pull, args.push);

    let mut input = Input::stdin();
    let mut done = 0;
    // ANCHOR: forward
    while args.count.is_none_or(|count| done < count) {
        let Some(task) = programs::recv_or_input_closed(
            &receive,
            &mut input,
            Duration::from_millis(100),
        ) else {
            break;
        };
        println!("forwarding: {}", String::from_utf8_lossy(&task));
        if let Err(e) = sender.send(task, 0) {
            programs::fail(format!("cannot pass the task on to the sink: {e}"));
        }
        done += 1;
    }
    // ANCHOR_END: forward
}
