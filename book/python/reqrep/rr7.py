"""RR7, in your own program: a record in two frames arrives whole
(src/claims/reqrep/rr7.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def send_record(socket, key, value):
    """Any bytes go, in as many frames as you like; the format is yours. A message of
    several frames arrives whole, or not at all."""
    socket.send_multipart([key, value])  # two frames, one message
# ANCHOR_END: own


with bench.Context() as context:
    receiver = context.socket(zmq.PULL)
    endpoint = bench.tcp(receiver)
    sender = context.socket(zmq.PUSH)
    sender.connect(endpoint)
    send_record(sender, b"key", bytes([0xFF, 0, 1]))
    send_record(sender, b"", b"")
    first = bench.recv_multipart_within(receiver)
    assert first == [b"key", b"\xff\x00\x01"], f"received {first!r}"
    second = bench.recv_multipart_within(receiver)
    assert second == [b"", b""], f"received {second!r}"
    context.destroy(linger=0)
bench.done("a record of two frames arrived as one message, bytes as they were")
