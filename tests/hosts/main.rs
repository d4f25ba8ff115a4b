//! Real hosts: two network namespaces joined by a veth pair, the kernel's own failures
//! between them, and the network experiments across them beside the relay. These take
//! seconds (a partition of 10 s is one), so they are a test binary of their own:
//! `cargo test --test hosts`, as root (or with CAP_NET_ADMIN) with iproute2 and nftables.
//!
//! Without them each test passes without running, and the first writes one line saying so
//! and how to run them; `WORKBOOK_REQUIRE_HOSTS=1` (set by `.ci/run`) makes that a failure.

mod dead_host;
mod judges;
mod lab;
mod page;

use std::io::Write as _;
use std::sync::OnceLock;

/// Whether the hosts can be made here; the first test to ask writes the skip line.
pub fn hosts_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| match zmq_workbook::lab::hosts::unavailable() {
        None => true,
        Some(why) if required() => {
            panic!("WORKBOOK_REQUIRE_HOSTS is set, but {why}")
        }
        Some(why) => {
            // Straight to the terminal: libtest captures `eprintln!` of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "note: the tests across hosts were skipped ({why}); to run them as root: \
                 `sudo -E cargo test --test hosts` with iproute2 and nftables installed, \
                 or `bash .ci/run`"
            );
            false
        }
    })
}

fn required() -> bool {
    std::env::var_os("WORKBOOK_REQUIRE_HOSTS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Runs `body` only where hosts can be made; a failure is shown with its causes.
pub fn with_hosts(body: impl FnOnce() -> anyhow::Result<()>) {
    if hosts_available() {
        if let Err(e) = body() {
            panic!("{e:#}");
        }
    }
}
