"""G1, in your own program: a matched pair talks (src/claims/general/g1.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def a_matched_pair(context, endpoint):
    """Pair the socket types of one pattern: REQ with REP, PUB with SUB, PUSH with PULL.
    Over tcp and ipc a wrong pair is dropped at the handshake (and nothing tells your
    code); over inproc nothing checks at all."""
    server = context.socket(zmq.REP)  # REP answers…
    server.bind(endpoint)
    client = context.socket(zmq.REQ)  # …what REQ asks
    client.connect(endpoint)
    client.send(b"hello")
    request = server.recv()
    server.send(request)
    return client.recv()
# ANCHOR_END: own


with bench.Context() as context:
    assert a_matched_pair(context, bench.ipc("server")) == b"hello"
    context.destroy(linger=0)
bench.done("REQ and REP talk")
