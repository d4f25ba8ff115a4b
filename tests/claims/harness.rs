//! What every claim test shares: a watchdog, and the per-transport variants of a
//! property.

use std::fs::OpenOptions;
use std::io::Write;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// No claim test may take longer than this, whatever libzmq does: each blocking call is
/// already bounded, and the watchdog turns anything else (a loop that never ends) into a
/// failure.
pub const WATCHDOG: Duration = Duration::from_secs(30);

/// Runs a test body on its own thread, fails the test if it returns an error, panics, or
/// outlives the watchdog.
pub fn watchdog(body: impl FnOnce() -> anyhow::Result<()> + Send + 'static) {
    let started = Instant::now();
    let (done, outcome) = mpsc::channel();
    let runner = thread::spawn(move || {
        let result = body();
        let _ = done.send(result);
    });
    let result = outcome.recv_timeout(WATCHDOG);
    record_time(started.elapsed());
    match result {
        Ok(Ok(())) => {}
        Ok(Err(error)) => panic!("the experiment failed: {error:#}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The body panicked: re-raise its own message.
            if let Err(panic) = runner.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("no result after {WATCHDOG:?}: the test hung")
        }
    }
}

/// With `CLAIM_TIMINGS=<file>` set (as `scripts/stress` and `scripts/measure` do),
/// appends "<test name>\t<milliseconds>" to the file, to find the slowest claims.
fn record_time(took: Duration) {
    let Ok(path) = std::env::var("CLAIM_TIMINGS") else {
        return;
    };
    let name = thread::current().name().unwrap_or("?").to_string();
    if let Ok(mut file) = OpenOptions::new().create(true).append(true).open(path) {
        // One short write per line: lines from parallel tests do not interleave.
        let _ = file.write_all(
            format!("{name}\t{:.1}\n", took.as_secs_f64() * 1000.0).as_bytes(),
        );
    }
}

/// Defines one property and a test of it on each transport:
/// `on_each_transport! { fn rr4_x(transport) { … } }` gives `rr4_x::tcp`, `rr4_x::ipc`
/// and `rr4_x::inproc`, so `cargo test rr4_x` runs all three.
macro_rules! on_each_transport {
    ($($property:tt)*) => {
        on_transports! { [tcp: Tcp, ipc: Ipc, inproc: Inproc] $($property)* }
    };
}

/// As [`on_each_transport!`], for a property of the transports that reconnect by
/// themselves (tcp and ipc): gives `name::tcp` and `name::ipc`.
macro_rules! on_networked_transports {
    ($($property:tt)*) => {
        on_transports! { [tcp: Tcp, ipc: Ipc] $($property)* }
    };
}

/// One module per property, one test per listed transport, each under the watchdog.
macro_rules! on_transports {
    (
        [$($test:ident: $transport_kind:ident),+]
        $(#[$meta:meta])* fn $name:ident($transport:ident) $body:block
    ) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn property($transport: zmq_workbook::lab::Transport) -> anyhow::Result<()> $body

            $(
                #[test]
                fn $test() {
                    $crate::harness::watchdog(|| {
                        property(zmq_workbook::lab::Transport::$transport_kind)
                    })
                }
            )+
        }
    };
}

/// True once `condition` holds, false if it still does not after [`zmq_workbook::lab::BOUND`]. The relay
/// tells of its connections only when asked, so it is asked every millisecond.
pub fn eventually(condition: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + zmq_workbook::lab::BOUND;
    while !condition() {
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(1));
    }
    true
}

/// A world spoiled in one way: what is wrong with it, and the change that makes it so.
pub type Spoil<T> = (&'static str, fn(&mut T));

/// Each spoil alone, applied to a fresh good world, makes `judge` refuse the run because it
/// cannot prove its set-up.
pub fn each_refused_for_its_set_up<T>(
    good: impl Fn() -> T,
    spoils: &[Spoil<T>],
    judge: impl Fn(&T) -> zmq_workbook::claims::Finding,
) {
    for (what, spoil) in spoils {
        let mut spoiled = good();
        spoil(&mut spoiled);
        let finding = judge(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
        assert!(
            finding.to_string().contains("set-up not proven"),
            "{what}: {finding}"
        );
    }
}
