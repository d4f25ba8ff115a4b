//! Stopping a program that needs no input. Ctrl-C or SIGTERM asks it to stop, and it
//! finishes what it has taken first; a second one ends it at once. When its stdin is a pipe
//! (another program started it and holds the other end), the end of that pipe asks it to
//! stop too. A terminal, /dev/null, a file or a closed stdin is never read: the program runs
//! in the background (`pl-worker &`, which a terminal would stop the moment it read) and in
//! scripts (where a background job's stdin is /dev/null, which ends at once).

use std::io::Read;
use std::sync::atomic::{AtomicI32, Ordering};
use std::thread;

/// What asked the program to stop: a signal's number, or [`INPUT_CLOSED`]; 0 while
/// nothing has.
static REQUESTED: AtomicI32 = AtomicI32::new(0);
const INPUT_CLOSED: i32 = -1;

/// Why a program was asked to stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Asked {
    Signal(i32),
    InputClosed,
}

impl std::fmt::Display for Asked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Asked::Signal(libc::SIGINT) => write!(f, "Ctrl-C (SIGINT)"),
            Asked::Signal(libc::SIGTERM) => write!(f, "SIGTERM"),
            Asked::Signal(other) => write!(f, "signal {other}"),
            Asked::InputClosed => write!(f, "stdin closed"),
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
    if stdin_is_a_pipe() {
        thread::spawn(|| {
            let mut stdin = std::io::stdin().lock();
            let mut discarded = [0; 4096];
            while let Ok(read) = stdin.read(&mut discarded) {
                if read == 0 {
                    let _ = REQUESTED.compare_exchange(
                        0,
                        INPUT_CLOSED,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    );
                    return;
                }
            }
        });
    }
}

/// Whether the program has been asked to stop, and how.
pub fn stop_requested() -> Option<Asked> {
    match REQUESTED.load(Ordering::SeqCst) {
        0 => None,
        INPUT_CLOSED => Some(Asked::InputClosed),
        signal => Some(Asked::Signal(signal)),
    }
}

extern "C" fn on_signal(signal: libc::c_int) {
    if REQUESTED.swap(signal, Ordering::SeqCst) != 0 {
        // Asked twice: the user wants it to end now, whatever it holds.
        unsafe { libc::_exit(128 + signal) };
    }
}

fn stdin_is_a_pipe() -> bool {
    // SAFETY: fstat writes into the struct it is given, and fails cleanly on a closed fd.
    let mut status: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(libc::STDIN_FILENO, &mut status) } != 0 {
        return false;
    }
    matches!(
        status.st_mode & libc::S_IFMT,
        libc::S_IFIFO | libc::S_IFSOCK
    )
}
