//! The lab bench itself: what the experiments stand on does what it says.

use std::net::TcpListener;
use std::process::Command;
use std::time::{Duration, Instant};

use zmq_workbook::lab::{self, Lab, Transport, BOUND};

use crate::harness::{eventually, watchdog};

fn ephemeral_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768)
}

#[test]
fn lab_ports_known_in_advance_are_below_the_kernels_own_range() {
    let below = ephemeral_start();
    for _ in 0..50 {
        let port = lab::free_tcp_port().unwrap();
        assert!(
            (10_000..below).contains(&port),
            "port {port}, the kernel's from {below}"
        );
    }
}

#[test]
fn lab_endpoint_holds_its_port_until_bound_or_the_lab_ends() {
    let lab = Lab::new().unwrap();
    let endpoint = lab.endpoint(Transport::Tcp).unwrap();
    let port: u16 = endpoint.rsplit(':').next().unwrap().parse().unwrap();
    assert!(
        TcpListener::bind(("127.0.0.1", port)).is_err(),
        "nobody else may take it"
    );
    drop(lab);
    // As `bind_at` does: a program another test is starting holds a copy of every socket
    // of this process, the one that held the port included, until it has closed them.
    let no_spawn = lab::no_program_starting();
    let bound = TcpListener::bind(("127.0.0.1", port));
    assert!(
        bound.is_ok(),
        "free again with the lab: port {port}, {bound:?}"
    );
    drop((bound, no_spawn));

    let lab = Lab::new().unwrap();
    let free = lab.free_endpoint(Transport::Tcp).unwrap();
    let port: u16 = free.rsplit(':').next().unwrap().parse().unwrap();
    let no_spawn = lab::no_program_starting();
    let bound = TcpListener::bind(("127.0.0.1", port));
    assert!(
        bound.is_ok(),
        "a free endpoint is not held: port {port}, {bound:?}"
    );
    drop((bound, no_spawn));
}

fn port_of(endpoint: &str) -> u16 {
    endpoint.rsplit(':').next().unwrap().parse().unwrap()
}

/// A port's lease excludes every other lease on it, in this process or another (each lease
/// is its own open file), and ends with it.
#[test]
fn lab_a_port_lease_is_held_once_and_ends_when_dropped() {
    use lab::lease::{lease, Leased};
    // A port another test run may lease between its pick and this lease (suites share
    // the leases) is passed over: the property is about the lease this test holds.
    let (port, first) = std::iter::repeat_with(|| lab::free_tcp_port().unwrap())
        .take(100)
        .find_map(|port| match lease(port) {
            Leased::Held(first) => Some((port, first)),
            _ => None,
        })
        .expect("no port could be leased in 100 tries");
    assert!(matches!(lease(port), Leased::Taken), "leased twice");
    // A program another test is starting holds a copy of the lease's open file, and so the
    // lock, until it has closed what it inherited: as for a port, wait for that.
    let no_spawn = lab::no_program_starting();
    drop(first);
    let again = lease(port);
    drop(no_spawn);
    assert!(
        matches!(again, Leased::Held(_)),
        "still leased after the drop: {again:?}"
    );
}

/// A lab keeps the ports it handed out from other labs until it ends, also while no socket
/// binds them (between a socket that left and one that binds the address again): another
/// lab, or another test process, is then given other ports.
#[test]
fn lab_ports_stay_leased_while_the_lab_lives() {
    use lab::lease::{lease, Leased};
    let lab = Lab::new().unwrap();
    let endpoint = lab.endpoint(Transport::Tcp).unwrap();
    let free = lab.free_endpoint(Transport::Tcp).unwrap();
    {
        let socket = lab.socket(zmq::PUB).unwrap();
        lab::bind_at(&socket, &endpoint).unwrap();
    } // closed: the port is free for any socket, but not for another lab
    let ports = [port_of(&endpoint), port_of(&free)];
    for port in ports {
        assert!(
            matches!(lease(port), Leased::Taken),
            "port {port} not leased"
        );
    }
    let other = Lab::new().unwrap();
    for _ in 0..200 {
        let given = port_of(&other.endpoint(Transport::Tcp).unwrap());
        assert!(
            !ports.contains(&given),
            "another lab was given port {given}"
        );
    }
    drop(lab);
    for port in ports {
        // A program another test starts meanwhile shares the lease until its exec.
        assert!(
            eventually(|| matches!(lease(port), Leased::Held(_))),
            "port {port} kept"
        );
    }
}

