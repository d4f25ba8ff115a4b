//! The article's pipeline server.py, ported: a PUSH that binds and pushes each line typed on
//! stdin to the workers, stripped of surrounding whitespace as the article's `.strip()` does;
//! `b` quits (the article's ventilator runs until it is killed). `--wait-workers N` first waits until N workers have
//! connected, so the first one does not take all the early tasks (PL2).

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use zmq_workbook::programs::{self, strip, text, Input, Output, Seconds, Watched};

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

fn main() -> ExitCode {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let pusher = programs::socket(&context, zmq::PUSH);
    // On quitting, queued tasks get time to leave instead of being discarded.
    let _ = pusher.set_linger(args.timeout.millis());
    // A PUSH with no worker blocks (PL4): bound, so the program says so instead of hanging.
    let _ = pusher.set_sndtimeo(args.timeout.millis());
    let mut pusher = Watched::new(&context, pusher);
    let bound = programs::bind(&pusher.socket, &args.bind);
    let mut out = Output::new();
    out.line(format_args!("pushing tasks on {bound}"));

    // ANCHOR: wait_workers
    if args.wait_workers > 0 {
        if !pusher.wait_handshakes(args.wait_workers, args.timeout.duration()) {
            programs::fail(format!(
                "{} worker(s) did not all connect within {}",
                args.wait_workers, args.timeout
            ));
        }
        // Take the new connections in now, so the first task already goes round robin.
        let _ = pusher.socket.get_events();
        out.line(format_args!("{} worker(s) ready", args.wait_workers));
    }
    // ANCHOR_END: wait_workers

    let mut input = Input::stdin();
    let mut pushed = 0;
    // A ventilator whose output is gone pushes nothing more; what it pushed still leaves.
    while !out.gone() {
        let Some(line) = input.next_line() else {
            break;
        };
        // The article's input().strip().
        let task = strip(&line);
        if task == b"b" {
            break;
        }
        match pusher.socket.send(task, 0) {
            Ok(()) => {
                pushed += 1;
                out.line(format_args!("sent: {}", text(task)))
            }
            Err(zmq::Error::EAGAIN) => programs::fail(format!(
                "no worker took the task within {}: is a worker connected to {bound}?",
                args.timeout
            )),
            Err(e) => programs::fail(format!("cannot push the task: {e}")),
        };
        pusher.handshakes(); // keeps the socket's events read as they come
    }
    // What it pushed may still sit in the socket, or in the last batch libzmq took from it:
    // wait until the workers have taken it all (LINGER alone would lose that batch).
    let deadline = Instant::now() + args.timeout.duration();
    let taken = pusher.wait_until_taken(deadline);
    drop(pusher);
    if !(programs::end_within(context, args.timeout.duration()) && taken) {
        eprintln!(
            "error: {pushed} task(s) pushed, but the workers had not taken them all within \
             {}: the rest are lost",
            args.timeout
        );
        let _ = out.exit_code();
        return ExitCode::FAILURE;
    }
    out.exit_code()
}
