//! Two real hosts on one machine: network namespaces joined by a veth pair, each with an
//! address from 198.18.0.0/15 (reserved for benchmarking) that exists only inside it, and
//! the kernel's own failures between them: packets dropped without a word (a partition, or
//! a host that died), answered with a reset, lost at random, or slowed.
//!
//! Unlike the [relay](super::relay), nothing between the two ends answers for the other:
//! a segment sent into a partition is never acknowledged, so TCP's own timers run —
//! retransmission with exponential backoff, keepalive, the user timeout.
//!
//! A ZeroMQ context lives in the network namespace of the thread that makes its first
//! socket (its I/O threads are started then, and inherit it), and a tcp bind is made by the
//! calling thread: so everything of one host is done on a thread that has
//! [entered](Hosts::enter) it.
//!
//! Needs root or CAP_NET_ADMIN, and `ip` (iproute2), `nft` (nftables) and `tc`. Every
//! namespace is named `zmq-lab-<pid>-…` like the lab's directories, and every veth
//! `zl<pid in hex>-…`: [`sweep`] removes what a process that is gone left, and only that.
//! The faults live inside the namespaces (nftables rules, a tbf qdisc on a veth), so
//! deleting a namespace removes them with it; nothing outside the namespaces is touched.

use std::io::Read as _;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context as _, Result};

use super::leftovers::{self, PREFIX};

/// Where `ip netns` keeps its namespaces.
const NETNS_DIR: &str = "/run/netns";

/// What every veth of the lab's hosts starts with; the owner's pid follows, in hex, so that
/// the name fits the kernel's 15 bytes.
const VETH_PREFIX: &str = "zl";

/// The nftables table the faults live in, in a host's own namespace.
const TABLE: &str = "zmq_lab";

/// The longest an `ip`, `nft` or `tc` command may take. Making a namespace waits for the
/// kernel to finish tearing down others: with two test suites making and removing about
/// ninety at once on 2 cores, an `ip netns add` took over 10 s.
const COMMAND_BOUND: Duration = Duration::from_secs(30);

/// One of the two hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    A,
    B,
}

impl Host {
    fn index(self) -> usize {
        match self {
            Host::A => 0,
            Host::B => 1,
        }
    }
}

/// A fault between the hosts: a partition and a loss drop packets both ways (each as it
/// arrives), a reset and a slow link are host B's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// Every packet dropped, both ways: no ACK, no RST, no ICMP. A partition, or a host
    /// that died, as its peer sees it.
    Partition,
    /// Every tcp segment that arrives answered with a reset, as by a host that came back
    /// without the connections it had.
    Reset,
    /// Each packet, both ways, dropped with this probability (in percent).
    Loss(u8),
    /// Host B's packets out sent at this many bits a second (tbf): a slow link.
    Rate(u64),
}

/// What a fault did while it was in place, read from the kernel before it was removed:
/// the packets its rules matched (dropped or rejected), or the bytes and packets the slow
/// link's qdisc sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counted {
    pub packets: u64,
    pub bytes: u64,
    /// Every packet that arrived while the rules were in place, dropped or not (counted by
    /// a rule of its own before the one that drops): so a loss is measured, not only set.
    pub seen: u64,
}

/// Two hosts joined by a link. Dropping it deletes both namespaces, and with them the veth
/// pair, the rules and the qdisc.
#[derive(Debug)]
pub struct Hosts {
    namespaces: [String; 2],
    veths: [String; 2],
    fault: std::sync::Mutex<Option<Fault>>,
}

/// Why this machine cannot make hosts, if it cannot: not root (nor CAP_NET_ADMIN), or a
/// command missing.
pub fn unavailable() -> Option<String> {
    if !may_administer_the_network() {
        return Some("this process has no CAP_NET_ADMIN".into());
    }
    for (program, package) in
        [("ip", "iproute2"), ("nft", "nftables"), ("tc", "iproute2")]
    {
        if !on_path(program) {
            return Some(format!("`{program}` is not installed (Debian: {package})"));
        }
    }
    None
}

