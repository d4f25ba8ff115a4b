//! The article's pipeline server.py, ported: a PUSH that binds and pushes each line typed on
//! stdin to the workers, stripped of surrounding whitespace as the article's `.strip()` does;
//! `b` quits (the article's ventilator runs until it is killed). `--wait-workers N` first waits until N workers have
//! connected, so the first one does not take all the early tasks (PL2).

use clap::Parser;
use zmq_workbook::lab;
use zmq_workbook::programs::{self, strip, text, Input, Seconds};

/// A ventilator: pushes each line of stdin to the workers; `b` quits.
#[derive(Parser)]
struct Args {
    /// Where the workers connect (the article's address by default)
    #[arg(long, default_value = "tcp://*:5557")]
    bind: String,
    /// Wait until this many workers have connected (tcp and ipc) before pushing anything
    #[arg(long, default_value_t = 0)]
    wait_workers: usize,
    /// Give up when no worker takes a task, or the workers do not come, for this many seconds
    #[arg(long, default_value = "60")]
    timeout: Seconds,
}

fn main() {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let pusher = programs::socket(&context, zmq::PUSH);
    // On quitting, give queued tasks a moment to leave instead of discarding them.
    let _ = pusher.set_linger(2000);
    // A PUSH with no worker blocks (PL4): bound, so the program says so instead of hanging.
    let _ = pusher.set_sndtimeo(args.timeout.millis());
    let mut pusher = lab::watch(&context, pusher)
        .unwrap_or_else(|e| programs::fail(format!("cannot watch the socket: {e}")));
    let bound = programs::bind(&pusher.socket, &args.bind);
    println!("pushing tasks on {bound}");

    // ANCHOR: wait_workers
    if args.wait_workers > 0 {
        let waited = pusher.wait_for(
            zmq::SocketEvent::HANDSHAKE_SUCCEEDED,
            args.wait_workers,
            args.timeout.duration(),
        );
        if waited.is_err() {
            programs::fail(format!(
                "{} worker(s) did not all connect within {}",
                args.wait_workers, args.timeout
            ));
        }
        // Take the new connections in now, so the first task already goes round robin.
        let _ = pusher.socket.get_events();
        println!("{} worker(s) ready", args.wait_workers);
    }
    // ANCHOR_END: wait_workers

    let mut input = Input::stdin();
    while let Some(line) = input.next_line() {
        // The article's input().strip().
        let task = strip(&line);
        if task == b"b" {
            break;
        }
        match pusher.socket.send(task, 0) {
            Ok(()) => println!("sent: {}", text(task)),
            Err(zmq::Error::EAGAIN) => programs::fail(format!(
                "no worker took the task within {}: is a worker connected to {bound}?",
                args.timeout
            )),
            Err(e) => programs::fail(format!("cannot push the task: {e}")),
        }
    }
}
