"""What the Python snippets stand on, around the lines the book shows: addresses that no other
run can take, waits that end, and a watchdog.

Each snippet is a script that `cargo test interop` runs in a fresh directory of its own (its
working directory, where its ipc addresses live), with this directory on PYTHONPATH. The book
shows only the lines between a snippet's ANCHOR comments; the rest of the file checks that
those lines do what the Rust beside them does, and fails (an exception, a non-zero exit)
when they do not.
"""

import faulthandler
import os
import sys
import time

import zmq

if not __debug__:
    sys.exit("the snippets check with assert: run them without -O")

# A snippet that hangs prints where every thread stood ("Timeout (0:00:30)!") and exits
# non-zero, before the test that runs it gives up on it. The kept wrong versions, some of
# which hang as a reader's program would, run with a shorter one.
WATCHDOG = int(os.environ.get("BENCH_WATCHDOG", "30"))
faulthandler.dump_traceback_later(WATCHDOG, exit=True)

# The longest a message that should come is waited for (the Rust lab's bound).
BOUND_MS = 5000
# How long "nothing arrives" is listened for; a control shows the same window is ample.
SILENCE_MS = 200


class Context(zmq.Context):
    """A context for a snippet's checks. A check that fails ends it with every socket's
    linger at 0, so that the failure is reported: a socket still holding a message for a
    peer that is gone would hold up the end of a plain `with zmq.Context()` for ever."""

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is not None:
            self.destroy(linger=0)
        super().__exit__(exc_type, exc_value, traceback)


def tcp(socket):
    """Binds `socket` to a port the system picks, and returns the address it got."""
    socket.bind("tcp://127.0.0.1:*")
    return socket.last_endpoint.decode()


def ipc(name):
    """An ipc address in this run's own directory: known before anybody binds it, and
    nobody else's."""
    return f"ipc://{os.getcwd()}/{name}"


def recv_within(socket, ms=BOUND_MS):
    """The next message, or None if none came within `ms`."""
    if socket.poll(ms, zmq.POLLIN):
        return socket.recv(zmq.NOBLOCK)
    return None


def recv_multipart_within(socket, ms=BOUND_MS):
    if socket.poll(ms, zmq.POLLIN):
        return socket.recv_multipart(zmq.NOBLOCK)
    return None


def expect(socket, count, ms=BOUND_MS):
    """`count` messages, each waited for up to `ms`; fails naming what came."""
    got = []
    while len(got) < count:
        message = recv_within(socket, ms)
        assert message is not None, f"{len(got)} of {count} messages came: {got!r}"
        got.append(message)
    return got


def silent(socket, ms=SILENCE_MS):
    """True if nothing arrives on `socket` within `ms`."""
    return socket.poll(ms, zmq.POLLIN) == 0


def recv_until(socket, end, ms=BOUND_MS):
    """What arrives before the message `end` (the end marker itself is not returned)."""
    got = []
    while True:
        message = recv_within(socket, ms)
        assert message is not None, f"no {end!r} within {ms} ms; before it: {got!r}"
        if message == end:
            return got
        got.append(message)


def await_subscriptions(publisher, count, ms=BOUND_MS):
    """Waits on an XPUB until `count` subscriptions have reached it; returns the topics."""
    topics = []
    while len(topics) < count:
        event = recv_within(publisher, ms)
        assert event is not None, f"{len(topics)} of {count} subscriptions came"
        if event[:1] == b"\x01":
            topics.append(event[1:])
    return topics


def handshakes(monitor, count, ms=BOUND_MS):
    """Waits for `count` HANDSHAKE_SUCCEEDED events on a monitor socket."""
    from zmq.utils.monitor import recv_monitor_message

    seen = 0
    while seen < count:
        assert monitor.poll(ms, zmq.POLLIN), f"{seen} of {count} handshakes within {ms} ms"
        if recv_monitor_message(monitor)["event"] == zmq.EVENT_HANDSHAKE_SUCCEEDED:
            seen += 1


class Clock:
    """How long a block took, in milliseconds: `with Clock() as took: …; took.ms`."""

    def __enter__(self):
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.ms = (time.monotonic() - self.started) * 1000


def gave_up_at(took_ms, timeout_ms):
    """A wait that ended by its timeout: not early (libzmq's clock allows 5 ms), and not so
    late that no timeout can have been set."""
    return timeout_ms - 5 <= took_ms <= 2 * timeout_ms + 1000


def done(what):
    """The last line of a snippet that passed: what it showed."""
    print(f"ok: {what}")
