//! RR5 on both implementations: a server's recv waits, with no client at all, until a
//! request comes.
//!
//! libzmq's verdict holds only when no receive timeout is set; zmq.rs has no receive
//! timeout option at all, so the run measures the case both have: none set. Its silence
//! is a documented window ([`SILENCE`]); the request that then ends the wait is the
//! control that the same server receives.

use std::time::{Duration, Instant};

use anyhow::Result;
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Transport, BOUND, SILENCE};

use crate::end::{run, End, Kind, Pairing};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waited {
    pub endpoint: String,
    /// What the server's recv got with nobody connected, and how long it was given.
    pub alone: Option<Vec<Vec<u8>>>,
    pub waited_alone: Duration,
    /// What the next recv got once a client, in another task, connected and asked.
    pub then: Option<Vec<Vec<u8>>>,
}

pub async fn server_waits(pairing: Pairing, transport: Transport) -> Result<Waited> {
    let lab = Lab::new()?;
    let mut server = End::new(&lab, pairing.binds, Kind::Rep)?;
    let endpoint = server.bind(&lab, transport).await?;
    let began = Instant::now();
    let alone = server.recv_within(SILENCE).await?;
    let waited_alone = began.elapsed();

    let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
    let address = endpoint.clone();
    // The client asks from a task of its own while the server waits in recv.
    let asking = tokio::spawn(async move {
        client.connect(&address).await?;
        client.send_one("hello").await?;
        anyhow::Ok(client)
    });
    let then = server.recv_within(BOUND).await?;
    let _client = asking.await??;
    Ok(Waited {
        endpoint,
        alone,
        waited_alone,
        then,
    })
}

pub fn judge(transport: Transport, waited: &Waited) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &waited.endpoint);
    let alone = match &waited.alone {
        None => format!("still waiting after {} ms", SILENCE.as_millis()),
        Some(message) => format!("returned {}", lab::show(&message.concat())),
    };
    finding.observe(
        waited.alone.is_none() && waited.waited_alone + lab::CLOCK_SLACK >= SILENCE,
        format!("recv with no client at all: {alone}"),
    );
    let then = match &waited.then {
        Some(message) => format!("returned {}", lab::show(&message.concat())),
        None => "still nothing".into(),
    };
    finding.observe(
        waited.then.as_deref() == Some(&[b"hello".to_vec()][..]),
        format!("then a client asked: the waiting server {then}"),
    );
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let waited = run(server_waits(pairing, transport))?;
    Ok(judge(transport, &waited))
}
