"""G1, in your own program: a matched pair talks (src/claims/general/g1.rs, `own`)."""

import bench
import zmq
from zmq.utils.monitor import recv_monitor_message


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

    # Beside it, a wrong pair: a REQ asks a PULL. The connection is dropped at the handshake
    # (only a monitor says so), and the question goes nowhere.
    puller = context.socket(zmq.PULL)
    puller.bind(bench.ipc("puller"))
    asker = context.socket(zmq.REQ)
    events = asker.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_DISCONNECTED)
    asker.connect(bench.ipc("puller"))
    asker.send(b"hello", zmq.NOBLOCK)  # queued for a connection that never completes
    assert events.poll(bench.BOUND_MS), "the connection was neither made nor dropped"
    event = recv_monitor_message(events)["event"]
    assert event == zmq.EVENT_DISCONNECTED, f"{event!r}: a REQ and a PULL shook hands"
    assert bench.silent(puller), "a PULL received a REQ's question"
    asker.disable_monitor()
    context.destroy(linger=0)
bench.done("REQ and REP talk; a REQ and a PULL fail at the handshake, and nothing arrives")
