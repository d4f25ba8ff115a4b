"""PS7, in your own program: a subscriber that hears the publisher come back
(src/claims/pubsub/ps7.rs, `own`)."""

import threading

import bench
import zmq


# ANCHOR: own
def next_message(subscriber, idle_ms, calls):
    """A subscriber that should outlive its publisher keeps calling into libzmq — here a
    recv with a timeout, in a loop — so that it resubscribes as soon as the publisher is
    back. Do other work between the calls, not instead of them."""
    subscriber.rcvtimeo = idle_ms
    for _ in range(calls):
        try:
            return subscriber.recv()
        except zmq.Again:
            pass  # quiet: do other work, then call again
    return None
# ANCHOR_END: own


with bench.Context() as context:
    endpoint = bench.ipc("news")  # the address the new publisher binds again
    first = context.socket(zmq.XPUB)
    first.xpub_verbose = True
    first.bind(endpoint)
    listener = context.socket(zmq.SUB)
    monitor = listener.get_monitor_socket(zmq.EVENT_DISCONNECTED)
    listener.subscribe(b"")
    listener.connect(endpoint)
    bench.await_subscriptions(first, 1)
    first.close(linger=0)  # the publisher leaves…
    assert monitor.poll(bench.BOUND_MS), "the listener never saw its publisher leave"
    listener.disable_monitor()

    heard = []
    listening = threading.Thread(
        target=lambda: heard.append(next_message(listener, 100, 100)), daemon=True)
    listening.start()
    second = context.socket(zmq.XPUB)  # …and a new one binds the same address
    second.xpub_verbose = True
    second.bind(endpoint)
    bench.await_subscriptions(second, 1)  # the listener came back by itself
    second.send(b"back")
    listening.join(bench.BOUND_MS / 1000)
    assert heard == [b"back"], f"the listener heard {heard!r}"
    context.destroy(linger=0)
bench.done("the listening subscriber resubscribed and heard the new publisher")