/// Whether CAP_NET_ADMIN is among this process's effective capabilities.
fn may_administer_the_network() -> bool {
    const CAP_NET_ADMIN: u32 = 12;
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return false;
    };
    status
        .lines()
        .find_map(|line| line.strip_prefix("CapEff:"))
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .is_some_and(|caps| caps & (1 << CAP_NET_ADMIN) != 0)
}

fn on_path(program: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .any(|dir| dir.join(program).is_file())
}

impl Hosts {
    /// Two fresh hosts, A (198.18.0.1) and B (198.18.0.2), after a sweep of what a process
    /// that is gone left.
    pub fn new() -> Result<Hosts> {
        if let Some(why) = unavailable() {
            bail!("cannot make hosts: {why}");
        }
        let owner = std::process::id();
        sweep();
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let hosts = Hosts {
            namespaces: ["a", "b"].map(|side| format!("{PREFIX}{owner}-{n}{side}")),
            veths: ["a", "b"].map(|side| format!("{VETH_PREFIX}{owner:x}-{n:x}{side}")),
            fault: std::sync::Mutex::new(None),
        };
        for veth in &hosts.veths {
            ensure!(
                veth.len() <= 15,
                "the veth name {veth} is longer than 15 bytes"
            );
        }
        // From here on, whatever fails is removed by the destructor.
        for namespace in &hosts.namespaces {
            ip(&["netns", "add", namespace])?;
        }
        // Both ends are made in their namespaces at once: not even for a moment is a veth
        // in the machine's own.
        let [a, b] = &hosts.namespaces;
        let [veth_a, veth_b] = &hosts.veths;
        ip(&[
            "link", "add", veth_a, "netns", a, "type", "veth", "peer", "name", veth_b,
            "netns", b,
        ])?;
        for host in [Host::A, Host::B] {
            let veth = hosts.veth(host);
            let address = format!("{}/30", Hosts::address(host));
            hosts.ip_in(host, &["addr", "add", &address, "dev", veth])?;
            hosts.ip_in(host, &["link", "set", veth, "up"])?;
            hosts.ip_in(host, &["link", "set", "lo", "up"])?;
        }
        Ok(hosts)
    }

    /// A host's address, which exists in its namespace alone.
    pub fn address(host: Host) -> Ipv4Addr {
        match host {
            Host::A => Ipv4Addr::new(198, 18, 0, 1),
            Host::B => Ipv4Addr::new(198, 18, 0, 2),
        }
    }

    pub fn namespace(&self, host: Host) -> &str {
        &self.namespaces[host.index()]
    }

    pub fn veth(&self, host: Host) -> &str {
        &self.veths[host.index()]
    }

    fn namespace_path(&self, host: Host) -> PathBuf {
        Path::new(NETNS_DIR).join(self.namespace(host))
    }

    /// The identity of a host's network namespace (its inode), to compare with
    /// [`this_threads_namespace`].
    pub fn namespace_id(&self, host: Host) -> Result<u64> {
        use std::os::unix::fs::MetadataExt as _;
        Ok(std::fs::metadata(self.namespace_path(host))?.ino())
    }

