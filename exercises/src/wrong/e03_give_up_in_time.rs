//! Wrong answers to exercise 3 that the check must reject.

use std::thread;
use std::time::Duration;

fn client(context: &zmq::Context, endpoint: &str) -> zmq::Result<zmq::Socket> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(0)?;
    client.connect(endpoint)?;
    Ok(client)
}

fn answer(bytes: zmq::Result<Vec<u8>>) -> zmq::Result<Option<String>> {
    match bytes {
        Ok(answer) => Ok(Some(String::from_utf8_lossy(&answer).into_owned())),
        Err(zmq::Error::EAGAIN) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Waits for ever when nobody answers.
pub fn no_timeout(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    _timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = client(context, endpoint)?;
    client.send(question, 0)?;
    answer(client.recv_bytes(0))
}

/// Never even asks: gives up at once.
pub fn gives_up_at_once(
    _context: &zmq::Context,
    _endpoint: &str,
    _question: &str,
    _timeout: Duration,
) -> zmq::Result<Option<String>> {
    Ok(None)
}

/// Waits a fixed second, whatever the timeout it is given.
pub fn waits_a_fixed_second(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    _timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = client(context, endpoint)?;
    client.set_rcvtimeo(1000)?;
    client.send(question, 0)?;
    answer(client.recv_bytes(0))
}

/// Sleeps the whole timeout, then looks once: never late, but an answer that came early
/// waits.
pub fn sleeps_then_looks(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = client(context, endpoint)?;
    client.send(question, 0)?;
    thread::sleep(timeout);
    answer(client.recv_bytes(zmq::DONTWAIT))
}

/// A fixed 200 ms, the timeout it once saw in the checker's output.
pub fn waits_a_fixed_200_ms(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    _timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = client(context, endpoint)?;
    client.set_rcvtimeo(200)?;
    client.send(question, 0)?;
    answer(client.recv_bytes(0))
}

/// Tidies the answer up on the way: it is no longer the answer the server gave.
pub fn lower_cases_the_answer(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = client(context, endpoint)?;
    client.set_rcvtimeo(timeout.as_millis() as i32)?;
    client.send(question, 0)?;
    Ok(answer(client.recv_bytes(0))?.map(|answer| answer.to_lowercase()))
}

/// Gives up in time, but without LINGER 0: the unanswered question keeps the context from
/// closing when the server is not running.
pub fn no_linger(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = context.socket(zmq::REQ)?;
    client.set_rcvtimeo(timeout.as_millis() as i32)?;
    client.connect(endpoint)?;
    client.send(question, 0)?;
    answer(client.recv_bytes(0))
}

/// Takes the milliseconds of the timeout below the whole seconds (`subsec_millis`): a
/// timeout of over a second becomes a fraction of one.
pub fn takes_the_millis_below_the_second(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = client(context, endpoint)?;
    client.set_rcvtimeo(timeout.subsec_millis() as i32)?;
    client.send(question, 0)?;
    answer(client.recv_bytes(0))
}

/// Lingers as long as it waits, "in case the server comes up just after": the question it
/// gave up on still reaches a server that starts later.
pub fn lingers_as_long_as_it_waits(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    let client = context.socket(zmq::REQ)?;
    client.set_linger(timeout.as_millis() as i32)?;
    client.set_rcvtimeo(timeout.as_millis() as i32)?;
    client.connect(endpoint)?;
    client.send(question, 0)?;
    answer(client.recv_bytes(0))
}

/// Three tries of a third of the timeout each, on fresh sockets: an answer that takes the
/// server longer than a third is never waited for.
pub fn three_short_tries(
    context: &zmq::Context,
    endpoint: &str,
    question: &str,
    timeout: Duration,
) -> zmq::Result<Option<String>> {
    for _ in 0..3 {
        let client = client(context, endpoint)?;
        client.set_rcvtimeo((timeout / 3).as_millis() as i32)?;
        client.send(question, 0)?;
        if let Some(answer) = answer(client.recv_bytes(0))? {
            return Ok(Some(answer));
        }
    }
    Ok(None)
}
