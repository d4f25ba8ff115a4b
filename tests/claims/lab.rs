//! The lab bench itself: what the experiments stand on does what it says.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use zmq_workbook::lab::{self, Lab, Transport, BOUND};

use crate::harness::watchdog;

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
    assert!(
        TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "free again with the lab"
    );

    let lab = Lab::new().unwrap();
    let free = lab.free_endpoint(Transport::Tcp).unwrap();
    let port: u16 = free.rsplit(':').next().unwrap().parse().unwrap();
    assert!(
        TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "a free endpoint is not held"
    );
}

#[test]
fn lab_spawned_programs_keep_none_of_the_labs_sockets() {
    watchdog(|| {
        let lab = Lab::new()?;
        let server = lab.socket(zmq::REP)?;
        lab.bind(&server, Transport::Tcp)?;
        let mut command = std::process::Command::new("sleep");
        command.arg("5");
        let mut child = lab::spawn(&mut command)?;
        let open: Vec<String> = std::fs::read_dir(format!("/proc/{}/fd", child.id()))?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<std::io::Result<_>>()?;
        child.kill()?;
        child.wait()?;
        let mut open: Vec<u32> = open.iter().filter_map(|fd| fd.parse().ok()).collect();
        open.sort_unstable();
        assert_eq!(
            open,
            [0, 1, 2],
            "the program inherited more than stdin, stdout, stderr"
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