/// What the descriptors of process `pid` above stdin, stdout and stderr are: "socket:[…]",
/// "anon_inode:[eventfd]", a file's path…
fn descriptors_beyond_stdio(pid: u32) -> std::io::Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(format!("/proc/{pid}/fd"))? {
        let entry = entry?;
        let fd: u32 = entry.file_name().to_string_lossy().parse().unwrap_or(0);
        // A descriptor the program itself opened and closed meanwhile is gone: skip it.
        if let (true, Ok(target)) = (fd > 2, std::fs::read_link(entry.path())) {
            found.push(target.to_string_lossy().into_owned());
        }
    }
    Ok(found)
}

/// The lab's sockets and libzmq's own descriptors (sockets, eventfds) stay out of a
/// program the lab starts; a program started the plain way, the control, gets them. The
/// program may open files of its own as it starts (a locale): those are not the lab's.
#[test]
fn lab_spawned_programs_keep_none_of_the_labs_sockets() {
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        lab.bind(&server, Transport::Tcp)?;
        let _reserved = lab.endpoint(Transport::Tcp)?;
        let inherited =
            |spawn: fn(&mut Command) -> std::io::Result<std::process::Child>| {
                let mut command = Command::new("sleep");
                command.arg("5");
                let mut child = spawn(&mut command)?;
                let found = descriptors_beyond_stdio(child.id());
                child.kill()?;
                child.wait()?;
                let labs: Vec<String> = found?
                    .into_iter()
                    .filter(|target| {
                        target.starts_with("socket:") || target.starts_with("anon_inode:")
                    })
                    .collect();
                anyhow::Ok(labs)
            };
        let plain = {
            // Until it is gone, the control holds copies of the other tests' sockets:
            // their binds wait.
            let _binds_wait = lab::starting_a_program();
            inherited(|command| command.spawn())?
        };
        assert!(
            !plain.is_empty(),
            "the control: a program started the plain way inherits nothing of the lab"
        );
        assert_eq!(
            inherited(lab::spawn)?,
            Vec::<String>::new(),
            "a program the lab started inherited its sockets (the plain way: {plain:?})"
        );
        Ok(())
    })
}

#[test]
fn lab_monitor_counts_what_it_saw() {
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        let endpoint = lab.bind(&server, Transport::Tcp)?;
        let mut client = lab.watch(lab.socket(zmq::REQ)?)?;
        assert_eq!(client.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?, 0);
        client.socket.connect(&endpoint)?;
        client.wait_handshakes(1)?;
        assert_eq!(client.seen(zmq::SocketEvent::HANDSHAKE_SUCCEEDED)?, 1);
        assert!(client.events()?.contains(&zmq::SocketEvent::CONNECTED));
        let started = Instant::now();
        let waited =
            client.wait_for(zmq::SocketEvent::DISCONNECTED, 1, Duration::from_millis(50));
        assert!(
            waited.is_err() && started.elapsed() < BOUND,
            "a wait that runs out, on time"
        );
        let started = Instant::now();
        let waited = client.wait_any(
            &[zmq::SocketEvent::DISCONNECTED, zmq::SocketEvent::CLOSED],
            Duration::from_millis(50),
        );
        assert!(
            waited.is_err() && started.elapsed() < BOUND,
            "a wait for any of several that runs out, on time"
        );
        Ok(())
    })
}

