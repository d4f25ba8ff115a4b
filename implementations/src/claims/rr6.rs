//! RR6 on both implementations: strictly one question, one answer; out of order is an
//! error.
//!
//! libzmq's judge asks for EFSM by name; zmq.rs has no errno, so this judge asks what the
//! article's sentence promises on either: the out-of-order call fails at once (within
//! [`SILENCE`]), and the pair then completes hello → world.

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};
use zmq_workbook::claims::reqrep::rr6::Mistake;
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Lab, Transport, SILENCE};

use crate::end::{run, End, Kind, Pairing};

/// How long an out-of-order call is given to return before it counts as one that waits.
pub const PATIENCE: Duration = Duration::from_millis(1000);

/// What one out-of-order call did, and whether the pair worked afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfOrder {
    /// The error's name (libzmq) or text (zmq.rs); `None` if the call was accepted.
    pub error: Option<String>,
    /// Whether the call returned within [`PATIENCE`], and how long it took.
    pub returned: bool,
    pub took: Duration,
    pub still_usable: bool,
    pub endpoint: String,
}

fn named(error: &anyhow::Error) -> String {
    match error.downcast_ref::<zmq::Error>() {
        Some(&e) => lab::error_name(e).to_string(),
        None => error.to_string(),
    }
}

/// Makes `mistake` on a connected pair (a client's mistake on the connecting side's
/// implementation, a server's on the binding side's), then carries on as a program that
/// caught the error would.
pub async fn out_of_order(
    pairing: Pairing,
    transport: Transport,
    mistake: Mistake,
) -> Result<OutOfOrder> {
    let lab = Lab::new()?;
    let mut server = End::new(&lab, pairing.binds, Kind::Rep)?;
    let endpoint = server.bind(&lab, transport).await?;
    let mut client = End::new(&lab, pairing.connects, Kind::Req)?;
    client.connect(&endpoint).await?;

    let mut started = Instant::now();
    // `Some(result)` if the call returned within PATIENCE.
    let result: Option<Result<()>> = match mistake {
        Mistake::ClientReceivesFirst => waited(client.recv_within(PATIENCE).await),
        Mistake::ClientSendsTwice => {
            client.send_one("hello").await?;
            started = Instant::now();
            Some(client.send_one("hello again").await)
        }
        Mistake::ServerSendsFirst => Some(server.send_one("world").await),
        Mistake::ServerReceivesTwice => {
            client.send_one("hello").await?;
            ensure!(server.recv().await? == [b"hello"]);
            started = Instant::now();
            waited(server.recv_within(PATIENCE).await)
        }
    };
    let took = started.elapsed();
    let (error, returned) = match &result {
        Some(Err(e)) => (Some(named(e)), true),
        Some(Ok(())) => (None, true),
        None => (None, false),
    };

    let then = async {
        match mistake {
            Mistake::ClientReceivesFirst | Mistake::ServerSendsFirst => {
                client.send_one("hello").await?
            }
            Mistake::ClientSendsTwice => {}
            Mistake::ServerReceivesTwice => {
                server.send_one("world").await?;
                ensure!(client.recv().await? == [b"world"]);
                client.send_one("hello").await?;
            }
        }
        let request = server.recv().await?;
        server.send_one("world").await?;
        Ok(request == [b"hello"] && client.recv().await? == [b"world"])
    };
    let still_usable: Result<bool> = then.await;
    Ok(OutOfOrder {
        error,
        returned,
        took,
        still_usable: still_usable.unwrap_or(false),
        endpoint,
    })
}

/// A receive given [`PATIENCE`]: `None` if nothing came (the call would still be waiting),
/// an error if it failed, `Ok` if a message came.
fn waited(received: Result<Option<Vec<Vec<u8>>>>) -> Option<Result<()>> {
    match received {
        Ok(None) => None,
        Ok(Some(_)) => Some(Ok(())),
        Err(e) => Some(Err(e)),
    }
}

/// Judges every mistake: each fails at once, and the pair then works.
pub fn judge(transport: Transport, outcomes: &[(Mistake, OutOfOrder)]) -> Finding {
    let mut finding = Finding::new();
    if !finding.check_count("mistakes", outcomes.len(), Mistake::ALL.len()) {
        return finding;
    }
    let mut groups: Vec<(String, bool, Vec<&str>)> = Vec::new();
    for (mistake, outcome) in outcomes {
        finding.used_transport(transport, &outcome.endpoint);
        let at_once = outcome.took < SILENCE;
        let result = match (&outcome.error, outcome.returned) {
            (Some(error), _) if at_once => format!("{error}, at once"),
            (Some(error), _) => format!("{error} after {} ms", outcome.took.as_millis()),
            (None, true) => "accepted".to_string(),
            (None, false) => format!(
                "no error: the call was still waiting after {} ms",
                PATIENCE.as_millis()
            ),
        };
        let expected = outcome.error.is_some() && at_once;
        match groups.iter_mut().find(|(r, _, _)| *r == result) {
            Some((_, _, mistakes)) => mistakes.push(mistake.describe()),
            None => groups.push((result, expected, vec![mistake.describe()])),
        }
    }
    for (result, expected, mistakes) in groups {
        finding.observe(expected, format!("{} → {result}", mistakes.join(", ")));
    }
    let usable = outcomes.iter().filter(|(_, o)| o.still_usable).count();
    finding.observe(
        usable == outcomes.len(),
        format!(
            "then {usable} of {} pairs completed hello → world",
            outcomes.len()
        ),
    );
    finding
}

pub fn finding(pairing: Pairing, transport: Transport) -> Result<Finding> {
    let outcomes = run(async {
        let mut outcomes = Vec::new();
        for mistake in Mistake::ALL {
            outcomes.push((mistake, out_of_order(pairing, transport, mistake).await?));
        }
        Ok(outcomes)
    })?;
    Ok(judge(transport, &outcomes))
}