    /// Moves the calling thread into `host`'s network namespace, for good: call it first
    /// thing on a thread of its own, before the thread makes a ZeroMQ context's first socket
    /// or binds.
    pub fn enter(&self, host: Host) -> Result<()> {
        use std::os::fd::AsRawFd as _;
        let file = std::fs::File::open(self.namespace_path(host)).with_context(|| {
            format!("cannot open the namespace {}", self.namespace(host))
        })?;
        // SAFETY: setns(2) on a descriptor this function holds open; it changes the calling
        // thread alone (a thread of a multi-threaded process may change its network
        // namespace).
        let done = unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) };
        ensure!(
            done == 0,
            "cannot enter the namespace {}: {}",
            self.namespace(host),
            std::io::Error::last_os_error()
        );
        ensure!(
            this_threads_namespace()? == self.namespace_id(host)?,
            "the thread is not in {} after setns",
            self.namespace(host)
        );
        Ok(())
    }

    /// Puts `fault` on the link, and proves it is in place (the rules or the qdisc read back
    /// from the kernel). One fault at a time: [`Hosts::heal`] first.
    pub fn apply(&self, fault: Fault) -> Result<()> {
        self.apply_timed(fault).map(drop)
    }

    /// As [`Hosts::apply`], with the moment the kernel took the fault on: the command that
    /// applied it had returned, the check that it is in place not yet begun.
    pub fn apply_timed(&self, fault: Fault) -> Result<Instant> {
        let mut current = self.fault.lock().unwrap_or_else(|e| e.into_inner());
        ensure!(current.is_none(), "{current:?} is still in place");
        match fault {
            Fault::Rate(bits) => {
                let veth = self.veth(Host::B);
                // A burst of one packet and a queue of 200 ms: the link carries what it may
                // and holds the rest, as a slow link does.
                self.tc(&[
                    "qdisc",
                    "add",
                    "dev",
                    veth,
                    "root",
                    "tbf",
                    "rate",
                    &format!("{bits}bit"),
                    "burst",
                    "2kb",
                    "latency",
                    "200ms",
                ])?;
            }
            _ => {
                let verdict = match fault {
                    Fault::Partition => "drop".to_string(),
                    Fault::Loss(percent) => {
                        ensure!(percent <= 100, "a loss of {percent} %");
                        match percent {
                            100 => "drop".to_string(),
                            _ => format!("numgen random mod 100 < {percent} drop"),
                        }
                    }
                    Fault::Reset => "meta l4proto tcp reject with tcp reset".to_string(),
                    Fault::Rate(_) => unreachable!(),
                };
                for &host in rules_on(fault) {
                    let veth = self.veth(host);
                    self.nft(
                        host,
                        &format!(
                            "add table inet {TABLE}\n\
                             add chain inet {TABLE} in {{ type filter hook input priority 0; }}\n\
                             add rule inet {TABLE} in iifname {veth} counter comment \"seen\"\n\
                             add rule inet {TABLE} in iifname {veth} counter {verdict}\n"
                        ),
                    )?;
                }
            }
        }
        let applied_at = Instant::now();
        ensure!(
            self.in_place()? == Some(fault_kind(fault)),
            "{fault:?} is not in place after it was applied"
        );
        *current = Some(fault);
        Ok(applied_at)
    }

    /// Which kind of fault the kernel has in place, read from it: "rules" or "tbf", or none.
    pub fn in_place(&self) -> Result<Option<&'static str>> {
        for host in [Host::A, Host::B] {
            if self.nft_output(host, &["list", "tables"])?.contains(TABLE) {
                return Ok(Some("rules"));
            }
        }
        let qdiscs = self.tc_output(&["qdisc", "show", "dev", self.veth(Host::B)])?;
        Ok(qdiscs.contains("tbf").then_some("tbf"))
    }

    /// What the fault in place has done so far, read from the kernel: the packets its rules
    /// matched, or what the slow link sent.
    pub fn counted(&self) -> Result<Counted> {
        let current = *self.fault.lock().unwrap_or_else(|e| e.into_inner());
        match current {
            None => bail!("no fault is in place"),
            Some(Fault::Rate(_)) => {
                let shown =
                    self.tc_output(&["-s", "qdisc", "show", "dev", self.veth(Host::B)])?;
                parse_sent(&shown).ok_or_else(|| anyhow!("no \"Sent\" line in {shown:?}"))
            }
            Some(fault) => {
                let mut counted = Counted::default();
                for &host in rules_on(fault) {
                    let shown =
                        self.nft_output(host, &["list", "table", "inet", TABLE])?;
                    let here = parse_counters(&shown);
                    counted.packets += here.packets;
                    counted.bytes += here.bytes;
                    counted.seen += here.seen;
                }
                Ok(counted)
            }
        }
    }

    /// Removes the fault in place and returns what it did while it was there.
    pub fn heal(&self) -> Result<Counted> {
        self.heal_timed().map(|(counted, _)| counted)
    }

    /// As [`Hosts::heal`], with the moment the kernel let go of the fault: the command that
    /// removed it had returned, the check that it is gone not yet begun.
    pub fn heal_timed(&self) -> Result<(Counted, Instant)> {
        let counted = self.counted()?;
        let mut current = self.fault.lock().unwrap_or_else(|e| e.into_inner());
        match current.take() {
            Some(Fault::Rate(_)) => {
                self.tc(&["qdisc", "del", "dev", self.veth(Host::B), "root"])?;
            }
            Some(fault) => {
                for &host in rules_on(fault) {
                    self.nft(host, &format!("delete table inet {TABLE}\n"))?;
                }
            }
            None => bail!("no fault is in place"),
        }
        let healed_at = Instant::now();
        ensure!(
            self.in_place()?.is_none(),
            "the fault is still in place after heal"
        );
        Ok((counted, healed_at))
    }

    /// Makes `host`'s kernel forget every tcp connection it has with the other host, as a
    /// host that restarted has none (`ss -K`: each is destroyed, its last word a reset that
    /// a partition drops). Returns how many it forgot.
    pub fn forget_connections(&self, host: Host) -> Result<usize> {
        let other = match host {
            Host::A => Hosts::address(Host::B),
            Host::B => Hosts::address(Host::A),
        };
        let mut command = Command::new("ip");
        command
            .args([
                "netns",
                "exec",
                self.namespace(host),
                "ss",
                "-K",
                "-t",
                "-n",
                "-H",
            ])
            .args(["dst", &other.to_string()]);
        let killed = run_with_input(&mut command, "")?;
        Ok(killed
            .lines()
            .filter(|line| !line.trim().is_empty())
            .count())
    }

    fn ip_in(&self, host: Host, args: &[&str]) -> Result<String> {
        let mut all = vec!["-n", self.namespace(host)];
        all.extend_from_slice(args);
        ip(&all)
    }

    fn nft(&self, host: Host, script: &str) -> Result<()> {
        let mut command = Command::new("ip");
        command.args(["netns", "exec", self.namespace(host), "nft", "-f", "-"]);
        run_with_input(&mut command, script).map(drop)
    }

    fn nft_output(&self, host: Host, args: &[&str]) -> Result<String> {
        let mut command = Command::new("ip");
        command
            .args(["netns", "exec", self.namespace(host), "nft"])
            .args(args);
        run_with_input(&mut command, "")
    }

    fn tc(&self, args: &[&str]) -> Result<()> {
        self.tc_output(args).map(drop)
    }

    fn tc_output(&self, args: &[&str]) -> Result<String> {
        let mut command = Command::new("tc");
        command.args(["-n", self.namespace(Host::B)]).args(args);
        run_with_input(&mut command, "")
    }

    /// Whether every trace of these hosts is gone: no namespace of theirs, no veth of theirs
    /// in the machine's own namespace.
    pub fn gone(namespaces: &[String], veths: &[String]) -> Result<bool> {
        let listed = ip(&["netns", "list"])?;
        let links = ip(&["-o", "link", "show"])?;
        Ok(!namespaces
            .iter()
            .any(|ns| listed.split_whitespace().any(|name| name == ns))
            && !veths.iter().any(|veth| {
                links.contains(&format!(" {veth}@"))
                    || links.contains(&format!(" {veth}:"))
            }))
    }

    /// The names of these hosts' namespaces and veths, to look for after they are gone.
    pub fn names(&self) -> (Vec<String>, Vec<String>) {
        (self.namespaces.to_vec(), self.veths.to_vec())
    }
}