/// `wait_any` answers with an event that comes after the call: one the monitor saw
/// before it (the handshake) is not an answer, so a wait for a loss that follows a cut
/// cannot end at once on an older event. The control: the server's leaving is one.
#[test]
fn lab_wait_any_answers_only_with_an_event_after_the_call() {
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        let endpoint = lab.bind(&server, Transport::Tcp)?;
        let mut client = lab.watch(lab.socket(zmq::REQ)?)?;
        client.socket.connect(&endpoint)?;
        client.wait_handshakes(1)?;
        let seen_before = client.events()?.to_vec();
        assert!(seen_before.contains(&zmq::SocketEvent::HANDSHAKE_SUCCEEDED));
        let waited = client.wait_any(
            &[
                zmq::SocketEvent::HANDSHAKE_SUCCEEDED,
                zmq::SocketEvent::CONNECTED,
            ],
            Duration::from_millis(50),
        );
        assert!(
            waited.is_err(),
            "an event seen before the wait answered it: {waited:?} (seen before: {seen_before:?})"
        );
        drop(server);
        assert_eq!(
            client.wait_any(&[zmq::SocketEvent::DISCONNECTED], BOUND)?,
            zmq::SocketEvent::DISCONNECTED,
            "the control: the server's leaving is seen"
        );
        Ok(())
    })
}

/// `readable` reports every socket that has a message waiting, not only the first: a
/// message dealt to two sockets at once must look dealt to two.
#[test]
fn lab_readable_reports_every_socket_with_a_message() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (first, first_sender) = inproc_pair(&lab)?;
        let (second, second_sender) = inproc_pair(&lab)?;
        let (third, _third_sender) = inproc_pair(&lab)?;
        first_sender.send("one", 0)?;
        second_sender.send("two", 0)?;
        assert_eq!(lab::readable(&[first, second, third])?, vec![0, 1]);
        Ok(())
    })
}

#[test]
fn lab_receive_expecting_waits_only_for_what_it_expects() {
    watchdog(|| {
        let lab = Lab::new()?;
        let receiver = lab.socket(zmq::PULL)?;
        let endpoint = lab.bind(&receiver, Transport::Inproc)?;
        let sender = lab.socket(zmq::PUSH)?;
        sender.connect(&endpoint)?;
        for i in 0..3 {
            sender.send(format!("{i}").as_str(), 0)?;
        }
        let started = Instant::now();
        assert_eq!(lab::receive_expecting(&receiver, 3)?.len(), 3);
        assert!(started.elapsed() < BOUND / 2, "it waited for a fourth");
        Ok(())
    })
}

/// A socket of a PULL bound on inproc and a PUSH connected to it: what is sent is queued
/// at once, and stays readable while the PUSH lives.
fn inproc_pair(lab: &Lab) -> anyhow::Result<(zmq::Socket, zmq::Socket)> {
    let receiver = lab.socket(zmq::PULL)?;
    let endpoint = lab.bind(&receiver, Transport::Inproc)?;
    let sender = lab.socket(zmq::PUSH)?;
    sender.connect(&endpoint)?;
    Ok((receiver, sender))
}

fn texts(messages: &[Vec<u8>]) -> Vec<String> {
    messages.iter().map(|m| lab::text(m)).collect()
}

/// A drain keeps listening until a whole window passes with nothing new: messages that
/// come apart, each after a gap much shorter than the window, are all drained, not only
/// those queued together with the first.
#[test]
fn lab_drain_listens_until_a_whole_window_is_silent() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (receiver, sender) = inproc_pair(&lab)?;
        // The gaps are what is tested: each far longer than a drain takes to look again,
        // and the window longer than a loaded machine was seen to keep a thread waiting
        // (326 ms; see LATE_SLACK).
        const GAP: Duration = Duration::from_millis(40);
        let window = Duration::from_millis(600);
        // Before the first send: the drain cannot end before the last gap and a window.
        let started = Instant::now();
        let sending = std::thread::spawn(move || -> anyhow::Result<zmq::Socket> {
            for i in 0..5 {
                if i > 0 {
                    std::thread::sleep(GAP);
                }
                sender.send(format!("{i}").as_str(), 0)?;
            }
            Ok(sender) // kept open until the drain is over
        });
        let drained = lab::drain(&receiver, window)?;
        let took = started.elapsed();
        let _sender = sending.join().expect("the sender panicked")?;
        assert_eq!(texts(&drained), ["0", "1", "2", "3", "4"], "after {took:?}");
        // libzmq's poll times its window with a coarse clock (see CLOCK_SLACK): 757.9 ms
        // was once seen for 760 ms.
        assert!(
            lab::waited_out(took, 4 * GAP + window),
            "it stopped after {took:?}"
        );
        Ok(())
    })
}

