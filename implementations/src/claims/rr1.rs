//! RR1 on both implementations: whatever REQ asks, REP answers back to that REQ.

use std::time::Instant;

use anyhow::{ensure, Result};
use zmq_workbook::claims::reqrep::rr1::{self, Hello, Served, CLIENTS};
use zmq_workbook::claims::reqrep::{answer_to, Exchange};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Transport};

use crate::end::{run, End, Kind, Pairing};

/// The article's hello → world, with the server made by one implementation and the client
/// by the other.
pub async fn hello_world(pairing: Pairing, transport: Transport) -> Result<Hello> {
    let lab = Lab::new()?;
    let mut server = End::new(&lab, pairing.binds, Kind::Rep)?;
    let endpoint = server.bind(&lab, transport).await?;
    let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
    client.connect(&endpoint).await?;

    client.send_one("hello").await?;
    let request = server.recv().await?;
    ensure!(request == [b"hello"], "the server got {request:?}");
    server.send_one("world").await?;
    let reply = client.recv().await?.concat();
    Ok(Hello { endpoint, reply })
}

/// `clients` clients on one server, every one asking before the server answers any.
pub async fn many_clients(
    pairing: Pairing,
    transport: Transport,
    clients: usize,
) -> Result<Served> {
    let lab = Lab::new()?;
    let mut server = End::new(&lab, pairing.binds, Kind::Rep)?;
    let endpoint = server.bind(&lab, transport).await?;
    let mut sockets = Vec::new();
    for _ in 0..clients {
        let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
        client.connect(&endpoint).await?;
        sockets.push(client);
    }
    let mut asked_at = Vec::new();
    for (i, client) in sockets.iter_mut().enumerate() {
        client.send_one(format!("client {i}")).await?;
        asked_at.push(Instant::now());
    }
    for _ in 0..clients {
        let request = lab::text(&server.recv().await?.concat());
        server.send_one(answer_to(&request)).await?;
    }
    let mut answered_at = Vec::new();
    let mut exchanges = Vec::new();
    for (i, client) in sockets.iter_mut().enumerate() {
        let answered = lab::text(&client.recv().await?.concat());
        answered_at.push(Instant::now());
        exchanges.push(Exchange {
            asked: format!("client {i}"),
            answered,
        });
    }
    Ok(Served {
        endpoint,
        exchanges,
        asked_at,
        answered_at,
    })
}

/// Measures and judges RR1 as libzmq's run is judged.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let (hello, served) = run(async {
        Ok((
            hello_world(pairing, transport).await?,
            many_clients(pairing, transport, CLIENTS).await?,
        ))
    })?;
    let mut finding = Finding::new();
    rr1::judge_hello(&mut finding, transport, &hello);
    rr1::judge_served(&mut finding, transport, CLIENTS, &served);
    Ok(finding)
}
