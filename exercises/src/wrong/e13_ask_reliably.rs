//! Wrong answers to exercise 13 that the check must reject.

use std::thread;
use std::time::Duration;

/// A fresh REQ for one try, with LINGER 0 and a receive timeout.
fn client(
    context: &zmq::Context,
    endpoint: &str,
    timeout: Duration,
) -> zmq::Result<zmq::Socket> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(0)?;
    client.set_rcvtimeo(timeout.as_millis() as i32)?;
    client.connect(endpoint)?;
    Ok(client)
}

/// One try: the reply, `None` if the receive timed out.
fn try_once(client: &zmq::Socket, request: &[u8]) -> zmq::Result<Option<Vec<u8>>> {
    client.send(request, 0)?;
    match client.recv_bytes(0) {
        Ok(reply) => Ok(Some(reply)),
        Err(zmq::Error::EAGAIN) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Up to `tries` tries, all on the one socket `client`.
fn tries_on(
    client: &zmq::Socket,
    request: &[u8],
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    for _ in 0..tries {
        if let Some(reply) = try_once(client, request)? {
            return Ok(Some(reply));
        }
    }
    Ok(None)
}

/// Up to `tries` tries of `timeout` each, each on a fresh socket.
fn fresh_tries(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    for _ in 0..tries {
        if let Some(reply) = try_once(&client(context, endpoint, timeout)?, request)? {
            return Ok(Some(reply));
        }
    }
    Ok(None)
}

/// Asks again on the same plain REQ: the second send is refused (EFSM).
pub fn same_socket(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    let client = client(context, endpoint, timeout)?;
    tries_on(&client, request, tries)
}

/// Fresh sockets, but without LINGER 0: each request nobody took keeps the context from
/// closing.
pub fn no_linger(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    for _ in 0..tries {
        let client = context.socket(zmq::REQ)?;
        client.set_rcvtimeo(timeout.as_millis() as i32)?;
        client.connect(endpoint)?;
        if let Some(reply) = try_once(&client, request)? {
            return Ok(Some(reply));
        }
    }
    Ok(None)
}

/// Gives up after the first try, whatever `tries` says.
pub fn one_try(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    _tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    try_once(&client(context, endpoint, timeout)?, request)
}

/// Asks again until a reply comes: with nobody there, it never returns.
pub fn retries_for_ever(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    _tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    loop {
        if let Some(reply) = try_once(&client(context, endpoint, timeout)?, request)? {
            return Ok(Some(reply));
        }
    }
}

/// Sleeps each try's timeout, then looks once: a reply that came early waits.
pub fn sleeps_then_looks(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    for _ in 0..tries {
        let client = client(context, endpoint, timeout)?;
        client.send(request, 0)?;
        thread::sleep(timeout);
        match client.recv_bytes(zmq::DONTWAIT) {
            Ok(reply) => return Ok(Some(reply)),
            Err(zmq::Error::EAGAIN) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}

/// A fixed 250 ms a try, whatever the timeout it is given.
pub fn fixed_250_ms(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    _timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    fresh_tries(
        context,
        endpoint,
        request,
        Duration::from_millis(250),
        tries,
    )
}

/// Three tries, the number it once saw in the checker's output.
pub fn three_tries(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    _tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    fresh_tries(context, endpoint, request, timeout, 3)
}

/// Turns the request into text on the way: bytes that are not UTF-8 change.
pub fn through_text(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    let text = String::from_utf8_lossy(request).into_owned();
    fresh_tries(context, endpoint, text.as_bytes(), timeout, tries)
}

/// Asks once and waits as long as all the tries together: a request the server lost is
/// never asked again.
pub fn asks_once_waits_long(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    let all_tries = timeout * tries as u32;
    try_once(&client(context, endpoint, all_tries)?, request)
}

/// Asks once before it counts the tries: with `tries` 0 it still asks.
pub fn asks_at_least_once(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    fresh_tries(context, endpoint, request, timeout, tries.max(1))
}

/// One REQ socket made relaxed, which may send again without its reply: every try goes on
/// the same connection, to the same server, never to whatever server is there by then.
pub fn relaxed_single_socket(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(0)?;
    client.set_req_relaxed(true)?;
    client.set_req_correlate(true)?;
    client.set_rcvtimeo(timeout.as_millis() as i32)?;
    client.connect(endpoint)?;
    tries_on(&client, request, tries)
}

/// Asks again after half the timeout, "to notice a lost request sooner": a reply that
/// takes longer than that is never waited for.
pub fn asks_again_after_half_the_timeout(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    fresh_tries(context, endpoint, request, timeout / 2, tries)
}

/// Keeps the socket of every try open and waits on all of them: a reply that comes to a
/// try after its timeout, when that try is over, is still taken.
pub fn keeps_the_old_sockets(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    let mut clients = Vec::new();
    for _ in 0..tries {
        let client = client(context, endpoint, timeout)?;
        client.send(request, 0)?;
        clients.push(client);
        let mut items: Vec<zmq::PollItem> = clients
            .iter()
            .map(|c| c.as_poll_item(zmq::POLLIN))
            .collect();
        zmq::poll(&mut items, timeout.as_millis() as i64)?;
        if let Some(ready) = items.iter().position(|item| item.is_readable()) {
            return Ok(Some(clients[ready].recv_bytes(0)?));
        }
    }
    Ok(None)
}

/// Turns reconnection off on each try's socket, "it is thrown away anyway": a try whose
/// connect found nobody never connects, even when the server comes during it.
pub fn no_reconnection(
    context: &zmq::Context,
    endpoint: &str,
    request: &[u8],
    timeout: Duration,
    tries: usize,
) -> zmq::Result<Option<Vec<u8>>> {
    for _ in 0..tries {
        let client = context.socket(zmq::REQ)?;
        client.set_linger(0)?;
        client.set_reconnect_ivl(-1)?;
        client.set_rcvtimeo(timeout.as_millis() as i32)?;
        client.connect(endpoint)?;
        if let Some(reply) = try_once(&client, request)? {
            return Ok(Some(reply));
        }
    }
    Ok(None)
}
