"""RR1, in your own program: each client gets its own answer (src/claims/reqrep/rr1.rs,
`own`)."""

import bench
import zmq


# ANCHOR: own
def serve(server, requests):
    """A REP server receives a request and sends one reply; libzmq takes the reply back to
    the client that asked, however many clients there are."""
    for _ in range(requests):
        request = server.recv()
        server.send(b"answer to " + request)  # to the asker: no address needed
# ANCHOR_END: own


with bench.Context() as context:
    server = context.socket(zmq.REP)
    server.rcvtimeo = bench.BOUND_MS
    endpoint = bench.tcp(server)
    clients = [context.socket(zmq.REQ) for _ in range(3)]
    for i, client in enumerate(clients):
        client.connect(endpoint)
        client.send(f"client {i}".encode())
    serve(server, 3)
    for i, client in enumerate(clients):
        answer = bench.recv_within(client)
        assert answer == f"answer to client {i}".encode(), f"client {i} got {answer!r}"
    context.destroy(linger=0)
bench.done("three clients, each answered its own request")
