//! RR2 on both implementations: one server for many clients, and one client connected to
//! many servers (which deals its requests in turn).

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use zmq_workbook::claims::reqrep::rr1::{self, CLIENTS};
use zmq_workbook::claims::reqrep::rr2::{self, Dealt, REQUESTS, SERVERS};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{Lab, Transport, BOUND};

use crate::end::{run, End, Kind, Pairing};

/// One REQ (connecting) on `servers` REPs (binding) sends `requests` requests, one at a
/// time; which server answered each.
pub async fn one_client_many_servers(
    pairing: Pairing,
    transport: Transport,
    servers: usize,
    requests: usize,
) -> Result<Dealt> {
    let lab = Lab::new()?;
    let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
    let (mut sockets, mut endpoints) = (Vec::new(), Vec::new());
    for _ in 0..servers {
        let mut server = End::new(&lab, pairing.binds, Kind::Rep)?;
        let endpoint = server.bind(&lab, transport).await?;
        client.connect(&endpoint).await?;
        endpoints.push(endpoint);
        sockets.push(server);
    }
    let connected = client.await_peers(servers).await?;
    let mut answered_by = Vec::new();
    for _ in 0..requests {
        client.send_one("which server?").await?;
        // Exactly one server holds the request: look at each in turn until one has it.
        let began = Instant::now();
        let index = 'found: loop {
            for (index, server) in sockets.iter_mut().enumerate() {
                if server
                    .recv_within(Duration::from_millis(2))
                    .await?
                    .is_some()
                {
                    break 'found index;
                }
            }
            if began.elapsed() > BOUND {
                bail!(
                    "no server received the request within {} ms",
                    BOUND.as_millis()
                );
            }
        };
        for (other, server) in sockets.iter_mut().enumerate() {
            if other != index && server.recv_within(Duration::ZERO).await?.is_some() {
                bail!("servers {index} and {other} both received one request");
            }
        }
        sockets[index].send_one(format!("server {index}")).await?;
        let reply = client.recv().await?.concat();
        if reply != format!("server {index}").as_bytes() {
            bail!("server {index}'s reply came back as {reply:?}");
        }
        answered_by.push(index);
    }
    Ok(Dealt {
        endpoints,
        connected,
        answered_by,
    })
}

/// Measures and judges RR2 as libzmq's run is judged.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let (served, dealt) = run(async {
        Ok((
            super::rr1::many_clients(pairing, transport, CLIENTS).await?,
            one_client_many_servers(pairing, transport, SERVERS, REQUESTS).await?,
        ))
    })?;
    let mut finding = Finding::new();
    rr1::judge_served(&mut finding, transport, CLIENTS, &served);
    rr2::judge_dealing(&mut finding, transport, (SERVERS, REQUESTS), &dealt);
    Ok(finding)
}
