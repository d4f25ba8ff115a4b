"""Request–reply, the client's loop (src/bin/rr-client.rs, `ask`): each line typed is a
request, as typed; `b` quits; a reply that never comes ends the program with a message."""

import contextlib
import io
import sys
import threading

import bench
import zmq


# ANCHOR: ask
def ask(context, server, lines, timeout_s):
    client = context.socket(zmq.REQ)
    client.rcvtimeo = int(timeout_s * 1000)  # a reply that never comes must not freeze us
    client.linger = 0  # nor closing it, or its context, with a request nobody took
    client.connect(server)
    for line in lines:  # e.g. sys.stdin: each line as typed, spaces and all
        line = line.removesuffix("\n")
        if line == "b":
            break
        client.send(line.encode())
        print(f"sent: {line}")
        try:
            reply = client.recv()
        except zmq.Again:
            sys.exit(f"no reply from {server} within {timeout_s} s: "
                     "is the server running?")
        print(f"Received reply: {reply.decode(errors='replace')}")
# ANCHOR_END: ask


with bench.Context() as context:
    server = context.socket(zmq.REP)
    server.linger = 0
    endpoint = bench.tcp(server)
    heard = []

    def serve(requests):
        for _ in range(requests):
            if (request := bench.recv_within(server)) is None:
                return
            heard.append(request)
            server.send(b"world")

    serving = threading.Thread(target=serve, args=(2,), daemon=True)
    serving.start()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        ask(context, endpoint, ["hello\n", "  spaced out  \n", "b\n", "never sent\n"], 5)
    serving.join(bench.BOUND_MS / 1000)
    assert heard == [b"hello", b"  spaced out  "], f"the server heard {heard!r}"
    assert printed.getvalue().splitlines() == [
        "sent: hello",
        "Received reply: world",
        "sent:   spaced out  ",
        "Received reply: world",
    ], printed.getvalue()

    # Nobody there: the client says so at its timeout, and ends.
    with bench.Clock() as took:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                ask(context, bench.ipc("nobody"), ["hello\n"], 0.2)
            raise AssertionError("the client went on without a reply")
        except SystemExit as end:
            assert "within 0.2 s: is the server running?" in str(end.code), end.code
    assert bench.gave_up_at(took.ms, 200), f"gave up after {took.ms:.0f} ms, not 200"
    # Each socket closes with its own linger, as at the end of a `with zmq.Context()`:
    # the client's unanswered request must not hold the end up.
    context.destroy()
bench.done("each line asked as typed until b; no server, a message at the timeout")
