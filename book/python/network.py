"""When the network fails, in your own program: heartbeats notice a peer that fell silent
(src/claims/network/mod.rs, `own`)."""

import signal
import subprocess
import sys

import bench
import zmq


# ANCHOR: own
def with_heartbeats(socket, interval_ms, timeout_ms):
    """Heartbeats on each end of a connection that may fail silently (a dead host, a cut
    cable). Set them before bind or connect."""
    socket.heartbeat_ivl = interval_ms  # a PING to each peer this often
    socket.heartbeat_timeout = timeout_ms  # and no word from it this long: drop it
    socket.heartbeat_ttl = timeout_ms  # the peer is asked to do the same
# ANCHOR_END: own


# The peer: a worker in a process of its own, which this run stops (SIGSTOP) to make it
# fall silent as a dead host does. Its kernel keeps the connection open; nothing is closed.
PEER = """
import sys, zmq
worker = zmq.Context().socket(zmq.PULL)
worker.bind("tcp://127.0.0.1:*")
print(worker.last_endpoint.decode(), flush=True)
sys.stdin.read()  # until this run ends
"""

# How long "nobody noticed" is watched for. With heartbeats the same loss is noticed within
# the same window (about 120 ms after the stop), so the window is ample.
WINDOW_MS = 1000


def noticed(heartbeats):
    """Whether a PUSH notices, within the window, that its puller has fallen silent."""
    peer = subprocess.Popen([sys.executable, "-c", PEER], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        endpoint = peer.stdout.readline().strip()
        assert endpoint.startswith("tcp://"), f"the peer said {endpoint!r}"
        with bench.Context() as context:
            pusher = context.socket(zmq.PUSH)
            if heartbeats:
                with_heartbeats(pusher, 20, 100)
            events = pusher.get_monitor_socket(
                zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_DISCONNECTED)
            pusher.connect(endpoint)
            bench.handshakes(events, 1)
            peer.send_signal(signal.SIGSTOP)
            with bench.Clock() as took:
                lost = events.poll(WINDOW_MS)
            if heartbeats and lost:
                print(f"with heartbeats, noticed after {took.ms:.0f} ms")
            pusher.disable_monitor()
            context.destroy(linger=0)
            return bool(lost)
    finally:
        peer.kill()
        peer.wait()


assert noticed(heartbeats=True), "heartbeats did not notice the silent peer"
assert not noticed(heartbeats=False), "without heartbeats, a silent peer was noticed"
bench.done("a silent peer noticed with heartbeats, and not without them")
