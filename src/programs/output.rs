//! Output that cannot be written. A reader that goes away (`ps-subscriber | head -1`) ends
//! the program quietly, as if it had finished; any other write error (`> /dev/full`) is one
//! line on stderr and exit code 1. Never a panic and its backtrace.

use std::io::{self, Write};
use std::panic;
use std::process;

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
