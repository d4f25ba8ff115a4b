//! A machine on which the learner's threads are slow to make their ZeroMQ sockets (the
//! world of exercise 11's check).
//!
//! A worker thread that says it is ready a moment before it connects, or a ventilator that
//! pushes without waiting for its workers, loses its race only when the worker is slow to
//! connect: on an idle machine it is almost never slow, and no arrangement of sockets can
//! make it so, since an inproc connect takes microseconds. This world makes it so, as a busy
//! machine would: every socket that the learner's function, or a thread it starts, makes
//! waits a while before libzmq gets it.
//!
//! How: libzmq makes a pair of connected file descriptors for each new socket, its
//! mailbox's signal (`socketpair`, or an `eventfd` where it is built to use one). A
//! seccomp filter on the learner's thread, which the threads it starts inherit, hands each
//! such call to a thread of the check, which lets it go on after the delay (seccomp's user
//! notification, Linux 5.5 and later, no privilege needed). Nothing else those threads do
//! is touched, and the check's own threads are not filtered. Elsewhere, or when the system refuses, the
//! world is the machine as it is, and the check says nothing of it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The sockets slowed on this machine so far: the evidence that the world was played.
#[derive(Clone, Default)]
pub struct SlowSockets {
    made: Arc<AtomicUsize>,
}

impl SlowSockets {
    /// How many sockets of the learner's threads have been made, each after the delay.
    pub fn slowed(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// From now on, this thread and every thread it starts wait `delay` for each socket
    /// they make. To be called on the learner's thread, before its code runs; `None` where
    /// the system cannot.
    pub fn on_this_thread(delay: Duration) -> Option<SlowSockets> {
        imp::on_this_thread(delay)
    }
}

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod imp {
    use super::SlowSockets;
    use std::sync::atomic::Ordering;
    use std::thread;
    use std::time::Duration;

    /// What the filter looks at: the architecture, and the system calls that make a
    /// mailbox's signal.
    #[cfg(target_arch = "x86_64")]
    const ARCH: u32 = 0xC000_003E;
    #[cfg(target_arch = "x86_64")]
    const SIGNAL_CALLS: [u32; 3] = [53, 290, 284]; // socketpair, eventfd2, eventfd
    #[cfg(target_arch = "aarch64")]
    const ARCH: u32 = 0xC000_00B7;
    #[cfg(target_arch = "aarch64")]
    const SIGNAL_CALLS: [u32; 3] = [199, 19, 19]; // socketpair, eventfd2

    // Classic BPF, as seccomp reads it.
    const LOAD_WORD: u16 = 0x20; // BPF_LD | BPF_W | BPF_ABS
    const JUMP_IF_EQUAL: u16 = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    const RETURN: u16 = 0x06; // BPF_RET | BPF_K

    fn instruction(code: u16, jt: u8, jf: u8, k: u32) -> libc::sock_filter {
        libc::sock_filter { code, jt, jf, k }
    }

    /// User notification and its CONTINUE answer came with Linux 5.5.
    fn kernel_can() -> bool {
        let Ok(release) = std::fs::read_to_string("/proc/sys/kernel/osrelease") else {
            return false;
        };
        let mut numbers = release
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse::<u32>().ok());
        let (major, minor) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
        (major, minor) >= (5, 5)
    }

    pub fn on_this_thread(delay: Duration) -> Option<SlowSockets> {
        if !kernel_can() {
            return None;
        }
        // A jump skips that many instructions after its own.
        let mut filter = [
            // Another architecture's calls (a 32-bit one) are let through.
            instruction(LOAD_WORD, 0, 0, 4),
            instruction(JUMP_IF_EQUAL, 0, 4, ARCH),
            instruction(LOAD_WORD, 0, 0, 0),
            instruction(JUMP_IF_EQUAL, 3, 0, SIGNAL_CALLS[0]),
            instruction(JUMP_IF_EQUAL, 2, 0, SIGNAL_CALLS[1]),
            instruction(JUMP_IF_EQUAL, 1, 0, SIGNAL_CALLS[2]),
            instruction(RETURN, 0, 0, libc::SECCOMP_RET_ALLOW),
            instruction(RETURN, 0, 0, libc::SECCOMP_RET_USER_NOTIF),
        ];
        let program = libc::sock_fprog {
            len: filter.len() as u16,
            filter: filter.as_mut_ptr(),
        };
        // SAFETY: plain system calls on this thread; `program` outlives the call that
        // copies it. NO_NEW_PRIVS only keeps this thread and its children from gaining
        // privileges through exec, which the learner's code never does.
        let listener = unsafe {
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
                return None;
            }
            libc::syscall(
                libc::SYS_seccomp,
                libc::SECCOMP_SET_MODE_FILTER,
                libc::SECCOMP_FILTER_FLAG_NEW_LISTENER,
                &program as *const libc::sock_fprog,
            )
        };
        if listener < 0 {
            return None;
        }
        let slow = SlowSockets::default();
        let made = slow.made.clone();
        let listener = listener as libc::c_int;
        // The listener is never closed while a filtered thread may still make a socket:
        // closing it would fail such a call, and libzmq aborts when it cannot make its
        // eventfd. Linux says when no filtered thread is left (5.8 and later); before
        // that, this thread waits, idle, for the rest of the process.
        thread::spawn(move || loop {
            let mut waiting = libc::pollfd {
                fd: listener,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one pollfd, owned here.
            if unsafe { libc::poll(&mut waiting, 1, -1) } < 0 {
                continue;
            }
            if waiting.revents & libc::POLLIN == 0 {
                if waiting.revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                    // SAFETY: no filtered thread is left to use it.
                    unsafe { libc::close(listener) };
                    return;
                }
                continue;
            }
            // SAFETY: the kernel fills the request it is given, zeroed as it requires.
            let mut request: libc::seccomp_notif = unsafe { std::mem::zeroed() };
            if unsafe {
                libc::ioctl(listener, libc::SECCOMP_IOCTL_NOTIF_RECV, &mut request)
            } != 0
            {
                continue;
            }
            // The world of the exercise: a socket takes a while to make.
            thread::sleep(delay);
            let answer = libc::seccomp_notif_resp {
                id: request.id,
                val: 0,
                error: 0,
                flags: libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32,
            };
            // SAFETY: an answer to the request just read; the call goes on as it was made.
            unsafe { libc::ioctl(listener, libc::SECCOMP_IOCTL_NOTIF_SEND, &answer) };
            made.fetch_add(1, Ordering::Relaxed);
        });
        Some(slow)
    }
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
mod imp {
    use super::SlowSockets;
    use std::time::Duration;

    pub fn on_this_thread(_delay: Duration) -> Option<SlowSockets> {
        None
    }
}
