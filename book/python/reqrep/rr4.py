"""RR4, in your own program: the client may start first (src/claims/reqrep/rr4.rs, `own`)."""

import threading

import bench
import zmq


# ANCHOR: own
def ask(context, server, timeout_ms):
    """Start the client first if you like; its request waits in its queue until the
    server is up. Give it a receive timeout in case the server never comes."""
    with context.socket(zmq.REQ) as client:
        client.linger = 0  # closing must not wait to deliver to a server that never came
        client.rcvtimeo = timeout_ms
        client.connect(server)  # fine whether or not the server is up yet
        client.send(b"hello")
        try:
            return client.recv()
        except zmq.Again:
            return None  # no reply within the timeout
# ANCHOR_END: own


context = zmq.Context()
# The client first: it asks at an address nobody has bound yet (ipc: known in advance).
endpoint = bench.ipc("server")
answers = []
asking = threading.Thread(
    target=lambda: answers.append(ask(context, endpoint, 5000)), daemon=True)
asking.start()
server = context.socket(zmq.REP)
server.bind(endpoint)  # the client may be first, or not
assert bench.recv_within(server) == b"hello", "the queued request never came"
server.send(b"world")
asking.join(bench.BOUND_MS / 1000)
assert answers == [b"world"], f"the client got {answers!r}"

# A server that never comes: the client gives up at its timeout.
with bench.Clock() as took:
    answer = ask(context, bench.ipc("nobody"), 100)
assert answer is None, answer
assert bench.gave_up_at(took.ms, 100), f"gave up after {took.ms:.0f} ms, not 100"
server.close(linger=0)
context.term()  # returns only once every socket is closed and has nothing left to send
bench.done("a client that starts first is answered; with nobody there it gives up at 100 ms")
