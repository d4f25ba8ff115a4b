//! Stopping a program that needs no input. Ctrl-C or SIGTERM asks it to stop, and it
//! finishes what it has taken first; a second one ends it at once. Its stdin is never read,
//! whatever it is (a terminal, a pipe, /dev/null, a file): the program runs in the
//! background (`pl-worker &`, which a terminal would stop the moment it read) and in scripts
//! (where a background job's stdin is /dev/null, which ends at once).

use std::sync::atomic::{AtomicI32, Ordering};

/// The signal that asked the program to stop; 0 while none has.
static REQUESTED: AtomicI32 = AtomicI32::new(0);

/// Why a program was asked to stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Asked {
    Signal(i32),
}

impl std::fmt::Display for Asked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Asked::Signal(libc::SIGINT) => write!(f, "Ctrl-C (SIGINT)"),
            Asked::Signal(libc::SIGTERM) => write!(f, "SIGTERM"),
            Asked::Signal(other) => write!(f, "signal {other}"),
        }
    }
}

/// Listens for the requests to stop described above.
pub fn listen_for_stop() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only touches an atomic and calls _exit, both allowed in a
        // signal handler; no SA_RESTART, so that a wait in libzmq ends with EINTR and the
        // program looks at the request at once.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// Whether the program has been asked to stop, and how.
pub fn stop_requested() -> Option<Asked> {
    match REQUESTED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(Asked::Signal(signal)),
    }
}

extern "C" fn on_signal(signal: libc::c_int) {
    if REQUESTED.swap(signal, Ordering::SeqCst) != 0 {
        // Asked twice: the user wants it to end now, whatever it holds.
        unsafe { libc::_exit(128 + signal) };
    }
}
