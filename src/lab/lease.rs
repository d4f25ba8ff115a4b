//! Leases on loopback tcp ports, shared by every process of this user on the machine.
//!
//! A lab keeps each tcp port it hands out for as long as it lives. An experiment that closes a
//! socket and binds the same address again (a publisher that comes back, a server that
//! restarts) leaves the port free in between, and a test process running beside this one (a
//! second suite, or one process per test) must not pick it then. A lease is a lock on one byte
//! of a shared file, at the port's offset: the kernel drops it when the lease is dropped or its
//! process ends, so a run that crashed leaves nothing held.

use std::fs::File;

/// A port held for this process until dropped.
#[derive(Debug)]
pub struct Lease(#[allow(dead_code)] File);

/// What asking for a port's lease gave.
#[derive(Debug)]
pub enum Leased {
    Held(Lease),
    /// Another lab has it, in this process or another.
    Taken,
    /// No leases here (another system, or no writable temporary directory): ports are
    /// then only as safe as a random pick makes them.
    Unsupported,
}

/// Asks for the lease on `port`.
#[cfg(target_os = "linux")]
pub fn lease(port: u16) -> Leased {
    use std::os::fd::AsRawFd as _;
    // SAFETY: getuid(2) cannot fail.
    let user = unsafe { libc::getuid() };
    let path = std::env::temp_dir().join(format!("zmq-workbook-ports-{user}.lock"));
    // Opened for each lease: locks of one open file never conflict with each other.
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
    else {
        return Leased::Unsupported;
    };
    let lock = libc::flock {
        l_type: libc::F_WRLCK as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: libc::off_t::from(port),
        l_len: 1,
        l_pid: 0,
    };
    // SAFETY: fcntl(2) reads `lock`, which lives across the call.
    match unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &lock) } {
        0 => Leased::Held(Lease(file)),
        _ => match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EAGAIN | libc::EACCES) => Leased::Taken,
            _ => Leased::Unsupported, // a kernel before 3.15, a file system without locks
        },
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lease(_port: u16) -> Leased {
    Leased::Unsupported
}
