"""PS2, in your own program: a separator keeps topics apart (src/claims/pubsub/ps2.rs,
`own`)."""

import bench
import zmq


# ANCHOR: own
def subscribe_to(context, publisher, topics):
    """A subscription is a byte prefix of the first frame. End each topic with a
    separator, so that "123" does not also match "1234" (PS1's lines publish so)."""
    subscriber = context.socket(zmq.SUB)
    for topic in topics:
        subscriber.subscribe(f"{topic}.")  # "123." not "1234"
    subscriber.connect(publisher)
    return subscriber
# ANCHOR_END: own


with bench.Context() as context:
    publisher = context.socket(zmq.XPUB)
    publisher.xpub_verbose = True
    publisher.bind("inproc://news")
    subscriber = subscribe_to(context, "inproc://news", ["123", "end"])
    bench.await_subscriptions(publisher, 2)
    for message in [b"1234.price", b"123.price", b"123", b"end."]:
        publisher.send(message)
    received = bench.recv_until(subscriber, b"end.")
    assert received == [b"123.price"], f"the subscriber to 123 got {received!r}"
    context.destroy(linger=0)
bench.done("a subscriber to 123. got 123.price, not 1234.price")
