//! The article's publish–subscribe server.py, ported: publishes each line typed on stdin,
//! stripped of surrounding whitespace as the article's `.strip()` does; `b` quits.
//! `--wait-subscribers N` first waits until N subscriptions have arrived, the slow-joiner fix
//! of the book (the publisher is then an XPUB, which shows subscriptions).

use std::time::Instant;

use clap::Parser;
use zmq_workbook::lab;
use zmq_workbook::programs::{self, strip, text, Input, Seconds};

/// A publisher: publishes each line of stdin; `b` quits.
#[derive(Parser)]
struct Args {
    /// Where to listen (the article's address by default)
    #[arg(long, default_value = "tcp://*:5555")]
    bind: String,
    /// Wait for this many subscriptions before publishing anything
    #[arg(long, default_value_t = 0)]
    wait_subscribers: usize,
    /// Give up waiting for subscribers after this many seconds
    #[arg(long, default_value = "60")]
    timeout: Seconds,
}

fn main() {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let kind = if args.wait_subscribers > 0 {
        zmq::XPUB
    } else {
        zmq::PUB
    };
    let publisher = programs::socket(&context, kind);
    // On quitting, give queued messages a moment to leave instead of discarding them.
    let _ = publisher.set_linger(2000);
    // Without it, an XPUB shows a topic only the first time someone subscribes to it: two
    // subscribers with the same filter would count as one.
    if kind == zmq::XPUB {
        let _ = publisher.set_xpub_verbose(true);
    }
    let bound = programs::bind(&publisher, &args.bind);
    println!("publishing on {bound}");

    // ANCHOR: wait_subscribers
    let deadline = Instant::now() + args.timeout.duration();
    let mut subscribed = 0;
    while subscribed < args.wait_subscribers {
        let left = deadline.saturating_duration_since(Instant::now());
        match lab::recv_within(&publisher, left) {
            // A subscription: the byte 1, then the filter (0 would be an unsubscription).
            Ok(Some(event)) if event.first() == Some(&1) => subscribed += 1,
            Ok(Some(_)) => {}
            _ => programs::fail(format!(
                "{subscribed} of {} subscribers arrived within {}",
                args.wait_subscribers, args.timeout
            )),
        }
    }
    // ANCHOR_END: wait_subscribers
    if args.wait_subscribers > 0 {
        println!("{subscribed} subscriber(s) ready");
    }

    let mut input = Input::stdin();
    while let Some(line) = input.next_line() {
        // The article's input().strip().
        let message = strip(&line);
        if message == b"b" {
            break;
        }
        if let Err(e) = publisher.send(message, 0) {
            programs::fail(format!("cannot publish: {e}"));
        }
        println!("published: {}", text(message));
    }
}
