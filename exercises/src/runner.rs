//! Runs a check on its own thread with a watchdog, and turns what happened into an
//! outcome a learner can read: passed, not done yet (`todo!()`), failed (with the check's
//! words), panicked, or did not finish.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::Duration;

use crate::checks::values;

/// How long one check may run before it counts as blocked for ever. Every check bounds
/// its own waits well within this and says what it waited for; this is the last resort.
pub const LIMIT: Duration = Duration::from_secs(8);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    /// The implementation still reaches `todo!()`.
    NotDone,
    Failed(String),
    Panicked(String),
    /// Still running after [`LIMIT`]: something blocks without a bound.
    Hung,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        *self == Outcome::Passed
    }

    /// The outcome in plain words.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Passed => "passed".into(),
            Outcome::NotDone => "not done yet: the code still reaches todo!()".into(),
            Outcome::Failed(why) => format!("{why}\n({})", values::seed_note()),
            Outcome::Panicked(why) => {
                format!("the code panicked: {why}\n({})", values::seed_note())
            }
            Outcome::Hung => format!(
                "the check did not finish within {} s: something blocks without a bound\n({})",
                LIMIT.as_secs(),
                values::seed_note()
            ),
        }
    }
}

/// Keeps panics quiet (their message becomes the outcome) instead of printing backtraces.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

pub fn run(check: fn() -> Result<(), String>) -> Outcome {
    let (done, outcome) = mpsc::channel();
    let running = thread::spawn(move || {
        let _ = done.send(check());
    });
    match outcome.recv_timeout(LIMIT) {
        Ok(Ok(())) => Outcome::Passed,
        Ok(Err(why)) => Outcome::Failed(why),
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Hung,
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let payload = running.join().err();
            let message = payload
                .as_ref()
                .and_then(|p| {
                    p.downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                })
                .unwrap_or_default();
            if message.contains("not yet implemented") {
                Outcome::NotDone
            } else {
                Outcome::Panicked(message)
            }
        }
    }
}

/// How many checks run at once. Each plays several worlds side by side, each world with
/// threads and sockets of its own: CI's proof runs a hundred and more checks, and all of
/// them at once on two cores would make right answers late.
const AT_ONCE: usize = 24;

/// Runs many checks side by side (each has its own context), at most [`AT_ONCE`] at a
/// time, and returns their outcomes in the order of the input.
pub fn run_all(checks: &[fn() -> Result<(), String>]) -> Vec<Outcome> {
    let next = Arc::new(AtomicUsize::new(0));
    let checks: Arc<Vec<_>> = Arc::new(checks.to_vec());
    let (done, outcomes) = mpsc::channel();
    for _ in 0..AT_ONCE.min(checks.len()) {
        let (next, checks, done) = (next.clone(), checks.clone(), done.clone());
        thread::spawn(move || loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(&check) = checks.get(at) else {
                return;
            };
            if done.send((at, run(check))).is_err() {
                return;
            }
        });
    }
    drop(done);
    let mut all = vec![Outcome::Hung; checks.len()];
    for (at, outcome) in outcomes {
        all[at] = outcome;
    }
    all
}