/// With nothing to receive, a drain returns empty once its window has passed: not before,
/// and not long after.
#[test]
fn lab_drain_of_nothing_waits_its_window() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (receiver, _sender) = inproc_pair(&lab)?;
        let window = Duration::from_millis(100);
        let started = Instant::now();
        let drained = lab::drain(&receiver, window)?;
        let took = started.elapsed();
        assert_eq!(texts(&drained), Vec::<String>::new());
        assert!(lab::gave_up_at(took, window), "returned after {took:?}");
        Ok(())
    })
}

/// receive_expecting listens past the count it expects: an extra message, or an extra
/// part of one, shows as a count that comes out long.
#[test]
fn lab_receive_expecting_sees_an_extra_after_the_count() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (receiver, sender) = inproc_pair(&lab)?;
        for i in ["0", "1", "2", "1"] {
            sender.send(i, 0)?;
        }
        let received = lab::receive_expecting(&receiver, 3)?;
        assert_eq!(texts(&received), ["0", "1", "2", "1"], "the duplicate");

        sender.send("0", 0)?;
        sender.send_multipart(["1", "1 again"], 0)?;
        let received = lab::receive_expecting(&receiver, 2)?;
        assert_eq!(texts(&received), ["0", "1", "1 again"], "the extra part");
        Ok(())
    })
}

/// Two of three messages sent, and `receive` asked for three, waiting `EACH` for each:
/// what it returned, and how long it took.
fn two_of_three<T>(
    receive: impl FnOnce(&zmq::Socket, usize, Duration) -> T,
) -> anyhow::Result<(T, Duration)> {
    let lab = Lab::new()?;
    let (receiver, sender) = inproc_pair(&lab)?;
    sender.send("0", 0)?;
    sender.send("1", 0)?;
    let started = Instant::now();
    let outcome = receive(&receiver, 3, EACH);
    Ok((outcome, started.elapsed()))
}

/// How long [`two_of_three`] lets a receive wait for each message.
const EACH: Duration = Duration::from_millis(100);

/// receive_expecting with one message missing: it waits its bound for it, listens for
/// extras, and returns what came (short is the behaviour it reports, not an error).
#[test]
fn lab_receive_expecting_returns_short_after_waiting_for_the_missing_one() {
    watchdog(|| {
        let (received, took) = two_of_three(lab::receive_expecting_within)?;
        assert_eq!(texts(&received?), ["0", "1"]);
        assert!(
            lab::gave_up_at(took, EACH + lab::SILENCE),
            "waited {took:?} for the third and for extras"
        );
        Ok(())
    })
}

/// recv_n with one message missing fails once it has waited for it, and says how many
/// came; it never returns short.
#[test]
fn lab_recv_n_fails_when_one_is_missing() {
    watchdog(|| {
        let (outcome, took) = two_of_three(lab::recv_n_within)?;
        match outcome {
            Ok(received) => panic!("returned {:?} for 3", texts(&received)),
            Err(error) => assert!(
                error
                    .to_string()
                    .contains("expected 3 messages, only 2 arrived"),
                "{error}"
            ),
        }
        assert!(lab::gave_up_at(took, EACH), "gave up after {took:?}");
        Ok(())
    })
}

/// recv_n takes exactly the messages it was asked for and leaves an extra for the next
/// receive; a message of two parts is not two messages.
#[test]
fn lab_recv_n_takes_exactly_n_whole_messages() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (receiver, sender) = inproc_pair(&lab)?;
        for i in ["0", "1", "2", "3"] {
            sender.send(i, 0)?;
        }
        assert_eq!(texts(&lab::recv_n(&receiver, 3)?), ["0", "1", "2"]);
        let next = lab::recv_within(&receiver, BOUND)?;
        assert_eq!(
            next.as_deref(),
            Some(&b"3"[..]),
            "the extra, left for later"
        );

        sender.send("4", 0)?;
        sender.send_multipart(["5", "5 again"], 0)?;
        match lab::recv_n(&receiver, 2) {
            Ok(received) => panic!("{:?} passed for 2 messages", texts(&received)),
            Err(error) => {
                assert!(error.to_string().contains("more than one part"), "{error}")
            }
        }
        Ok(())
    })
}

