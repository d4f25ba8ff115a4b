//! Nothing left behind: every lab of a process keeps its ipc files in one directory of that
//! process, `zmq-lab-<pid>-…` in the temporary directory, which goes when the process ends,
//! however it ends.
//!
//! A lab removes its own directory when it is dropped, but a process stopped by Ctrl-C or
//! SIGKILL drops nothing. So the first lab of a process starts a guardian: a small shell in a
//! session of its own (Ctrl-C in the terminal does not reach it) that waits for the end of a
//! pipe only this process writes to, and removes the directory when the pipe closes, which the
//! kernel does when this process ends. A guardian that was itself killed leaves a directory
//! whose owner is gone: the next process to start a lab sweeps it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{anyhow, Context as _, Result};

/// What every directory of the labs starts with, in the temporary directory.
pub const PREFIX: &str = "zmq-lab-";

struct ProcessDir {
    path: PathBuf,
    /// The write end of the guardian's pipe, open until this process ends.
    _lifeline: std::io::PipeWriter,
}

static PROCESS_DIR: OnceLock<std::result::Result<ProcessDir, String>> = OnceLock::new();

/// This process's directory for the labs' ipc files, made (with its guardian, after a sweep
/// of what dead processes left) on first use.
pub fn process_dir() -> Result<&'static Path> {
    PROCESS_DIR
        .get_or_init(|| make_process_dir().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map(|dir| dir.path.as_path())
        .map_err(|why| anyhow!("{why}"))
}

fn make_process_dir() -> Result<ProcessDir> {
    let temp = std::env::temp_dir();
    sweep(&temp);
    let path = tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .tempdir_in(&temp)
        .context("cannot create a temporary directory for ipc endpoints")?
        // The guardian removes it, not a destructor that a killed process never runs.
        .keep();
    let lifeline = start_guardian(&path).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&path);
    })?;
    Ok(ProcessDir {
        path,
        _lifeline: lifeline,
    })
}

#[cfg(unix)]
fn start_guardian(dir: &Path) -> Result<std::io::PipeWriter> {
    use std::os::unix::process::CommandExt as _;
    use std::process::{Command, Stdio};
    let (end, lifeline) = std::io::pipe()?;
    let mut command = Command::new("/bin/sh");
    command
        // `cat` returns at the end of the pipe: this process has ended.
        .args([
            "-c",
            r#"cat > /dev/null; rm -rf -- "$1""#,
            "zmq-lab-guardian",
        ])
        .arg(dir)
        .stdin(end)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: setsid(2) is a system call, as a child may make between fork and exec. Its own
    // session keeps the terminal's Ctrl-C, which stops this process, from stopping it too.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        })
    };
    // Not `Command::spawn` alone: the guardian must not inherit this process's sockets.
    crate::lab::spawn(&mut command)
        .context("cannot start the lab's cleaner (/bin/sh)")?;
    Ok(lifeline)
}

#[cfg(not(unix))]
fn start_guardian(_dir: &Path) -> Result<std::io::PipeWriter> {
    Ok(std::io::pipe()?.1)
}

/// Removes the labs' directories whose process is gone.
pub fn sweep(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name.to_str().and_then(owner) else {
            continue;
        };
        if !alive(owner) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The process a lab directory's name says made it: `zmq-lab-<pid>-<random>`.
pub fn owner(name: &str) -> Option<u32> {
    let (pid, random) = name.strip_prefix(PREFIX)?.split_once('-')?;
    (!random.is_empty()).then_some(())?;
    pid.parse().ok()
}

#[cfg(unix)]
pub fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists; EPERM means it does (another
    // user's).
    (unsafe { libc::kill(pid, 0) } == 0)
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
pub fn alive(_pid: u32) -> bool {
    true
}
