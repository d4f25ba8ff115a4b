//! The article's pipeline worker.py, ported: PULLs tasks from the ventilator and PUSHes each on
//! to the sink. It runs until its stdin closes (Ctrl-D), until `--count` tasks, or until the
//! sink takes nothing for `--timeout`.

use std::time::Duration;

use clap::Parser;
use zmq_workbook::programs::{
    self, recv_or_input_closed, send_or_input_closed, text, Input, Passed, Seconds,
};

/// A worker: forwards every task from the ventilator to the sink.
///
/// It stops when its stdin closes (Ctrl-D), after --count tasks, or when the sink has taken
/// nothing for --timeout seconds. When it stops, the tasks it holds are lost: those it has
/// taken from the ventilator but not passed on yet, and results that do not reach the sink
/// within 2 seconds.
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
    /// Give up when the sink takes no result for this many seconds
    #[arg(long, default_value = "60")]
    timeout: Seconds,
}

fn main() {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let receive = programs::socket(&context, zmq::PULL);
    let sender = programs::socket(&context, zmq::PUSH);
    // Results still queued when the worker stops get a moment to reach the sink.
    let _ = sender.set_linger(2000);
    programs::connect(&receive, &args.pull);
    programs::connect(&sender, &args.push);
    println!("working: {} → {}", args.pull, args.push);

    let mut input = Input::stdin_end();
    let (slice, timeout) = (Duration::from_millis(100), args.timeout.duration());
    let mut done = 0;
    // ANCHOR: forward
    while args.count.is_none_or(|count| done < count) {
        let Some(task) = recv_or_input_closed(&receive, &mut input, slice) else {
            break;
        };
        println!("forwarding: {}", text(&task));
        // A sink that is gone or slow fills the queue to it: wait for room, bounded.
        match send_or_input_closed(&sender, &task, &mut input, slice, timeout) {
            Passed::Sent => done += 1,
            Passed::InputClosed => break,
            Passed::TimedOut => programs::fail(format!(
                "the sink at {} took no result for {}: is it running? \
                 The task held is lost.",
                args.push, args.timeout
            )),
        }
    }
    // ANCHOR_END: forward
    if args.count.is_none_or(|count| done < count) {
        println!("stdin closed: worker stops");
    }
}
