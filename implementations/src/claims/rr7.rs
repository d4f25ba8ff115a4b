//! RR7 on both implementations: frames and sizes go over the wire byte-exact, and
//! boundaries are kept.

use std::time::Instant;

use anyhow::Result;
use zmq_workbook::claims::reqrep::rr7::{
    self, frames, payloads, Delivered, Echoed, Frames, Measured, QUICK_SENDS,
};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{Lab, Transport, BOUND, SILENCE};

use crate::end::{run, End, Kind, Pairing};

/// Sends `request` from REQ to REP and the same frames back.
pub async fn echo(
    pairing: Pairing,
    transport: Transport,
    request: &[Vec<u8>],
) -> Result<Echoed> {
    let lab = Lab::new()?;
    let mut server = End::new(&lab, pairing.binds, Kind::Rep)?;
    let endpoint = server.bind(&lab, transport).await?;
    let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
    client.connect(&endpoint).await?;

    client.send(request.to_vec()).await?;
    let seen_by_server = server.recv().await?;
    server.send(seen_by_server.clone()).await?;
    let reply = client.recv().await?;
    Ok(Echoed {
        endpoint,
        seen_by_server,
        reply,
    })
}

/// Sends `sent` messages of sizes 0, 1, 2, … from a PUSH (connecting) to a PULL
/// (binding); waits for each, then listens [`SILENCE`] more for extras.
pub async fn boundaries(
    pairing: Pairing,
    transport: Transport,
    sent: usize,
) -> Result<Delivered> {
    let lab = Lab::new()?;
    let mut receiver = End::new(&lab, pairing.binds, Kind::Pull)?;
    let endpoint = receiver.bind(&lab, transport).await?;
    let mut sender = End::new(&lab, pairing.connects, Kind::Push)?;
    sender.connect(&endpoint).await?;
    for size in 0..sent {
        sender.send_one(vec![b'x'; size]).await?;
    }
    let began = Instant::now();
    let mut received: Vec<Frames> = Vec::new();
    while received.len() < sent {
        match receiver.recv_within(BOUND).await? {
            Some(message) => received.push(message),
            None => break,
        }
    }
    while let Some(extra) = receiver.recv_within(SILENCE).await? {
        received.push(extra);
    }
    Ok(Delivered {
        endpoint,
        // A message of several frames counts its bytes in all, as one message.
        sizes: received
            .iter()
            .map(|m| m.iter().map(Vec::len).sum())
            .collect(),
        listened: began.elapsed(),
    })
}

pub async fn measure(pairing: Pairing, transport: Transport) -> Result<Measured> {
    let started = Instant::now();
    let mut echoes = Vec::new();
    for (name, payload) in payloads() {
        let echoed = echo(pairing, transport, std::slice::from_ref(payload)).await?;
        echoes.push((*name, payload.clone(), echoed));
    }
    let sent = frames();
    let echoed = echo(pairing, transport, &sent).await?;
    Ok(Measured {
        transport,
        echoes,
        multipart: (sent, echoed),
        delivered: boundaries(pairing, transport, QUICK_SENDS).await?,
        took: started.elapsed(),
    })
}

/// Measures and judges RR7 as libzmq's run is judged.
pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let measured = run(measure(pairing, transport))?;
    Ok(rr7::judge(&measured))
}
