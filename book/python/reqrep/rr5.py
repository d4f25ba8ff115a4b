"""RR5, in your own program: a server that does not wait for ever
(src/claims/reqrep/rr5.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def serve_until_idle(server, idle_ms):
    """With a receive timeout, recv gives up with zmq.Again when nobody asked — a
    connected client that says nothing included."""
    server.rcvtimeo = idle_ms
    served = 0
    while True:
        try:
            request = server.recv()
        except zmq.Again:
            return served  # nobody asked for idle_ms
        server.send(request)
        served += 1
# ANCHOR_END: own


with bench.Context() as context:
    server = context.socket(zmq.REP)
    server.bind("inproc://server")
    client = context.socket(zmq.REQ)
    client.connect("inproc://server")
    client.send(b"one")
    with bench.Clock() as took:
        served = serve_until_idle(server, 200)
    assert served == 1, f"served {served}"
    assert bench.gave_up_at(took.ms, 200), f"gave up after {took.ms:.0f} ms, not 200"
    assert bench.recv_within(client) == b"one"
    context.destroy(linger=0)
bench.done("one request served, then the server stopped after 200 ms of silence")
