"""RR2, in your own program: one REQ, several servers, no broker (src/claims/reqrep/rr2.rs,
`own`)."""

import bench
import zmq


# ANCHOR: own
def client_of(context, servers):
    """To spread requests over several servers without a broker, connect one REQ to each
    of them; libzmq deals the requests in turn, one request to one server."""
    client = context.socket(zmq.REQ)
    for server in servers:
        client.connect(server)
    return client


def client_of_live_servers(context, servers, answer_within_ms):
    """With IMMEDIATE on, the requests go only to servers whose connection is complete: a
    server that is down is passed over instead of being dealt a request that waits for
    it. Give the client a receive timeout all the same: a server can die with a
    request."""
    client = context.socket(zmq.REQ)
    client.immediate = True  # before connect: it applies to connections made after
    client.rcvtimeo = answer_within_ms
    for server in servers:
        client.connect(server)
    return client
# ANCHOR_END: own


with bench.Context() as context:
    # Two servers up: the requests go to each in turn.
    servers = [context.socket(zmq.REP) for _ in range(2)]
    for i, server in enumerate(servers):
        server.bind(f"inproc://server-{i}")
    client = client_of(context, ["inproc://server-0", "inproc://server-1"])
    for round in range(4):
        client.send(b"which?")
        # inproc connects at once: the first server connected is dealt the first request.
        server = servers[round % 2]
        assert bench.recv_within(server) == b"which?", f"round {round}: not server {round % 2}"
        server.send(f"server {round % 2}".encode())
        assert bench.recv_within(client) == f"server {round % 2}".encode()

    # One server down (nobody binds its address), one up: only the live one is asked.
    live = context.socket(zmq.REP)
    live_at = bench.tcp(live)
    down_at = bench.ipc("down")
    client = client_of_live_servers(context, [down_at, live_at], 1000)
    client.linger = 0
    # Ready to send once a connection is complete (the live server's): no earlier.
    assert client.poll(bench.BOUND_MS, zmq.POLLOUT) == zmq.POLLOUT, "the live server never came"
    for round in range(4):
        client.send(b"which?", zmq.NOBLOCK)
        assert bench.recv_within(live) == b"which?", f"round {round} went to the server that is down"
        live.send(b"the live one")
        assert bench.recv_within(client) == b"the live one"
    # A server can die holding a request: the client's wait has its own bound.
    assert client.rcvtimeo == 1000
    context.destroy(linger=0)
bench.done("requests dealt in turn; a server that is down is passed over")
