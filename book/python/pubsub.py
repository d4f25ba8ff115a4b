"""Publish–subscribe, the overview's two blocks: the subscriber's one line that matters
(src/bin/ps-subscriber.rs, `subscribe`), and a publisher that waits for its subscribers
(src/claims/pubsub/mod.rs, `publisher`)."""

import bench
import zmq


# ANCHOR: publisher
def publisher(context):
    """A publisher that shows the subscriptions it receives: an XPUB in verbose mode
    (every subscription is passed on, even one it has seen before from another
    subscriber)."""
    publisher = context.socket(zmq.XPUB)
    publisher.xpub_verbose = True
    return publisher


def await_subscriptions(publisher, count, timeout_ms=5000):
    r"""Waits until `count` subscriptions have reached `publisher`: from then on, every
    message it sends on those topics is delivered. A subscription arrives as a message
    b"\x01<topic>" (b"\x00<topic>" is an unsubscription); returns the topics."""
    topics = []
    while len(topics) < count:
        if not publisher.poll(timeout_ms):
            raise TimeoutError(f"{len(topics)} of {count} subscriptions came")
        event = publisher.recv()
        if event[:1] == b"\x01":
            topics.append(event[1:])
    return topics
# ANCHOR_END: publisher


context = zmq.Context()
news = publisher(context)
endpoint = bench.tcp(news)

# The subscriber of the article's program, with its filter.
subscriber = context.socket(zmq.SUB)
topic_filter = "123"
# ANCHOR: subscribe
# Without a subscription a SUB receives nothing at all (PS3).
subscriber.setsockopt(zmq.SUBSCRIBE, topic_filter.encode())  # or .subscribe(topic_filter)
# ANCHOR_END: subscribe
subscriber.connect(endpoint)
# Two more: one to the same topic, one to everything.
subscribers = [subscriber]
for also in [b"123", b""]:
    subscribers.append(context.socket(zmq.SUB))
    subscribers[-1].subscribe(also)
    subscribers[-1].connect(endpoint)

assert sorted(await_subscriptions(news, 3)) == [b"", b"123", b"123"], \
    "not every subscription was passed on"
for message in [b"123 first", b"456 second", b"123 end"]:
    news.send(message)
received = [bench.recv_until(subscriber, b"123 end") for subscriber in subscribers]
assert received == [[b"123 first"], [b"123 first"], [b"123 first", b"456 second"]], \
    f"received {received!r}"
# Nobody else subscribes: the wait says so, at its bound.
with bench.Clock() as took:
    try:
        await_subscriptions(news, 1, 100)
        raise AssertionError("a subscription that never came was counted")
    except TimeoutError:
        pass
assert bench.gave_up_at(took.ms, 100), f"gave up after {took.ms:.0f} ms"
context.destroy(linger=0)
bench.done("three subscriptions came, two of them alike; each subscriber got what its filter "
           "matches; a wait for one more ended at its bound")
