"""PS1, in your own program: one send reaches every subscriber (src/claims/pubsub/ps1.rs,
`own`)."""

import bench
import zmq


# ANCHOR: own
def publish(publisher, topic, news):
    """The publisher binds and sends each message once; libzmq copies it to every
    subscriber connected to that address whose filter matches. The topic is the first
    frame, ended by a dot so that "123" cannot match "1234" (PS2's lines subscribe so)."""
    publisher.send_multipart([f"{topic}.".encode(), news])  # no loop over subscribers
# ANCHOR_END: own


with bench.Context() as context:
    publisher = context.socket(zmq.XPUB)
    publisher.xpub_verbose = True
    endpoint = bench.tcp(publisher)
    subscribers = []
    for wanted in [b"news.", b""]:
        subscriber = context.socket(zmq.SUB)
        subscriber.subscribe(wanted)
        subscriber.connect(endpoint)
        subscribers.append(subscriber)
    bench.await_subscriptions(publisher, 2)
    publish(publisher, "news", b"rain")
    for wanted, subscriber in zip([b"news.", b""], subscribers):
        received = bench.recv_multipart_within(subscriber)
        assert received == [b"news.", b"rain"], f"the subscriber to {wanted!r} got {received!r}"
    context.destroy(linger=0)
bench.done("one send reached both subscribers")
