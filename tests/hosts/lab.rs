//! The hosts themselves: where their sockets live, the faults the kernel applies between
//! them, and nothing left behind.

use std::io::{ErrorKind, Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use anyhow::{ensure, Result};
use zmq_workbook::lab::hosts::{self, Fault, Host, Hosts};

use crate::with_hosts;

/// Runs `body` on a thread that entered `host`.
fn on<T: Send>(
    hosts: &Hosts,
    host: Host,
    body: impl FnOnce() -> Result<T> + Send,
) -> Result<T> {
    thread::scope(|scope| {
        scope
            .spawn(|| {
                hosts.enter(host)?;
                body()
            })
            .join()
            .expect("a host's thread panicked")
    })
}

/// A host's address exists inside it alone: a thread that entered host A binds it, a thread
/// of the machine's own namespace cannot; and each thread reports the namespace it is in.
#[test]
fn hosts_a_hosts_address_is_bound_inside_it_and_nowhere_else() {
    with_hosts(|| {
        let hosts = Hosts::new()?;
        let address = Hosts::address(Host::A);
        let inside = on(&hosts, Host::A, || {
            let bound = TcpListener::bind((address, 0)).is_ok();
            Ok((bound, hosts::this_threads_namespace()?))
        })?;
        assert_eq!(inside, (true, hosts.namespace_id(Host::A)?));
        let outside = TcpListener::bind((address, 0));
        assert_eq!(
            outside.map(drop).map_err(|e| e.kind()),
            Err(ErrorKind::AddrNotAvailable)
        );
        assert_ne!(
            hosts::this_threads_namespace()?,
            hosts.namespace_id(Host::A)?
        );
        assert_ne!(hosts.namespace_id(Host::A)?, hosts.namespace_id(Host::B)?);
        Ok(())
    });
}

/// A listener on host A and what host B's connection to it sees.
fn connect_from_b(
    hosts: &Hosts,
    listener: &TcpListener,
) -> Result<std::io::Result<TcpStream>> {
    let to: SocketAddr = listener.local_addr()?;
    on(hosts, Host::B, || {
        Ok(TcpStream::connect_timeout(&to, Duration::from_millis(1500)))
    })
}

fn listener_on_a(hosts: &Hosts) -> Result<TcpListener> {
    on(hosts, Host::A, || {
        Ok(TcpListener::bind((Hosts::address(Host::A), 0))?)
    })
}

/// Each fault is read back from the kernel once applied, counts what it did, and is gone
/// once healed: a partition answers nothing (the connection times out, not refused), a
/// reset answers with RST (refused at once), the control (no fault) connects.
#[test]
fn hosts_each_fault_is_in_place_counted_and_gone_once_healed() {
    with_hosts(|| {
        let hosts = Hosts::new()?;
        let listener = listener_on_a(&hosts)?;
        assert_eq!(hosts.in_place()?, None);
        // The control: no fault, the connection is made.
        assert!(connect_from_b(&hosts, &listener)?.is_ok());

        hosts.apply(Fault::Partition)?;
        assert_eq!(hosts.in_place()?, Some("rules"));
        let silent = connect_from_b(&hosts, &listener)?;
        assert_eq!(
            silent.map(drop).map_err(|e| e.kind()),
            Err(ErrorKind::TimedOut)
        );
        assert!(hosts.heal()?.packets > 0, "the partition dropped nothing");
        assert_eq!(hosts.in_place()?, None);

        hosts.apply(Fault::Reset)?;
        // A listener on B, so that only the rule can refuse A's connection.
        let on_b = on(&hosts, Host::B, || {
            Ok(TcpListener::bind((Hosts::address(Host::B), 0))?)
        })?;
        let to = on_b.local_addr()?;
        let reset = on(&hosts, Host::A, || {
            Ok(TcpStream::connect_timeout(&to, Duration::from_millis(1500)))
        })?;
        assert_eq!(
            reset.map(drop).map_err(|e| e.kind()),
            Err(ErrorKind::ConnectionRefused)
        );
        assert!(hosts.heal()?.packets > 0, "the reset answered nothing");

        hosts.apply(Fault::Loss(100))?;
        assert!(connect_from_b(&hosts, &listener)?.is_err());
        assert!(hosts.heal()?.packets > 0, "a loss of 100 % dropped nothing");

        hosts.apply(Fault::Rate(1_000_000))?;
        assert_eq!(hosts.in_place()?, Some("tbf"));
        // A listener of its own: the one above holds the connections made before.
        let listener = listener_on_a(&hosts)?;
        let mut stream = connect_from_b(&hosts, &listener)??;
        let (mut accepted, _) = listener.accept()?;
        stream.write_all(&[7; 20_000])?;
        let mut received = vec![0; 20_000];
        accepted.set_read_timeout(Some(Duration::from_secs(5)))?;
        accepted.read_exact(&mut received)?;
        let sent = hosts.heal()?;
        assert!(
            sent.bytes >= 20_000,
            "the slow link sent {} bytes",
            sent.bytes
        );
        assert_eq!(hosts.in_place()?, None);
        Ok(())
    });
}

/// One fault at a time: a second is refused while the first is in place.
#[test]
fn hosts_refuse_a_second_fault_and_a_heal_of_none() {
    with_hosts(|| {
        let hosts = Hosts::new()?;
        assert!(hosts.heal().is_err());
        hosts.apply(Fault::Partition)?;
        assert!(hosts.apply(Fault::Reset).is_err());
        hosts.heal()?;
        Ok(())
    });
}

/// Hosts dropped leave nothing: no namespace, no veth, and so no rule or qdisc (they lived
/// inside the namespaces).
#[test]
fn hosts_leave_nothing_once_dropped() {
    with_hosts(|| {
        let hosts = Hosts::new()?;
        hosts.apply(Fault::Rate(1_000_000))?;
        let (namespaces, veths) = hosts.names();
        ensure!(
            !Hosts::gone(&namespaces, &veths)?,
            "the hosts are not there"
        );
        drop(hosts);
        assert!(Hosts::gone(&namespaces, &veths)?);
        Ok(())
    });
}

/// The sweep removes only what a process that is gone left: the hosts of this live
/// process stay.
#[test]
fn hosts_a_live_processs_hosts_are_not_swept() {
    with_hosts(|| {
        let live = Hosts::new()?;
        let (namespaces, veths) = live.names();
        hosts::sweep();
        assert!(!Hosts::gone(&namespaces, &veths)?);
        Ok(())
    });
}

/// The veth names fit the kernel's 15 bytes, and name their owner.
#[test]
fn hosts_veth_names_fit_and_name_their_owner() {
    with_hosts(|| {
        let hosts = Hosts::new()?;
        let (namespaces, veths) = hosts.names();
        for veth in &veths {
            assert!(veth.len() <= 15, "{veth}");
            assert_eq!(hosts::veth_owner(veth), Some(std::process::id()));
        }
        for namespace in &namespaces {
            assert!(namespace.starts_with(&format!("zmq-lab-{}-", std::process::id())));
        }
        Ok(())
    });
}

/// A run really killed (SIGKILL, in the middle of its experiments, its hosts in place)
/// leaves its namespaces behind, and the next hosts made sweep them: nothing of it is left.
#[test]
fn hosts_a_run_killed_mid_experiment_is_swept_by_the_next() {
    with_hosts(|| {
        use std::process::{Command, Stdio};
        use std::time::Instant;
        let mut run = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .args(["hosts", "--runs", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let prefix = format!("zmq-lab-{}-", run.id());
        let listed = || -> Result<Vec<String>> {
            Ok(std::fs::read_dir("/run/netns")?
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with(&prefix))
                .collect())
        };
        // Its first hosts, awaited on the namespaces' own directory.
        let deadline = Instant::now() + Duration::from_secs(30);
        let _left = loop {
            let now = listed()?;
            if !now.is_empty() {
                break now;
            }
            if Instant::now() > deadline || run.try_wait()?.is_some() {
                let _ = run.kill();
                anyhow::bail!("the run made no hosts within 30 s");
            }
            std::thread::yield_now();
        };
        run.kill()?;
        run.wait()?;
        // An `ip` the run had started goes on without it, and may still make a namespace of
        // the run's: what the run left is what is there once no such command runs.
        let running = || {
            std::fs::read_dir("/proc")
                .into_iter()
                .flatten()
                .flatten()
                .any(|entry| {
                    std::fs::read(entry.path().join("cmdline")).is_ok_and(|cmdline| {
                        cmdline
                            .windows(prefix.len())
                            .any(|w| w == prefix.as_bytes())
                    })
                })
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while running() {
            anyhow::ensure!(
                Instant::now() < deadline,
                "a command of the killed run still runs after 30 s"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        // The next run's first hosts sweep what the killed one left (those seen, and any made
        // after; another test's hosts, made meanwhile, may have swept them already).
        drop(Hosts::new()?);
        assert_eq!(listed()?, Vec::<String>::new());
        let links = std::fs::read_to_string("/proc/net/dev")?;
        let veth_prefix = format!("zl{:x}-", run.id());
        assert!(
            !links.contains(&veth_prefix),
            "a veth of the killed run is left"
        );
        Ok(())
    });
}
