//! Output that cannot be written. A reader that goes away (`ps-subscriber | head -1`) ends
//! the program quietly, as if it had finished; any other write error (`> /dev/full`) is one
//! line on stderr and exit code 1. Never a panic and its backtrace.
//!
//! A program that passes work on (a server, a worker, a sender) must not drop that work
//! because nobody reads what it prints: it writes through [`Output`], which tells it that
//! stdout is gone, and it finishes what it has taken before it stops.

use std::fmt::Display;
use std::io::{self, Write};
use std::panic;
use std::process::{self, ExitCode};

/// What `println!` panics with when stdout fails, followed by the `io::Error`.
const PRINT_FAILED: &str = "failed printing to stdout: ";

/// Installs the behaviour above for every `println!` of the program: call it first in `main`.
///
/// `println!` panics when it cannot write. Rather than replace every `println!` with a
/// checked write, the panic hook recognises that panic: its message is std's, and ends with
/// the OS error code, which tells a broken pipe from the rest.
pub fn stop_quietly_when_stdout_fails() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let message = info.payload().downcast_ref::<String>();
        match message.and_then(|m| m.strip_prefix(PRINT_FAILED)) {
            Some(error) if is_broken_pipe(error) => process::exit(0),
            Some(error) => {
                let _ = writeln!(io::stderr(), "error: cannot write to stdout: {error}");
                process::exit(1)
            }
            None => default(info),
        }
    }));
}

/// Whether an `io::Error` printed as "… (os error N)" is a broken pipe.
fn is_broken_pipe(error: &str) -> bool {
    error
        .rsplit_once("(os error ")
        .and_then(|(_, code)| code.strip_suffix(')')?.parse().ok())
        .is_some_and(|code| {
            io::Error::from_raw_os_error(code).kind() == io::ErrorKind::BrokenPipe
        })
}

/// Stdout for a program that must finish its work when nobody reads it any more: each line
/// says whether it could be written, and the first failure is kept for the end.
#[derive(Debug, Default)]
pub struct Output {
    failed: Option<io::Error>,
}

impl Output {
    pub fn new() -> Output {
        Output::default()
    }

    /// Prints `line`; `false` once stdout cannot be written (then nothing more is tried).
    pub fn line(&mut self, line: impl Display) -> bool {
        if self.failed.is_some() {
            return false;
        }
        let mut stdout = io::stdout().lock();
        if let Err(error) = writeln!(stdout, "{line}").and_then(|()| stdout.flush()) {
            self.failed = Some(error);
        }
        self.failed.is_none()
    }

    /// Whether stdout has failed: the reader went away, or a write failed.
    pub fn gone(&self) -> bool {
        self.failed.is_some()
    }

    /// Whether stdout failed because its reader went away (rather than, say, a full disk).
    pub fn reader_went_away(&self) -> bool {
        self.failed
            .as_ref()
            .is_some_and(|error| error.kind() == io::ErrorKind::BrokenPipe)
    }

    /// How the program ends as far as its output goes: a reader that went away is no
    /// error (it took what it wanted); any other failure is one line on stderr and exit
    /// code 1.
    pub fn exit_code(&self) -> ExitCode {
        match &self.failed {
            Some(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                eprintln!("error: cannot write to stdout: {error}");
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        }
    }
}
