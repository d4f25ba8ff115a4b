//! RR4 ★ on both implementations: whichever side starts first, the exchange is the same.
//!
//! libzmq's `connect` returns at once, so its client can even send before anything binds.
//! zmq.rs's `connect` is a future that completes only once a peer is there: a client that
//! starts first has a connect under way when the server binds. The run records whether
//! the connect had returned before the bind; the judgement is libzmq's on the claim's
//! promise: hello → world in either order.

use std::time::{Duration, Instant};

use anyhow::Result;
use zmq_workbook::claims::reqrep::rr4::StartOrder;
use zmq_workbook::claims::{ms, Finding};
use zmq_workbook::lab::{self, Lab, Transport, BOUND, SILENCE};

use crate::end::{bounded, run, End, Kind, Pairing};

/// One exchange in the given order, and what the order looked like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub reply: Vec<u8>,
    /// Client first: whether its connect had returned before the server bound (it was
    /// given [`SILENCE`]).
    pub connected_before_bind: Option<bool>,
    pub endpoint: String,
    pub took: Duration,
}

pub async fn exchange_in_order(
    pairing: Pairing,
    transport: Transport,
    order: StartOrder,
) -> Result<Started> {
    let began = Instant::now();
    let lab = Lab::new()?;
    let mut server = End::new(&lab, pairing.binds, Kind::Rep)?;
    let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
    let (endpoint, connected_before_bind) = match order {
        StartOrder::ServerFirst => {
            let endpoint = server.bind(&lab, transport).await?;
            client.connect(&endpoint).await?;
            (endpoint, None)
        }
        StartOrder::ClientFirst => {
            let endpoint = lab.endpoint(transport)?;
            let address = endpoint.clone();
            let connecting = client.connect(&address);
            tokio::pin!(connecting);
            // The connect gets a window to return on its own, as libzmq's does at once.
            let early = tokio::time::timeout(SILENCE, &mut connecting).await;
            let returned = early.is_ok();
            if let Ok(connected) = early {
                connected?;
            }
            server.bind_at(&endpoint).await?;
            if !returned {
                bounded("connect", BOUND, connecting).await??;
            }
            (endpoint, Some(returned))
        }
    };
    client.send_one("hello").await?;
    let request = server.recv().await?;
    anyhow::ensure!(request == [b"hello"], "the server got {request:?}");
    server.send_one("world").await?;
    let reply = client.recv().await?.concat();
    Ok(Started {
        reply,
        connected_before_bind,
        endpoint,
        took: began.elapsed(),
    })
}

/// Judges the exchange: hello → world, whichever side started first.
pub fn judge(transport: Transport, order: StartOrder, started: &Started) -> Finding {
    let mut finding = Finding::new();
    finding.used_transport(transport, &started.endpoint);
    let reply = lab::text(&started.reply);
    let how = match (order, started.connected_before_bind) {
        (StartOrder::ServerFirst, _) => "server first".to_string(),
        (StartOrder::ClientFirst, Some(true)) => {
            "client first (connect returned before the bind)".to_string()
        }
        (StartOrder::ClientFirst, _) => {
            "client first (connect waited for the bind)".to_string()
        }
    };
    finding.observe(started.reply == b"world", format!("{how}: hello → {reply}"));
    finding.figure(format!("{order:?} {}", ms(started.took)));
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let mut finding = Finding::new();
    for order in [StartOrder::ServerFirst, StartOrder::ClientFirst] {
        let started = run(exchange_in_order(pairing, transport, order))?;
        finding.absorb(judge(transport, order, &started));
    }
    Ok(finding)
}
