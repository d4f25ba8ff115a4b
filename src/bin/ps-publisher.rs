//! The article's publish–subscribe server.py, ported: sends each line typed on stdin,
//! stripped of surrounding whitespace as the article's `.strip()` does; `b` quits.
//! `--wait-subscribers N` first waits until N subscribers have subscribed, the slow-joiner
//! fix of the book; `--no-drop` waits for room in a slow subscriber's queue instead of
//! dropping what it has no room for. (Either makes the publisher an XPUB, which shows
//! subscriptions and can wait.)
//!
//! A PUB cannot know which subscriber got what: it says how many messages it sent to its
//! socket, not that they were received.

use std::collections::HashSet;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use zmq_workbook::programs::{self, strip, text, Input, Output, Seconds, Watched};

/// A publisher: sends each line of stdin to the subscribers; `b` quits.
///
/// A PUB passes each message to the subscribers connected at that moment, and drops it for
/// any whose queue is full (a fast publisher, a slow subscriber): nobody is told. With
/// --no-drop it waits for room instead (at most --timeout seconds), and waits as long for
/// the last messages to leave when it stops; a slow subscriber then slows it down.
#[derive(Parser)]
struct Args {
    /// Where to listen (the article's address by default)
    #[arg(long, default_value = "tcp://*:5555")]
    bind: String,
    /// Wait for this many subscribers before sending anything
    #[arg(long, default_value_t = 0)]
    wait_subscribers: usize,
    /// Never drop a message for a subscriber whose queue is full: wait for room
    #[arg(long)]
    no_drop: bool,
    /// Give up waiting for subscribers, or for room in their queues, after this many seconds
    #[arg(long, default_value = "60")]
    timeout: Seconds,
}

fn main() -> ExitCode {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    let context = zmq::Context::new();
    let kind = if args.wait_subscribers > 0 || args.no_drop {
        zmq::XPUB
    } else {
        zmq::PUB
    };
    let mut publisher = programs::socket(&context, kind);
    // ANCHOR: no_drop
    // On quitting, queued messages get a moment to leave instead of being discarded; with
    // --no-drop, as long as a message may wait for room.
    let linger = if args.no_drop {
        args.timeout.duration()
    } else {
        Duration::from_secs(2)
    };
    let _ = publisher.set_linger(zmq_workbook::lab::millis(linger));
    if args.no_drop {
        // A full queue makes the send wait (up to the timeout) instead of dropping.
        programs::set_xpub_nodrop(&mut publisher);
        let _ = publisher.set_sndtimeo(args.timeout.millis());
    }
    // ANCHOR_END: no_drop
    if args.wait_subscribers > 0 {
        // Without it, an XPUB shows a topic only the first time someone subscribes to it:
        // two subscribers with the same filter would look like one.
        let _ = publisher.set_xpub_verbose(true);
    }
    let mut publisher = Watched::new(&context, publisher);
    let bound = programs::bind(&publisher.socket, &args.bind);
    let mut out = Output::new();
    out.line(format_args!("publishing on {bound}"));

    // ANCHOR: wait_subscribers
    // A subscriber sends one subscription per filter: they are told apart by the
    // connection they came on (the file descriptor libzmq attaches to each message it
    // receives).
    let deadline = Instant::now() + args.timeout.duration();
    let mut subscribers = HashSet::new();
    while subscribers.len() < args.wait_subscribers {
        let left = deadline.saturating_duration_since(Instant::now());
        let mut subscription = zmq::Message::new();
        let arrived = publisher
            .socket
            .poll(zmq::POLLIN, zmq_workbook::lab::millis(left).into())
            == Ok(1)
            && publisher.socket.recv(&mut subscription, 0).is_ok();
        if !arrived && left.is_zero() {
            programs::fail(format!(
                "{} of {} subscribers arrived within {}",
                subscribers.len(),
                args.wait_subscribers,
                args.timeout
            ));
        }
        // A subscription: the byte 1, then the filter (0 would be an unsubscription).
        if arrived && subscription.first() == Some(&1) {
            let connection = match subscription.gets("__fd") {
                Some(fd) => fd.to_string(),
                // inproc carries no connection: each subscription counts.
                None => format!("subscription {}", subscribers.len()),
            };
            subscribers.insert(connection);
        }
    }
    // ANCHOR_END: wait_subscribers
    if args.wait_subscribers > 0 {
        out.line(format_args!("{} subscriber(s) ready", subscribers.len()));
    }

    let mut input = Input::stdin();
    let mut sent = 0;
    // A publisher whose output is gone sends nothing more; what it sent still leaves.
    while !out.gone() {
        let Some(line) = input.next_line() else {
            break;
        };
        // The article's input().strip().
        let message = strip(&line);
        if message == b"b" {
            break;
        }
        match publisher.socket.send(message, 0) {
            Ok(()) => sent += 1,
            Err(zmq::Error::EAGAIN) => programs::fail(format!(
                "a subscriber had no room for a message for {} (--no-drop waits for the \
                 slowest); {sent} message(s) sent, the rest not",
                args.timeout
            )),
            Err(e) => programs::fail(format!("cannot send: {e}")),
        }
        out.line(format_args!("sent: {}", text(message)));
        publisher.handshakes(); // keeps the socket's events read as they come
    }
    // With --no-drop, the subscribers take everything before the publisher closes (see
    // `wait_until_taken` for what LINGER alone would lose).
    let taken = !args.no_drop || publisher.wait_until_taken(Instant::now() + linger);
    drop(publisher);
    let everything_left = programs::end_within(context, linger);
    if args.no_drop && !(taken && everything_left) {
        eprintln!(
            "error: {sent} message(s) sent, but a subscriber had not taken them all within \
             {}: the rest are lost",
            args.timeout
        );
        let _ = out.exit_code();
        return ExitCode::FAILURE;
    }
    if args.no_drop {
        out.line(format_args!(
            "{sent} message(s) sent, none dropped for a subscriber with a full queue"
        ));
    } else {
        out.line(format_args!(
            "{sent} message(s) sent; a PUB cannot tell who got them, and drops unseen what a \
             full queue cannot take (see --no-drop)"
        ));
    }
    out.exit_code()
}
