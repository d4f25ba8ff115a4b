//! The article's publish–subscribe server.py, ported: publishes each line typed on stdin;
//! `b` quits. `--wait-subscribers N` first waits until N subscriptions have arrived, the
//! slow-joiner fix of the book (the publisher is then an XPUB, which shows subscriptions).

use clap::Parser;
use zmq_workbook::programs::{self, Input, Seconds};

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
    let _ = publisher.set_rcvtimeo(args.timeout.millis());
    programs::bind(&publisher, &args.bind);
    println!("publishing on {}", args.bind);

    // ANCHOR: wait_subscribers
    let mut subscribed = 0;
    while subscribed < args.wait_subscribers {
        match publisher.recv_bytes(0) {
            Ok(event) if event.first() == Some(&1) => subscribed += 1,
            Ok(_) => {}
            Err(_) => programs::fail(format!(
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
        if line == "b" {
            break;
        }
        if let Err(e) = publisher.send(line.as_bytes(), 0) {
            programs::fail(format!("cannot publish: {e}"));
        }
        println!("published: {line}");
    }
}