/// The hosts whose rules make `fault`. A packet is dropped where it arrives, never where it
/// leaves: a packet dropped on its way out is an error its sender's own kernel sees (and
/// tries again soon, without TCP's backoff), which no dead host or lost packet causes.
fn rules_on(fault: Fault) -> &'static [Host] {
    match fault {
        Fault::Partition | Fault::Loss(_) => &[Host::A, Host::B],
        Fault::Reset | Fault::Rate(_) => &[Host::B],
    }
}

fn fault_kind(fault: Fault) -> &'static str {
    match fault {
        Fault::Rate(_) => "tbf",
        _ => "rules",
    }
}

impl Drop for Hosts {
    fn drop(&mut self) {
        // The veth pair, the rules and the qdisc go with the namespaces.
        for namespace in &self.namespaces {
            let _ = ip(&["netns", "delete", namespace]);
        }
    }
}

/// The identity (inode) of the calling thread's network namespace.
pub fn this_threads_namespace() -> Result<u64> {
    use std::os::unix::fs::MetadataExt as _;
    Ok(std::fs::metadata("/proc/thread-self/ns/net")
        .context("cannot read /proc/thread-self/ns/net")?
        .ino())
}

/// Removes the namespaces (and veths, had one been left in the machine's own namespace)
/// that a process that is gone left: a run killed before its hosts were dropped.
pub fn sweep() {
    if let Ok(entries) = std::fs::read_dir(NETNS_DIR) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(owner) = name.to_str().and_then(leftovers::owner) else {
                continue;
            };
            if !leftovers::alive(owner) {
                let _ = ip(&["netns", "delete", &name.to_string_lossy()]);
            }
        }
    }
    let Ok(links) = ip(&["-o", "link", "show"]) else {
        return;
    };
    for line in links.lines() {
        // "7: zl1a2b-0a@zl1a2b-0b: <…"
        let Some(name) = line
            .split(": ")
            .nth(1)
            .map(|n| n.split('@').next().unwrap_or(n))
        else {
            continue;
        };
        let Some(owner) = veth_owner(name) else {
            continue;
        };
        if !leftovers::alive(owner) {
            let _ = ip(&["link", "delete", name]);
        }
    }
}

