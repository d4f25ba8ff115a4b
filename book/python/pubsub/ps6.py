"""PS6, in your own program: wait for the subscribers before publishing
(src/claims/pubsub/ps6.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def wait_for_subscribers(publisher, subscribers):
    r"""A publisher that knows how many subscribers to expect waits until their
    subscriptions have arrived. An XPUB hands them over as messages b"\x01<topic>"."""
    publisher.xpub_verbose = True  # pass on a topic another subscriber already has
    arrived = 0
    while arrived < subscribers:
        if publisher.recv()[:1] == b"\x01":
            arrived += 1
# ANCHOR_END: own


with bench.Context() as context:
    publisher = context.socket(zmq.XPUB)
    publisher.rcvtimeo = bench.BOUND_MS  # the wait ends, one way or the other
    endpoint = bench.tcp(publisher)
    subscribers = []
    for _ in range(2):
        subscriber = context.socket(zmq.SUB)
        subscriber.subscribe(b"")  # both to the same topic
        subscriber.connect(endpoint)
        subscribers.append(subscriber)
    wait_for_subscribers(publisher, 2)
    for message in [b"first", b"second", b"end"]:
        publisher.send(message)
    for i, subscriber in enumerate(subscribers):
        received = bench.recv_until(subscriber, b"end")
        assert received == [b"first", b"second"], f"subscriber {i} got {received!r}"
    context.destroy(linger=0)
bench.done("two subscribers waited for, and each got everything published after")