/// The proof of a set-up counts the handshakes a monitor saw, all of them and only them,
/// on tcp and ipc; on inproc, which has none, the connects that returned.
#[test]
fn lab_ready_counts_the_handshakes_seen() {
    watchdog(|| {
        let lab = Lab::new()?;
        for transport in Transport::NETWORKED {
            let mut receiver = lab.watch(lab.socket(zmq::PULL)?)?;
            let endpoint = lab.bind(&receiver.socket, transport)?;
            assert_eq!(
                receiver.ready(&endpoint, 2)?.peers,
                0,
                "{transport}: nobody yet"
            );
            // A connection the socket accepted, from a peer that never says a word of
            // ZMTP: accepted, and no peer.
            let _mute = mute_connection(&endpoint)?;
            receiver.wait_for(zmq::SocketEvent::ACCEPTED, 1, BOUND)?;
            assert_eq!(
                receiver.ready(&endpoint, 2)?.peers,
                0,
                "{transport}: a connection without its handshake"
            );
            let senders = lab.connected(zmq::PUSH, &endpoint, 2)?;
            receiver.wait_handshakes(2)?;
            let ready = receiver.ready(&endpoint, 5)?;
            assert_eq!(ready.peers, 2, "{transport}: the handshakes, not the claim");
            assert_eq!(lab::transport_of(&ready.endpoint), Some(transport));
            drop(senders);
        }
        let mut receiver = lab.watch(lab.socket(zmq::PULL)?)?;
        let endpoint = lab.bind(&receiver.socket, Transport::Inproc)?;
        assert_eq!(
            receiver.ready(&endpoint, 2)?.peers,
            2,
            "inproc: the connects"
        );
        Ok(())
    })
}

/// A connection to a tcp or ipc endpoint that sends nothing: the socket accepts it, and it
/// never begins its handshake.
fn mute_connection(endpoint: &str) -> anyhow::Result<Box<dyn std::any::Any>> {
    if let Some(address) = endpoint.strip_prefix("tcp://") {
        return Ok(Box::new(std::net::TcpStream::connect(address)?));
    }
    let path = endpoint
        .strip_prefix("ipc://")
        .expect("a tcp or ipc endpoint");
    Ok(Box::new(std::os::unix::net::UnixStream::connect(path)?))
}

#[test]
fn lab_show_reads_like_text_with_a_length() {
    assert_eq!(lab::show(b"hello"), "\"hello\" (5 B)");
    assert_eq!(lab::show(&[0xff, b'a']), "\"\u{fffd}a\" (2 B)");
    let forty = vec![b'x'; 40];
    assert!(!lab::show(&forty).contains('…'), "{}", lab::show(&forty));
    let long = vec![b'x'; 41];
    assert_eq!(lab::show(&long), format!("{:?}… (41 B)", "x".repeat(40)));
    assert_eq!(
        lab::show_all(&[b"a".to_vec(), vec![]]),
        "[\"a\" (1 B), \"\" (0 B)]"
    );
    assert_eq!(
        format!("{} {}", Transport::Ipc, Transport::Inproc),
        "ipc inproc"
    );
    assert_eq!(lab::error_name(zmq::Error::EFSM), "EFSM");
}

/// No call on a lab's socket can hang: each gives up after [`BOUND`], and closing one does
/// not wait for what it still holds.
#[test]
fn lab_sockets_give_up_after_the_bound() {
    let lab = Lab::new().unwrap();
    let bound = i32::try_from(BOUND.as_millis()).unwrap();
    for kind in [zmq::REQ, zmq::PUB, zmq::PULL] {
        let socket = lab.socket(kind).unwrap();
        assert_eq!(socket.get_rcvtimeo().unwrap(), bound, "{kind:?}");
        assert_eq!(socket.get_sndtimeo().unwrap(), bound, "{kind:?}");
        assert_eq!(socket.get_linger().unwrap(), 0, "{kind:?}");
    }
}

