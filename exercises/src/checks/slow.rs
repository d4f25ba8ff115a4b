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
//! A worker that says it is ready after making its sockets, but before it connects, loses
//! its race only if the connect is slow too: the first two connects of each thread the
//! function starts wait as long as a socket.
//!
//! How: libzmq makes a pair of connected file descriptors for each new socket, its
//! mailbox's signal (`socketpair`, or an `eventfd` where it is built to use one). A
//! seccomp filter on the learner's thread, which the threads it starts inherit, hands each
//! such call to a thread of the check, which lets it go on after the delay (seccomp's user
//! notification, Linux 5.5 and later, no privilege needed). A connect, as any operation of
//! a socket, begins with a look at the socket's mailbox, a `poll` with a timeout of 0: the
//! filter hands over such calls too, and the first two of each started thread (the
//! connects of a worker's two sockets, the first things a new socket does) wait the delay
//! before the connect is made. Nothing
//! else those threads do is slowed, and the check's own threads are not filtered.
//! Elsewhere, or when the system refuses, the world is the machine as it is, and the check
//! says nothing of it.
//!
//! The filter also hands over, without a delay, calls that every new thread makes as it
//! starts: they tell which threads the learner's code started, and the check watches them,
//! to see whether any still runs once the function has returned.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The sockets slowed on this machine so far: the evidence that the world was played.
#[derive(Clone, Default)]
pub struct SlowSockets {
    made: Arc<AtomicUsize>,
    /// The learner's threads: each one's id, and when it started (an id may be reused
    /// once its thread has ended).
    threads: Arc<Mutex<Vec<(u32, u64)>>>,
}

