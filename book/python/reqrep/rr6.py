"""RR6, in your own program: a REQ that may ask again (src/claims/reqrep/rr6.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def relaxed_client(context, server):
    """Keep to send, recv, send, recv. If a reply may never come and you must ask again
    on the same socket, relax the REQ: it accepts a new request, and drops a late reply
    to the old one."""
    client = context.socket(zmq.REQ)
    client.req_relaxed = True  # send again without waiting for the reply
    client.req_correlate = True  # and ignore a reply to an earlier request
    client.connect(server)
    return client
# ANCHOR_END: own


with bench.Context() as context:
    server = context.socket(zmq.REP)
    server.bind("inproc://server")

    # The control: a plain REQ may not ask twice in a row.
    plain = context.socket(zmq.REQ)
    plain.connect("inproc://server")
    plain.send(b"first")
    try:
        plain.send(b"again")
        raise AssertionError("a plain REQ sent twice in a row")
    except zmq.ZMQError as error:
        assert error.errno == zmq.EFSM, error
    assert bench.recv_within(server) == b"first"
    server.send(b"answer to first")
    assert bench.recv_within(plain) == b"answer to first"

    client = relaxed_client(context, "inproc://server")
    client.send(b"first")
    assert bench.recv_within(server) == b"first"
    client.send(b"second")  # no EFSM: the REQ is relaxed
    server.send(b"late answer to first")
    assert bench.recv_within(server) == b"second"
    server.send(b"answer to second")
    answer = bench.recv_within(client)
    assert answer == b"answer to second", f"the relaxed client got {answer!r}"
    context.destroy(linger=0)
bench.done("a plain REQ refuses to ask twice (EFSM); a relaxed one asks again and gets "
           "the answer to its second request")