/// Not a test of its own: the process that [`lab_leaves_nothing_behind_when_its_run_is_stopped`]
/// stops. It makes a lab with an ipc endpoint bound, says where its files are, and waits for
/// the end of its stdin.
#[test]
#[ignore = "run by lab_leaves_nothing_behind_when_its_run_is_stopped"]
fn lab_holds_an_ipc_endpoint_until_stopped() {
    if std::env::var_os("LAB_HOLDER").is_none() {
        return;
    }
    let lab = Lab::new().unwrap();
    let socket = lab.socket(zmq::PULL).unwrap();
    let endpoint = match std::env::var("LAB_HOLDER").as_deref() {
        Ok("port") => lab.endpoint(Transport::Tcp).unwrap(),
        _ => lab.bind(&socket, Transport::Ipc).unwrap(),
    };
    println!("holding {endpoint}");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

/// Starts [`lab_holds_an_ipc_endpoint_until_stopped`] in a process of its own, in a process
/// group of its own as a terminal's foreground job is, holding an endpoint of `kind`
/// (`ipc`: bound; `port`: a tcp port known in advance); returns it and the endpoint.
fn start_holder(kind: &str) -> anyhow::Result<(std::process::Child, String)> {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::CommandExt as _;
    use std::process::Stdio;
    let mut command = Command::new(std::env::current_exe()?);
    command
        .args(["--ignored", "--exact", "--nocapture"])
        .arg("lab::lab_holds_an_ipc_endpoint_until_stopped")
        .env("LAB_HOLDER", kind)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0);
    // As a terminal's foreground job has it: Ctrl-C stops it. (A suite started in the
    // background of a script inherits SIGINT ignored.)
    // SAFETY: signal(2) is a system call, as a child may make between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        })
    };
    let mut holder = lab::spawn(&mut command)?;
    // Bounded by the watchdog: the holder says where it is at once, after the test
    // runner's own lines.
    let said = BufReader::new(holder.stdout.take().unwrap())
        .lines()
        .find(|line| line.as_ref().map_or(true, |l| l.starts_with("holding ")))
        .ok_or_else(|| anyhow::anyhow!("the holder ended without a word"))??;
    Ok((holder, said["holding ".len()..].to_string()))
}

/// A port a lab of another process holds is held from this one too: not leased, not
/// bound, not handed out; and free once that process has ended.
#[test]
fn lab_a_port_held_by_another_process_is_kept_from_this_one() {
    use lab::lease::{lease, Leased};
    watchdog(|| {
        let (mut holder, endpoint) = start_holder("port")?;
        let port = port_of(&endpoint);
        assert!(
            matches!(lease(port), Leased::Taken),
            "{endpoint} not leased"
        );
        let no_spawn = lab::no_program_starting();
        let bound = TcpListener::bind(("127.0.0.1", port));
        assert!(bound.is_err(), "{endpoint} bound here: {bound:?}");
        drop((bound, no_spawn));
        for _ in 0..200 {
            assert_ne!(lab::free_tcp_port()?, port, "handed out here too");
        }
        holder.kill()?;
        holder.wait()?;
        assert!(
            eventually(|| matches!(lease(port), Leased::Held(_))),
            "{endpoint} still leased after its process ended"
        );
        Ok(())
    })
}

