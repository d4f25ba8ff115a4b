"""PS3, in your own program: the empty subscription takes everything
(src/claims/pubsub/ps3.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def subscribe_to_all(context, publisher):
    """A SUB receives nothing until it subscribes; the empty subscription takes
    everything."""
    subscriber = context.socket(zmq.SUB)
    subscriber.subscribe(b"")  # forget this line and nothing ever arrives
    subscriber.connect(publisher)
    return subscriber
# ANCHOR_END: own


with bench.Context() as context:
    publisher = context.socket(zmq.XPUB)
    publisher.xpub_verbose = True
    endpoint = bench.tcp(publisher)
    # Beside it, a SUB that subscribes to nothing, connected (its monitor saw the
    # handshake) before anything is published.
    unsubscribed = context.socket(zmq.SUB)
    monitor = unsubscribed.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    unsubscribed.connect(endpoint)
    bench.handshakes(monitor, 1)
    subscriber = subscribe_to_all(context, endpoint)
    bench.await_subscriptions(publisher, 1)
    for message in [b"", b"abc", b"\x00", b"end"]:
        publisher.send(message)
    received = bench.recv_until(subscriber, b"end")
    assert received == [b"", b"abc", b"\x00"], f"the subscriber to everything got {received!r}"
    # The same messages, had they been for it, would have come by now: the window only
    # confirms nothing is still on its way.
    assert bench.silent(unsubscribed), "a SUB without a subscription received something"
    unsubscribed.disable_monitor()
    context.destroy(linger=0)
bench.done("the empty subscription got every message; no subscription, none")