/// The process a veth's name says made it: `zl<pid in hex>-<n><side>`.
pub fn veth_owner(name: &str) -> Option<u32> {
    let (pid, rest) = name.strip_prefix(VETH_PREFIX)?.split_once('-')?;
    (!rest.is_empty()).then_some(())?;
    u32::from_str_radix(pid, 16).ok()
}

/// The sum of the counters of the rules in an `nft list` output.
fn parse_counters(listed: &str) -> Counted {
    let mut counted = Counted::default();
    for line in listed.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for pair in words.windows(4) {
            if pair[0] == "packets" && pair[2] == "bytes" {
                let packets = pair[1].parse::<u64>().unwrap_or(0);
                if line.contains("\"seen\"") {
                    counted.seen += packets;
                } else {
                    counted.packets += packets;
                    counted.bytes += pair[3].parse::<u64>().unwrap_or(0);
                }
            }
        }
    }
    counted
}

/// What a qdisc sent, from `tc -s qdisc show`: " Sent 1234 bytes 12 pkt (…)".
fn parse_sent(shown: &str) -> Option<Counted> {
    let line = shown
        .lines()
        .find(|l| l.trim_start().starts_with("Sent "))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    Some(Counted {
        bytes: words.get(1)?.parse().ok()?,
        packets: words.get(3)?.parse().ok()?,
        seen: 0,
    })
}

fn ip(args: &[&str]) -> Result<String> {
    run_with_input(Command::new("ip").args(args), "")
}

/// Runs `command` with `input` on its stdin; its stdout, or an error with its stderr. Bounded
/// by [`COMMAND_BOUND`].
fn run_with_input(command: &mut Command, input: &str) -> Result<String> {
    use std::io::Write as _;
    let shown = format!("{command:?}");
    let mut child = super::spawn(
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    )
    .with_context(|| format!("cannot run {shown}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes())?;
    }
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > COMMAND_BOUND {
            let _ = child.kill();
            let _ = child.wait();
            bail!("{shown} did not end within {COMMAND_BOUND:?}");
        }
        // A child's end is not an event this thread can wait on with a bound.
        std::thread::sleep(Duration::from_millis(1));
    };
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_string(&mut out)?;
    }
    if let Some(mut stderr) = child.stderr.take() {
        stderr.read_to_string(&mut err)?;
    }
    ensure!(
        status.success(),
        "{shown} failed ({status}): {}",
        err.trim()
    );
    Ok(out)
}
