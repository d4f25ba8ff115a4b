//! ZeroMQ in ten minutes: the three patterns in plain `zmq` calls, as the book's primer
//! shows them. No lab helpers here: a context, sockets, bind or connect, send and
//! receive.

// ANCHOR: request_reply
/// Request–reply: the client asks "hello", the server answers "world".
pub fn request_reply(endpoint: &str) -> zmq::Result<Vec<u8>> {
    let context = zmq::Context::new();
    let server = context.socket(zmq::REP)?;
    server.bind(endpoint)?; // the side that stays put binds…
    let client = context.socket(zmq::REQ)?;
    client.connect(endpoint)?; // …the others connect to its address

    client.send("hello", 0)?;
    server.recv_bytes(0)?; // "hello"
    server.send("world", 0)?; // goes back to the client that asked
    client.recv_bytes(0) // "world"
}
// ANCHOR_END: request_reply

// ANCHOR: publish_subscribe
/// Publish–subscribe: a subscriber that asked for "123" gets the messages that begin with
/// it.
pub fn publish_subscribe(endpoint: &str) -> zmq::Result<Vec<Vec<u8>>> {
    let context = zmq::Context::new();
    let publisher = context.socket(zmq::XPUB)?; // a PUB that also shows who subscribed
    publisher.bind(endpoint)?;
    let subscriber = context.socket(zmq::SUB)?;
    subscriber.set_subscribe(b"123")?; // without a subscription, a SUB gets nothing
    subscriber.connect(endpoint)?;

    publisher.recv_bytes(0)?; // the subscription has arrived: the subscriber is ready
    for news in ["123 first", "456 not for it", "123 second"] {
        publisher.send(news, 0)?; // one send, to every subscriber that wants it
    }
    Ok(vec![subscriber.recv_bytes(0)?, subscriber.recv_bytes(0)?])
}
// ANCHOR_END: publish_subscribe

// ANCHOR: pipeline
/// Pipeline: a ventilator pushes tasks, a worker pulls each one and pushes it on, a sink
/// pulls the results. Start more workers on the same addresses and the tasks are dealt
/// among them, each to exactly one.
pub fn pipeline(tasks_at: &str, results_at: &str) -> zmq::Result<Vec<Vec<u8>>> {
    let context = zmq::Context::new();
    let ventilator = context.socket(zmq::PUSH)?;
    ventilator.bind(tasks_at)?;
    let sink = context.socket(zmq::PULL)?;
    sink.bind(results_at)?;
    let (worker_in, worker_out) =
        (context.socket(zmq::PULL)?, context.socket(zmq::PUSH)?);
    worker_in.connect(tasks_at)?;
    worker_out.connect(results_at)?;

    for task in ["task 1", "task 2", "task 3"] {
        ventilator.send(task, 0)?;
    }
    for _ in 0..3 {
        let task = worker_in.recv_bytes(0)?; // the worker's loop: pull a task…
        worker_out.send(task, 0)?; // …and push its result on
    }
    (0..3).map(|_| sink.recv_bytes(0)).collect()
}
// ANCHOR_END: pipeline
