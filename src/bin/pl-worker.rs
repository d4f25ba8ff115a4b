//! The article's pipeline worker.py, ported: PULLs tasks from the ventilator and PUSHes each on
//! to the sink. It needs no input, so it never reads its stdin: run several in the
//! background. Before it stops it passes on every task it has taken; what it could not pass
//! on, it counts, and exits with 1.

use std::collections::VecDeque;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use zmq_workbook::programs::{self, text, Asked, Output, Seconds, Watched};

/// A worker: forwards every task from the ventilator to the sink.
///
/// It needs no input and runs in the background (`pl-worker &`). It stops on Ctrl-C or
/// SIGTERM (a second one stops it at once), after --count tasks, when the sink has taken
/// nothing for --timeout seconds, or when nobody reads its output any more. Before it stops
/// it passes on the tasks it has taken (those already queued for it too) and waits up to
/// --linger seconds for the sink to take them. If any result could not be delivered, it
/// says how many and exits with 1.
#[derive(Parser)]
struct Args {
    /// The ventilator (the article's address by default)
    #[arg(long, default_value = "tcp://127.0.0.1:5557")]
    pull: String,
    /// The sink (the article's address by default)
    #[arg(long, default_value = "tcp://127.0.0.1:5558")]
    push: String,
    /// Stop after this many tasks (those already queued for it are passed on too)
    #[arg(long)]
    count: Option<usize>,
    /// Give up when the sink takes no result for this many seconds
    #[arg(long, default_value = "60")]
    timeout: Seconds,
    /// When it stops, wait at most this many seconds for the sink to take what it holds
    #[arg(long, default_value = "2")]
    linger: Seconds,
}

/// How often the worker looks whether it was asked to stop, while it waits.
const SLICE: Duration = Duration::from_millis(100);

/// Why the worker stops.
enum Why {
    Asked(Asked),
    Counted(usize),
    StdoutClosed,
    SinkSilent,
}

fn main() -> ExitCode {
    programs::stop_quietly_when_stdout_fails();
    let args = Args::parse();
    programs::listen_for_stop();
    let context = zmq::Context::new();
    let receive = programs::socket(&context, zmq::PULL);
    let mut sender = Watched::new(&context, programs::socket(&context, zmq::PUSH));
    programs::connect(&receive, &args.pull);
    programs::connect(&sender.socket, &args.push);
    let mut out = Output::new();
    out.line(format_args!("working: {} → {}", args.pull, args.push));

    let mut taken = 0;
    // Tasks taken and not yet passed to the socket (the article's worker has one at most).
    let mut held: VecDeque<Vec<u8>> = VecDeque::new();
    // Results passed to the socket, which sends them to the sink as it can.
    let mut passed = 0;
    let mut sink_silent_since: Option<Instant> = None;
    // ANCHOR: forward
    let why = loop {
        if let Some(asked) = programs::stop_requested() {
            break Why::Asked(asked);
        }
        if out.gone() {
            break Why::StdoutClosed;
        }
        if let Some(task) = held.front() {
            // A sink that is gone or slow fills the queue to it: wait for room, bounded.
            if programs::send_within(&sender.socket, task, SLICE) {
                held.pop_front();
                passed += 1;
                sink_silent_since = None;
            } else if sink_silent_since.get_or_insert_with(Instant::now).elapsed()
                >= args.timeout.duration()
            {
                break Why::SinkSilent;
            }
        } else if args.count.is_some_and(|count| taken >= count) {
            break Why::Counted(taken);
        } else if let Some(task) = programs::recv_within(&receive, SLICE) {
            out.line(format_args!("forwarding: {}", text(&task)));
            taken += 1;
            held.push_back(task);
        }
        sender.handshakes(); // keeps the socket's events read as they come
    };
    // ANCHOR_END: forward

    // ANCHOR: stop
    // Tasks already queued for this worker are lost when it leaves: take them too,
    // then leave, so that no more are dealt to it. (Those still on their way to it
    // are lost all the same: nobody can count them, see PL5.)
    while let Some(task) = programs::recv_now(&receive) {
        out.line(format_args!("forwarding: {}", text(&task)));
        taken += 1;
        held.push_back(task);
    }
    drop(receive);
    let why = match why {
        Why::Asked(asked) => asked.to_string(),
        Why::Counted(count) => format!("{count} task(s) taken (--count)"),
        Why::StdoutClosed if out.reader_went_away() => "stdout closed".to_string(),
        Why::StdoutClosed => "stdout failed".to_string(),
        Why::SinkSilent => format!(
            "the sink at {} took no result for {}",
            args.push, args.timeout
        ),
    };
    out.line(format_args!("stopping: {why}"));

    // Pass on what it holds, and wait for a sink to take what it passed on, within the
    // linger: a sink that binds a moment after the worker was told to stop still gets it.
    let deadline = Instant::now() + args.linger.duration();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if let Some(task) = held.front() {
            if programs::send_within(&sender.socket, task, left.min(SLICE)) {
                held.pop_front();
                passed += 1;
                continue;
            }
        } else if passed == 0 || sender.handshakes() > 0 {
            break;
        } else {
            sender.wait_handshakes(1, left.min(SLICE));
        }
        if left.is_zero() {
            break;
        }
    }
    let sink_came = sender.handshakes() > 0;
    // What it passed on may still sit in the socket, or in the last batch libzmq took
    // from it: wait, within the linger, until the sink has taken it all (LINGER alone
    // would lose that batch).
    let taken_by_sink = sink_came && sender.wait_until_taken(deadline);
    // Results queued for a sink that never came are lost at once.
    let linger = if sink_came {
        deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(50))
    } else {
        Duration::ZERO
    };
    let _ = sender.socket.set_linger(zmq_workbook::lab::millis(linger));
    drop(sender);
    let everything_left = programs::end_within(context, linger) && taken_by_sink;
    // ANCHOR_END: stop

    let lost_for_sure = held.len() + if sink_came { 0 } else { passed };
    if lost_for_sure == 0 && (passed == 0 || everything_left) {
        if taken == 0 {
            out.line("worker stops: no task taken");
        } else {
            out.line(format_args!(
                "worker stops: {taken} task(s) taken, every result sent to {}",
                args.push
            ));
        }
        return out.exit_code();
    }
    if sink_came && !everything_left {
        eprintln!(
            "error: {why}: the sink at {} did not take every result within the {} linger: \
             {} of {taken} result(s) never passed to it, and some of the {passed} passed \
             were still queued (libzmq does not say how many); they are lost",
            args.push,
            args.linger,
            held.len()
        );
    } else if sink_came {
        eprintln!(
            "error: {why}: {lost_for_sure} of {taken} result(s) not delivered: the sink at \
             {} took no more within the {} linger",
            args.push, args.linger
        );
    } else {
        eprintln!(
            "error: {why}: {lost_for_sure} of {taken} result(s) not delivered: the sink at \
             {} never connected",
            args.push
        );
    }
    let _ = out.exit_code();
    ExitCode::FAILURE
}
