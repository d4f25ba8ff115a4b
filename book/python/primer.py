"""The primer's three patterns in plain pyzmq, as src/primer.rs has them in Rust."""

import bench
import zmq


# ANCHOR: request_reply
def request_reply(endpoint):
    """Request–reply: the client asks "hello", the server answers "world"."""
    with zmq.Context() as context:
        server = context.socket(zmq.REP)
        server.bind(endpoint)  # the side that stays put binds…
        client = context.socket(zmq.REQ)
        client.connect(endpoint)  # …the others connect to its address

        client.send(b"hello")
        server.recv()  # b"hello"
        server.send(b"world")  # goes back to the client that asked
        return client.recv()  # b"world"
# ANCHOR_END: request_reply


# ANCHOR: publish_subscribe
def publish_subscribe(endpoint):
    """Publish–subscribe: a subscriber that asked for "123" gets the messages that begin
    with it."""
    with zmq.Context() as context:
        publisher = context.socket(zmq.XPUB)  # a PUB that also shows who subscribed
        publisher.bind(endpoint)
        subscriber = context.socket(zmq.SUB)
        subscriber.subscribe(b"123")  # without a subscription, a SUB gets nothing
        subscriber.connect(endpoint)

        publisher.recv()  # the subscription has arrived: the subscriber is ready
        for news in [b"123 first", b"456 not for it", b"123 second"]:
            publisher.send(news)  # one send, to every subscriber that wants it
        return [subscriber.recv(), subscriber.recv()]
# ANCHOR_END: publish_subscribe


# ANCHOR: pipeline
def pipeline(tasks_at, results_at):
    """Pipeline: a ventilator pushes tasks, a worker pulls each one and pushes it on, a
    sink pulls the results. Start more workers on the same addresses and the tasks are
    dealt among them, each to exactly one."""
    with zmq.Context() as context:
        ventilator = context.socket(zmq.PUSH)
        ventilator.bind(tasks_at)
        sink = context.socket(zmq.PULL)
        sink.bind(results_at)
        worker_in = context.socket(zmq.PULL)
        worker_out = context.socket(zmq.PUSH)
        worker_in.connect(tasks_at)
        worker_out.connect(results_at)

        for task in [b"task 1", b"task 2", b"task 3"]:
            ventilator.send(task)
        for _ in range(3):
            task = worker_in.recv()  # the worker's loop: pull a task…
            worker_out.send(task)  # …and push its result on
        return [sink.recv() for _ in range(3)]
# ANCHOR_END: pipeline


assert request_reply(bench.ipc("server")) == b"world"
assert publish_subscribe(bench.ipc("news")) == [b"123 first", b"123 second"]
assert pipeline(bench.ipc("tasks"), bench.ipc("results")) == [b"task 1", b"task 2", b"task 3"]
bench.done("request-reply answers world; a subscriber gets what begins with 123; "
           "every task reaches the sink")