impl SlowSockets {
    /// How many sockets of the learner's threads have been made, each after the delay.
    pub fn slowed(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// How many of the learner's threads seen so far, other than `except`, are still
    /// running (and not on their way out).
    pub fn running(&self, except: Option<u32>) -> usize {
        let threads = self.threads.lock().map(|t| t.clone()).unwrap_or_default();
        threads
            .iter()
            .filter(|(id, started)| Some(*id) != except && imp::running(*id, *started))
            .count()
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
    use std::collections::VecDeque;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{mpsc, Mutex};
    use std::thread;
    use std::time::{Duration, Instant};

    /// What the filter looks at: the architecture, the system calls that make a
    /// mailbox's signal, and calls that a new thread makes as it starts (glibc's
    /// `start_thread`, and the standard library's guard for a stack overflow), so that
    /// every thread the learner starts is seen, whether it makes a socket or not.
    #[cfg(target_arch = "x86_64")]
    const ARCH: u32 = 0xC000_003E;
    #[cfg(target_arch = "x86_64")]
    const SIGNAL_CALLS: [u32; 3] = [53, 290, 284]; // socketpair, eventfd2, eventfd
    #[cfg(target_arch = "x86_64")]
    const THREAD_CALLS: [u32; 3] = [273, 334, 131]; // set_robust_list, rseq, sigaltstack
    /// `poll`, which libzmq calls with a timeout of 0 to look at a socket's mailbox as
    /// an operation of the socket begins (a connect included). Elsewhere libzmq calls
    /// ppoll, whose timeout the filter cannot read: connects are not slowed there.
    #[cfg(target_arch = "x86_64")]
    const POLL: Option<u32> = Some(7);
    #[cfg(target_arch = "aarch64")]
    const ARCH: u32 = 0xC000_00B7;
    #[cfg(target_arch = "aarch64")]
    const SIGNAL_CALLS: [u32; 3] = [199, 19, 19]; // socketpair, eventfd2
    #[cfg(target_arch = "aarch64")]
    const THREAD_CALLS: [u32; 3] = [99, 293, 132]; // set_robust_list, rseq, sigaltstack
    #[cfg(target_arch = "aarch64")]
    const POLL: Option<u32> = None;

    /// Where the filter reads the low word of a call's third argument (poll's timeout):
    /// `seccomp_data`'s arguments begin at byte 16, eight bytes each, little-endian.
    const THIRD_ARGUMENT: u32 = 16 + 2 * 8;

    /// How many of a started thread's looks at a mailbox are its connects, and wait: a
    /// worker's first two operations are the connects of its two sockets.
    const CONNECTS: usize = 2;

    /// How long the others' calls have been done before the first started thread's go on:
    /// longer than a thread that is ready takes to say so, and its function to act on it.
    const LAST_AFTER: Duration = Duration::from_millis(50);

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

    /// What Linux tells of a thread of this process: the fields of its `stat` after the
    /// name (the third field on).
    fn stat(id: u32) -> Option<Vec<String>> {
        let stat = std::fs::read_to_string(format!("/proc/self/task/{id}/stat")).ok()?;
        let after_name = &stat[stat.rfind(')')? + 1..];
        Some(after_name.split_whitespace().map(str::to_string).collect())
    }

    /// When a thread started, in clock ticks since the machine booted (the 22nd field).
    fn started(id: u32) -> Option<u64> {
        stat(id)?.get(19)?.parse().ok()
    }

    /// A thread that is on its way out: `PF_EXITING`, which Linux sets as the thread's
    /// exit begins, before a `join` of it can return.
    const EXITING: u64 = 0x4;

    /// Whether the thread `id` that started at `started` is still running: it is there,
    /// and not exiting (the 9th field, its flags).
    pub fn running(id: u32, started: u64) -> bool {
        let Some(fields) = stat(id) else {
            return false;
        };
        let state = fields.first().map(String::as_str);
        let flags: u64 = fields
            .get(6)
            .and_then(|f| f.parse().ok())
            .unwrap_or(EXITING);
        let start: Option<u64> = fields.get(19).and_then(|f| f.parse().ok());
        start == Some(started)
            && flags & EXITING == 0
            && !matches!(state, Some("Z" | "X"))
    }

    pub fn on_this_thread(delay: Duration) -> Option<SlowSockets> {
        if !kernel_can() {
            return None;
        }
        // A jump skips that many instructions after its own.
        let watched: Vec<u32> =
            SIGNAL_CALLS.iter().chain(&THREAD_CALLS).copied().collect();
        let count = watched.len() as u8;
        let mut filter = vec![
            // Another architecture's calls (a 32-bit one) are let through.
            instruction(LOAD_WORD, 0, 0, 4),
            instruction(JUMP_IF_EQUAL, 0, count + 4, ARCH),
            instruction(LOAD_WORD, 0, 0, 0),
        ];
        for (at, call) in watched.iter().enumerate() {
            // A watched call jumps over the calls after it, the poll's test and the ALLOW.
            filter.push(instruction(JUMP_IF_EQUAL, count - at as u8 + 3, 0, *call));
        }
        // A look at a mailbox (a poll with a timeout of 0) is handed over too. (Where
        // there is no such poll, a call number no call has: never equal.)
        filter.push(instruction(JUMP_IF_EQUAL, 0, 2, POLL.unwrap_or(u32::MAX)));
        filter.push(instruction(LOAD_WORD, 0, 0, THIRD_ARGUMENT));
        filter.push(instruction(JUMP_IF_EQUAL, 1, 0, 0));
        filter.push(instruction(RETURN, 0, 0, libc::SECCOMP_RET_ALLOW));
        filter.push(instruction(RETURN, 0, 0, libc::SECCOMP_RET_USER_NOTIF));
        let program = libc::sock_fprog {
            len: filter.len() as u16,
            filter: filter.as_mut_ptr(),
        };
        let slow = SlowSockets::default();
        // The function's own thread: its signals are its own sends, not a worker's connects.
        // SAFETY: a plain system call.
        let own = unsafe { libc::syscall(libc::SYS_gettid) } as u32;
        let made = slow.made.clone();
        let slow_threads = slow.threads.clone();
        // The thread that answers is started before the filter is set: a thread inherits
        // the filter of the thread that starts it, and this one must not wait for
        // itself as it starts.
        let (handing, handed) = mpsc::channel::<libc::c_int>();
        // The listener is never closed while a filtered thread may still make a socket:
        // closing it would fail such a call, and libzmq aborts when it cannot make its
        // eventfd. Linux says when no filtered thread is left (5.8 and later); before
        // that, this thread waits, idle, for the rest of the process.
        thread::spawn(move || {
            let Ok(listener) = handed.recv() else {
                return;
            };
            answer_calls(listener, delay, own, &made, &slow_threads);
        });
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
        let _ = handing.send(listener as libc::c_int);
        Some(slow)
    }

    /// Answers the calls the filter hands over, on `listener`, until no filtered thread
    /// is left: a call that starts a thread at once; one that makes a socket `delay`
    /// later, one after the other (a socket waits for the ones made before it, as it
    /// would for a busy machine's one free core); and a started thread's first connects
    /// likewise. The first thread the function starts gets the core last: its calls wait
    /// until the others' have been done for [`LAST_AFTER`], so that it connects after
    /// every other worker is ready. Any other call goes on at once.
    fn answer_calls(
        listener: libc::c_int,
        delay: Duration,
        own: u32,
        made: &AtomicUsize,
        slow_threads: &Mutex<Vec<(u32, u64)>>,
    ) {
        // The calls waiting, in two lanes (the first started thread's, and the others'):
        // each call's id, and whether it makes a socket.
        let mut others: VecDeque<(u64, bool)> = VecDeque::new();
        let mut last: VecDeque<(u64, bool)> = VecDeque::new();
        // When each lane lets its next call go on; when the others' lane fell idle.
        let (mut others_next, mut last_next) = (Instant::now(), Instant::now());
        let mut others_idle_since = Instant::now();
        let mut first_started: Option<(u32, u64)> = None;
        // How many looks at a mailbox each started thread has made so far.
        let mut looks: Vec<((u32, u64), usize)> = Vec::new();
        loop {
            let now = Instant::now();
            if let Some(&(id, socket)) = others.front() {
                if others_next <= now {
                    go_on(listener, id);
                    if socket {
                        made.fetch_add(1, Ordering::Relaxed);
                    }
                    others.pop_front();
                    others_next = now + delay;
                    if others.is_empty() {
                        others_idle_since = now;
                    }
                }
            }
            let last_due = last_next.max(others_idle_since + LAST_AFTER);
            if let Some(&(id, socket)) = last.front() {
                if others.is_empty() && last_due <= now {
                    go_on(listener, id);
                    if socket {
                        made.fetch_add(1, Ordering::Relaxed);
                    }
                    last.pop_front();
                    last_next = now + delay;
                }
            }
            // Until the next call is due, or for ever when none waits.
            let due = match (others.front(), last.front()) {
                (Some(_), _) => Some(others_next),
                (None, Some(_)) => Some(last_next.max(others_idle_since + LAST_AFTER)),
                (None, None) => None,
            };
            let wait = due.map_or(-1, |due| {
                due.saturating_duration_since(Instant::now())
                    .as_micros()
                    .div_ceil(1_000) as i32
            });
            let mut waiting = libc::pollfd {
                fd: listener,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one pollfd, owned here.
            if unsafe { libc::poll(&mut waiting, 1, wait) } <= 0 {
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
            // The thread waits in its call meanwhile: it is there to be read.
            let id = request.pid;
            let thread = (id, started(id).unwrap_or_default());
            if thread.1 != 0 {
                if let Ok(mut threads) = slow_threads.lock() {
                    if !threads.contains(&thread) {
                        threads.push(thread);
                    }
                }
            }
            let nr = request.data.nr as u32;
            let slowed = if SIGNAL_CALLS.contains(&nr) {
                // The world of the exercise: a socket takes a while to make.
                Some(true)
            } else if Some(nr) == POLL && id != own {
                // And a started thread's first connects.
                let made_so_far = match looks.iter_mut().find(|(t, _)| *t == thread) {
                    Some((_, looked)) => looked,
                    None => {
                        looks.push((thread, 0));
                        &mut looks.last_mut().expect("just pushed").1
                    }
                };
                *made_so_far += 1;
                (*made_so_far <= CONNECTS).then_some(false)
            } else {
                None
            };
            match slowed {
                Some(socket) => {
                    if id != own && first_started.is_none() {
                        first_started = Some(thread);
                    }
                    if Some(thread) == first_started {
                        if last.is_empty() {
                            last_next = last_next.max(Instant::now() + delay);
                        }
                        last.push_back((request.id, socket));
                    } else {
                        if others.is_empty() {
                            others_next = others_next.max(Instant::now() + delay);
                        }
                        others.push_back((request.id, socket));
                    }
                }
                None => go_on(listener, request.id),
            }
        }
    }

    /// Lets the call `id` go on as it was made.
    fn go_on(listener: libc::c_int, id: u64) {
        let answer = libc::seccomp_notif_resp {
            id,
            val: 0,
            error: 0,
            flags: libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32,
        };
        // SAFETY: an answer to a request read from this listener.
        unsafe { libc::ioctl(listener, libc::SECCOMP_IOCTL_NOTIF_SEND, &answer) };
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

    pub fn running(_id: u32, _started: u64) -> bool {
        false
    }
}
