//! The Python that runs the article's programs: the project's virtual environment with pyzmq
//! (`target/venv`, which `.ci/run` creates), or the interpreter `WORKBOOK_PYTHON` names.
//!
//! Without it the interop tests cannot run. `WORKBOOK_REQUIRE_PYTHON=1` (set by `.ci/run`)
//! makes that a failure; otherwise each interop test passes without running, and the first one
//! writes one line to the terminal saying so and how to run them, never a silent pass.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use wait_timeout::ChildExt;

/// How to get what the tests need, for the skip line and the failure.
const SETUP: &str = "python3 -m venv target/venv && \
    target/venv/bin/pip install -r article/python/requirements.txt";

pub struct Python {
    interpreter: PathBuf,
    /// pyzmq's version and the libzmq it bundles, e.g. "pyzmq 27.3.0, libzmq 4.3.5".
    pub versions: String,
}

/// The Python to run the article's programs with; `None` when there is none and none is
/// required (the calling test then returns at once).
pub fn python() -> Option<&'static Python> {
    static FOUND: OnceLock<Option<Python>> = OnceLock::new();
    FOUND
        .get_or_init(|| match find() {
            Ok(python) => Some(python),
            Err(why) if required() => {
                panic!("WORKBOOK_REQUIRE_PYTHON is set, but {why}; to set it up: {SETUP}")
            }
            Err(why) => {
                // Straight to the terminal: libtest captures `eprintln!` of passing tests.
                let _ = writeln!(
                    std::io::stderr(),
                    "note: the Python interop tests were skipped ({why}); \
                     to run them: {SETUP}, or `bash .ci/run`"
                );
                None
            }
        })
        .as_ref()
}

fn required() -> bool {
    std::env::var_os("WORKBOOK_REQUIRE_PYTHON").is_some_and(|v| !v.is_empty() && v != "0")
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn find() -> Result<Python, String> {
    let interpreter = std::env::var_os("WORKBOOK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/venv/bin/python"));
    let shown = interpreter.display();
    let mut probe = Command::new(&interpreter)
        .args([
            "-c",
            "import zmq; print(zmq.__version__, zmq.zmq_version())",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("no Python at {shown}: {e}"))?;
    let Some(status) = probe
        .wait_timeout(Duration::from_secs(30))
        .map_err(|e| e.to_string())?
    else {
        let _ = probe.kill();
        return Err(format!("{shown} did not answer within 30 s"));
    };
    let mut out = String::new();
    std::io::Read::read_to_string(&mut probe.stdout.take().unwrap(), &mut out)
        .map_err(|e| e.to_string())?;
    match out.split_whitespace().collect::<Vec<_>>()[..] {
        [pyzmq, libzmq] if status.success() => Ok(Python {
            versions: format!("pyzmq {pyzmq}, libzmq {libzmq}"),
            interpreter,
        }),
        _ => Err(format!("{shown} cannot import zmq (pyzmq)")),
    }
}

impl Python {
    /// A command that runs `script` (a path under `article/python/`) with `args`, its output
    /// unbuffered so that a test sees each line, and a prompt, as soon as it is printed.
    pub fn command(&self, script: &str, args: &[&str]) -> Command {
        let mut command = Command::new(&self.interpreter);
        command
            .arg(root().join("article/python").join(script))
            .args(args)
            .env("PYTHONUNBUFFERED", "1")
            .env("PYTHONIOENCODING", "utf-8")
            .env("PYTHONDONTWRITEBYTECODE", "1");
        command
    }

    /// A command that runs the Python file at `path` (a snippet of the book, or a kept
    /// wrong version of one), its output unbuffered.
    pub fn script(&self, path: &Path) -> Command {
        let mut command = Command::new(&self.interpreter);
        command
            .arg(path)
            .env("PYTHONUNBUFFERED", "1")
            .env("PYTHONIOENCODING", "utf-8")
            .env("PYTHONDONTWRITEBYTECODE", "1");
        command
    }

    /// A command that runs a line of Python.
    pub fn code(&self, code: &str) -> Command {
        let mut command = Command::new(&self.interpreter);
        command.args(["-c", code]).env("PYTHONIOENCODING", "utf-8");
        command
    }
}
