"""PS5, in your own program: a newcomer gets the latest value (src/claims/pubsub/ps5.rs,
`own`)."""

import bench
import zmq


# ANCHOR: own
def welcome(publisher, latest):
    r"""A subscriber that comes back gets only what is published afterwards. If it needs
    the latest value at once, hand it over when its subscription arrives: an XPUB (with
    XPUB_VERBOSE) receives each subscription as a message b"\x01<topic>"."""
    subscription = publisher.recv()
    if subscription[:1] != b"\x01":
        return False  # an unsubscription
    # The newcomer is subscribed now: this reaches it (and every other subscriber again).
    publisher.send(latest)
    return True
# ANCHOR_END: own


with bench.Context() as context:
    publisher = context.socket(zmq.XPUB)
    publisher.xpub_verbose = True
    publisher.rcvtimeo = bench.BOUND_MS  # `welcome` waits for a subscription: not for ever
    endpoint = bench.tcp(publisher)
    publisher.send(b"price 41")  # nobody there: gone
    newcomer = context.socket(zmq.SUB)
    newcomer.subscribe(b"price")
    newcomer.connect(endpoint)
    assert welcome(publisher, b"price 41") is True
    assert bench.recv_within(newcomer) == b"price 41", "the newcomer was not welcomed"
    # An unsubscription is no newcomer: nothing is sent.
    newcomer.unsubscribe(b"price")
    assert welcome(publisher, b"price 41") is False, "an unsubscription was welcomed"
    context.destroy(linger=0)
bench.done("the newcomer got the latest value as soon as its subscription came; "
           "an unsubscription got nothing")
