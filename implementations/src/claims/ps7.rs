//! PS7 on both implementations: the publisher leaves, a new one binds the same address,
//! and the same SUB socket receives again with no action of its own.
//!
//! libzmq's run reads the resubscription from the new publisher; a zmq.rs PUB tells
//! nothing of the kind, so the new publisher here sends until the old subscriber has a
//! message, as libzmq's verdict asks of it ("the publisher awaits its resubscription"),
//! within [`BOUND`]. The control: a new SUB receives from the new publisher.

use anyhow::{bail, Result};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Transport};

use super::ps3::probe_until_received;
use crate::end::{run, End, Kind, Pairing};

const FIRST: &[u8] = b"from the first publisher";
const SECOND: &[u8] = b"from the second publisher";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comeback {
    pub endpoint: String,
    /// What the old subscriber received from the new publisher.
    pub received: Option<Vec<u8>>,
    /// What a brand-new subscriber received from it.
    pub newcomer: Option<Vec<u8>>,
}

pub async fn publisher_comes_back(
    pairing: Pairing,
    transport: Transport,
) -> Result<Comeback> {
    let lab = Lab::new()?;
    let endpoint = lab.endpoint(transport)?;
    let mut first = End::new(&lab, pairing.binds, Kind::Pub)?;
    first.bind_at(&endpoint).await?;
    let mut subscriber = End::new(&lab, pairing.connects, Kind::Sub)?;
    subscriber.subscribe(b"").await?;
    subscriber.connect(&endpoint).await?;
    if probe_until_received(&mut first, &mut subscriber, FIRST)
        .await?
        .is_none()
    {
        bail!("the subscriber got nothing from the first publisher");
    }
    first.leave(&endpoint).await?;
    // What the first publisher sent that is still in the subscriber's queue is not news
    // from the second.
    while subscriber
        .recv_within(std::time::Duration::ZERO)
        .await?
        .is_some()
    {}

    let mut second = End::new(&lab, pairing.binds, Kind::Pub)?;
    second.bind_at(&endpoint).await?;
    // A message of the first publisher may still come late (a zmq.rs PUB fans out what it
    // queued after its `send` returned): it is not news from the second.
    let began = std::time::Instant::now();
    let mut received = None;
    while began.elapsed() < zmq_workbook::lab::BOUND {
        match probe_until_received(&mut second, &mut subscriber, SECOND).await? {
            Some(message) if message == FIRST => continue,
            other => {
                received = other;
                break;
            }
        }
    }
    let mut newcomer = End::new(&lab, pairing.connects, Kind::Sub)?;
    newcomer.subscribe(b"").await?;
    newcomer.connect(&endpoint).await?;
    let newcomer_got = probe_until_received(&mut second, &mut newcomer, SECOND).await?;
    Ok(Comeback {
        endpoint,
        received,
        newcomer: newcomer_got,
    })
}

pub fn judge(transport: Transport, comeback: &Comeback) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &comeback.endpoint);
    let got = |m: &Option<Vec<u8>>| match m {
        Some(message) => format!("received {}", lab::show(message)),
        None => "received nothing".to_string(),
    };
    finding.observe(
        comeback.received.as_deref() == Some(SECOND),
        format!(
            "the same SUB, waiting in recv, {} from a new publisher at the same address",
            got(&comeback.received)
        ),
    );
    finding.observe(
        comeback.newcomer.as_deref() == Some(SECOND),
        format!("a new SUB beside it {}", got(&comeback.newcomer)),
    );
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let comeback = run(publisher_comes_back(pairing, transport))?;
    Ok(judge(transport, &comeback))
}
