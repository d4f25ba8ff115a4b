//! G1 on both implementations: each model is a pair of socket types that talk, REQ with
//! REP, PUB with SUB, PUSH with PULL.

use anyhow::Result;
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{Lab, Transport};

use super::ps3::probe_until_received;
use crate::end::{run, End, Kind, Pairing};

/// The three pairs: the sending side (which binds), the receiving side, and a name.
pub const PAIRS: [(Kind, Kind, &str); 3] = [
    (Kind::Req, Kind::Rep, "REQ→REP"),
    (Kind::Pub, Kind::Sub, "PUB→SUB"),
    (Kind::Push, Kind::Pull, "PUSH→PULL"),
];

/// Whether one message went from `sender` (bound) to `receiver` (connected); the
/// endpoint.
pub async fn pair_talks(
    pairing: Pairing,
    transport: Transport,
    (sender, receiver): (Kind, Kind),
) -> Result<(String, bool)> {
    let lab = Lab::new()?;
    let mut from = End::new(&lab, pairing.binds, sender)?;
    let endpoint = from.bind(&lab, transport).await?;
    let mut to = End::new(&lab, pairing.connects, receiver)?;
    if receiver == Kind::Sub {
        to.subscribe(b"").await?;
    }
    to.connect(&endpoint).await?;
    // As libzmq's run does: the connection is made before anything is sent.
    from.await_peers(1).await?;
    let delivered = if sender == Kind::Pub {
        // A subscription travels to the publisher first: send until one arrives.
        probe_until_received(&mut from, &mut to, b"hello").await?
            == Some(b"hello".to_vec())
    } else {
        from.send_one("hello").await?;
        to.recv().await?.concat() == b"hello"
    };
    Ok((endpoint, delivered))
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let mut finding = Finding::new();
    let mut talked = Vec::new();
    for (sender, receiver, name) in PAIRS {
        let (endpoint, delivered) =
            run(pair_talks(pairing, transport, (sender, receiver)))?;
        finding.used_transport(transport, &endpoint);
        talked.push((name, delivered));
    }
    let all = talked.iter().all(|(_, d)| *d);
    let names: Vec<String> = talked
        .iter()
        .map(|(name, d)| format!("{name}: {}", if *d { "delivered" } else { "nothing" }))
        .collect();
    finding.observe(all, names.join(", "));
    Ok(finding)
}