/// A run stopped by Ctrl-C (SIGINT to its whole process group) or by SIGKILL leaves no
/// directory and no ipc file behind; a directory whose process is gone, left by a cleaner
/// that was itself stopped, is swept by the next lab, and only such a one.
#[test]
fn lab_leaves_nothing_behind_when_its_run_is_stopped() {
    watchdog(|| {
        for signal in [libc::SIGKILL, libc::SIGINT] {
            let (mut holder, said) = start_holder("ipc")?;
            let path = said.strip_prefix("ipc://").unwrap_or_default();
            let ipc_file = std::path::PathBuf::from(path);
            let process_dir = ipc_file.parent().and_then(|lab| lab.parent()).unwrap();
            assert!(
                ipc_file.exists(),
                "the set-up: {} exists",
                ipc_file.display()
            );
            let name = process_dir
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert_eq!(
                lab::leftovers::owner(&name),
                Some(holder.id()),
                "the directory {name} names its process"
            );
            // SAFETY: kill(2) of a child of ours, or of its process group.
            let target = if signal == libc::SIGINT {
                -(holder.id() as i32)
            } else {
                holder.id() as i32
            };
            assert_eq!(unsafe { libc::kill(target, signal) }, 0);
            let status = holder.wait()?;
            use std::os::unix::process::ExitStatusExt as _;
            assert_eq!(status.signal(), Some(signal), "the set-up: {status:?}");
            assert!(
                eventually(|| !process_dir.exists()),
                "after signal {signal}, {} is still there",
                process_dir.display()
            );
        }

        let temp = tempfile::tempdir()?;
        let mut gone = {
            let _binds_wait = lab::starting_a_program();
            Command::new("true").spawn()?
        };
        gone.wait()?;
        let dead = temp.path().join(format!("zmq-lab-{}-abc", gone.id()));
        let living = temp
            .path()
            .join(format!("zmq-lab-{}-abc", std::process::id()));
        let other = temp.path().join("zmq-lab-abcdef");
        for dir in [&dead, &living, &other] {
            std::fs::create_dir(dir)?;
            std::fs::write(dir.join("0.ipc"), "")?;
        }
        lab::leftovers::sweep(temp.path());
        assert!(!dead.exists(), "a dead process's directory is swept");
        assert!(living.exists(), "a living process's directory is kept");
        assert!(other.exists(), "a directory of another kind is kept");
        Ok(())
    })
}

/// `leave` returns once the address is free for another socket, on ipc as on tcp: an ipc
/// listener closes in the I/O thread and removes its file as it does, so a socket that
/// binds the path again before then would lose its own file, and nobody could reach it.
/// Each round binds the path again at once and checks that the new socket's file is
/// there and a client reaches it.
#[test]
fn lab_leave_frees_an_ipc_path_for_a_new_socket_to_keep() {
    watchdog(|| {
        let lab = Lab::new()?;
        let mut kept = Vec::new();
        for _ in 0..20 {
            let first = lab.watch(lab.socket(zmq::PULL)?)?;
            let endpoint = lab.bind(&first.socket, Transport::Ipc)?;
            first.leave(&endpoint)?;
            let second = lab.socket(zmq::PULL)?;
            lab::bind_at(&second, &endpoint)?;
            kept.push((second, endpoint));
        }
        for (second, endpoint) in &kept {
            let path = endpoint.trim_start_matches("ipc://");
            let sender = lab.socket(zmq::PUSH)?;
            sender.connect(endpoint)?;
            sender.send("here", 0)?;
            assert!(
                std::path::Path::new(path).exists(),
                "{endpoint}: the new socket's file is gone"
            );
            assert_eq!(
                lab::recv_within(second, BOUND)?.as_deref(),
                Some(&b"here"[..]),
                "{endpoint}: the new socket cannot be reached"
            );
        }
        Ok(())
    })
}

/// `set_xpub_nodrop` reports libzmq's answer: an XPUB takes the option, a socket that has
/// no such option (a SUB, a PUSH) refuses it with EINVAL, so "accepted by libzmq" in a
/// set-up means something.
#[test]
fn lab_xpub_nodrop_is_refused_by_a_socket_without_it() {
    let lab = Lab::new().unwrap();
    let mut publisher = lab.socket(zmq::XPUB).unwrap();
    assert_eq!(lab::set_xpub_nodrop(&mut publisher, true), Ok(()));
    for kind in [zmq::SUB, zmq::PUSH] {
        let mut other = lab.socket(kind).unwrap();
        assert_eq!(
            lab::set_xpub_nodrop(&mut other, true),
            Err(zmq::Error::EINVAL),
            "{kind:?}"
        );
    }
}
