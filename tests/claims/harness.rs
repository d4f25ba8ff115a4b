//! What every claim test shares: a watchdog, and the per-transport variants of a property.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// No claim test may take longer than this, whatever libzmq does: each blocking call is already
/// bounded, and the watchdog turns anything else (a loop that never ends) into a failure.
pub const WATCHDOG: Duration = Duration::from_secs(30);

/// Runs a test body on its own thread, fails the test if it returns an error, panics, or
/// outlives the watchdog.
pub fn watchdog(body: impl FnOnce() -> anyhow::Result<()> + Send + 'static) {
    let (done, outcome) = mpsc::channel();
    let runner = thread::spawn(move || {
        let result = body();
        let _ = done.send(result);
    });
    match outcome.recv_timeout(WATCHDOG) {
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

/// Defines one property and a test of it on each transport:
/// `on_each_transport! { fn rr4_x(transport) { … } }` gives `rr4_x::tcp`, `rr4_x::ipc`
/// and `rr4_x::inproc`, so `cargo test rr4_x` runs all three.
macro_rules! on_each_transport {
    ($(#[$meta:meta])* fn $name:ident($transport:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn property($transport: zmq_workbook::lab::Transport) -> anyhow::Result<()> $body

            #[test]
            fn tcp() {
                $crate::harness::watchdog(|| property(zmq_workbook::lab::Transport::Tcp))
            }

            #[test]
            fn ipc() {
                $crate::harness::watchdog(|| property(zmq_workbook::lab::Transport::Ipc))
            }

            #[test]
            fn inproc() {
                $crate::harness::watchdog(|| property(zmq_workbook::lab::Transport::Inproc))
            }
        }
    };
}
