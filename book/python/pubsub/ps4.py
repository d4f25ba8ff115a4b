"""PS4, in your own program: room for a burst, or a publisher that refuses instead of
dropping (src/claims/pubsub/ps4.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def roomy_pair(context, endpoint, burst):
    """A PUB never blocks for a slow subscriber; it drops what does not fit. If your
    subscribers may fall behind by a burst, make room for it on both sides, before bind
    and connect (a high-water mark applies to the connections made after it is set)."""
    publisher = context.socket(zmq.PUB)
    publisher.sndhwm = burst
    publisher.bind(endpoint)
    subscriber = context.socket(zmq.SUB)
    subscriber.rcvhwm = burst
    subscriber.subscribe(b"")
    subscriber.connect(endpoint)
    return publisher, subscriber


def refusing_publisher(context, endpoint, wait_ms):
    """When no message may be dropped for a subscriber that falls behind, an XPUB with
    XPUB_NODROP refuses the send instead (zmq.Again, here after waiting up to `wait_ms`
    for room), and the publisher decides what to do: wait, slow down, or tell someone.
    Every subscriber then runs at the pace of the slowest."""
    publisher = context.socket(zmq.XPUB)
    publisher.xpub_nodrop = True
    publisher.sndtimeo = wait_ms
    publisher.bind(endpoint)
    return publisher
# ANCHOR_END: own


with bench.Context() as context:
    burst = 5000
    publisher, subscriber = roomy_pair(context, "inproc://roomy", burst)
    for i in range(burst):
        publisher.send(str(i).encode(), zmq.NOBLOCK)
    received = []
    while len(received) < burst and (message := bench.recv_within(subscriber)) is not None:
        received.append(message)
    assert received == [str(i).encode() for i in range(burst)], \
        f"{len(received)} of the {burst} arrived"

    publisher = refusing_publisher(context, "inproc://refusing", 50)
    subscriber = context.socket(zmq.SUB)
    subscriber.subscribe(b"")
    subscriber.connect("inproc://refusing")
    assert bench.recv_within(publisher) == b"\x01", "the subscription never reached it"
    accepted = 0
    while True:
        try:
            publisher.send(str(accepted).encode())
        except zmq.Again:
            break
        accepted += 1
        assert accepted <= 10_000, "never refused"
    # inproc: one pipe of both sockets' marks, libzmq's 1000 each.
    assert accepted == 2000, f"refused after {accepted}"
    received = bench.expect(subscriber, accepted)
    assert received == [str(i).encode() for i in range(accepted)], "some were dropped"
    context.destroy(linger=0)
bench.done("room for the burst lost none of 5000; a refusing XPUB said zmq.Again after "
           "2000 and dropped none")
