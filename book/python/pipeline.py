"""Pipeline, the overview's two blocks: the worker's loop (src/bin/pl-worker.rs,
`forward`), and the ventilator's wait for its workers (src/bin/pl-ventilator.rs,
`wait_workers`)."""

import collections
import contextlib
import io
import os
import signal
import sys
import threading
import time

import bench
import zmq
from zmq.utils.monitor import recv_monitor_message


# ANCHOR: forward
def stop_on_signals():
    """An event that Ctrl-C or SIGTERM sets: the loop looks at it between its waits."""
    stop = threading.Event()
    for asked in (signal.SIGINT, signal.SIGTERM):
        signal.signal(asked, lambda *_: stop.set())
    return stop


def forward(tasks, results, stop, sink_timeout_s):
    """Takes each task and passes it on, until `stop` is set or the sink has taken
    nothing for `sink_timeout_s`. Returns why it stopped, and what it took but could not
    pass on (the caller says how many were lost)."""
    tasks.rcvtimeo = 100  # look ten times a second whether we were asked to stop
    results.sndtimeo = 100  # a sink that is gone or slow fills the queue to it
    held = collections.deque()  # taken, not yet passed on
    sink_silent_since = None
    while not stop.is_set():
        if held:
            try:
                results.send(held[0])
            except zmq.Again:
                sink_silent_since = sink_silent_since or time.monotonic()
                if time.monotonic() - sink_silent_since >= sink_timeout_s:
                    return "the sink took nothing", held
                continue
            held.popleft()
            sink_silent_since = None
        else:
            try:
                task = tasks.recv()
            except zmq.Again:
                continue
            print(f"forwarding: {task.decode(errors='replace')}")
            held.append(task)
    return "asked to stop", held
# ANCHOR_END: forward


# ANCHOR: wait_workers
def wait_workers(ventilator, events, workers, timeout_s):
    """`events` is the ventilator's monitor, made before it bound:
    ventilator.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)."""
    deadline = time.monotonic() + timeout_s
    for _ in range(workers):
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0 or not events.poll(left_ms):
            sys.exit(f"{workers} worker(s) did not all connect within {timeout_s} s")
        recv_monitor_message(events)  # one more worker is connected
    # Take the new connections in now, so the first task already goes round robin.
    ventilator.get(zmq.EVENTS)
    print(f"{workers} worker(s) ready")
# ANCHOR_END: wait_workers


def a_pipeline(context, results_hwm=1000):
    ventilator = context.socket(zmq.PUSH)
    ventilator.bind("inproc://tasks")
    sink = context.socket(zmq.PULL)
    sink.rcvhwm = results_hwm
    sink.bind("inproc://results")
    tasks, results = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    results.sndhwm = results_hwm
    tasks.connect("inproc://tasks")
    results.connect("inproc://results")
    return ventilator, tasks, results, sink


def the_worker_passes_everything_on_and_stops_when_asked(context):
    ventilator, tasks, results, sink = a_pipeline(context)
    stop = stop_on_signals()
    sunk = []

    def sink_then_stop():
        sunk.extend(bench.expect(sink, 5))
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=sink_then_stop, daemon=True).start()
    for i in range(5):
        ventilator.send(f"task {i}".encode())
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        why, held = forward(tasks, results, stop, 5)
    assert (why, list(held)) == ("asked to stop", []), (why, held)
    assert sunk == [f"task {i}".encode() for i in range(5)], sunk
    assert printed.getvalue().splitlines() == [f"forwarding: task {i}" for i in range(5)]


def the_worker_gives_up_on_a_sink_that_takes_nothing(context):
    # Room for two results between the worker and the sink (inproc: both marks
    # together): the third waits, and the worker gives up on it.
    ventilator, tasks, results, sink = a_pipeline(context, results_hwm=1)
    stop = threading.Event()
    bound = threading.Timer(bench.BOUND_MS / 1000, stop.set)  # the loop's own bound here
    bound.daemon = True
    bound.start()
    for i in range(5):
        ventilator.send(f"task {i}".encode())
    with contextlib.redirect_stdout(io.StringIO()), bench.Clock() as took:
        why, held = forward(tasks, results, stop, 0.3)
    bound.cancel()
    assert why == "the sink took nothing", f"stopped because {why}"
    assert list(held) == [b"task 2"], f"held {held!r}"
    assert took.ms >= 300, f"gave up after {took.ms:.0f} ms"


def the_ventilator_shares_the_first_tasks_once_both_workers_are_there(context):
    ventilator = context.socket(zmq.PUSH)
    events = ventilator.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    endpoint = bench.tcp(ventilator)
    workers = [context.socket(zmq.PULL) for _ in range(2)]
    for worker in workers:
        worker.connect(endpoint)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        wait_workers(ventilator, events, 2, 5)
    assert printed.getvalue() == "2 worker(s) ready\n", printed.getvalue()
    ventilator.send(b"task 0")
    ventilator.send(b"task 1")
    got = [bench.recv_within(worker) for worker in workers]
    assert None not in got and sorted(got) == [b"task 0", b"task 1"], f"the workers got {got!r}"
    ventilator.disable_monitor()


def the_ventilator_says_so_when_a_worker_is_missing(context):
    ventilator = context.socket(zmq.PUSH)
    events = ventilator.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    endpoint = bench.tcp(ventilator)
    worker = context.socket(zmq.PULL)
    connected = worker.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    worker.connect(endpoint)
    bench.handshakes(connected, 1)
    with bench.Clock() as took:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                wait_workers(ventilator, events, 2, 0.3)
            raise AssertionError("two workers counted where one came")
        except SystemExit as end:
            assert "did not all connect within 0.3 s" in str(end.code), end.code
    assert bench.gave_up_at(took.ms, 300), f"gave up after {took.ms:.0f} ms"
    worker.disable_monitor()
    ventilator.disable_monitor()


for check in [
    the_worker_passes_everything_on_and_stops_when_asked,
    the_worker_gives_up_on_a_sink_that_takes_nothing,
    the_ventilator_says_so_when_a_worker_is_missing,
    the_ventilator_shares_the_first_tasks_once_both_workers_are_there,
]:
    with bench.Context() as context:
        check(context)
        context.destroy(linger=0)
bench.done("the worker passes on every task and stops when asked, or gives up on a sink "
           "that takes nothing; the ventilator waits for its workers, or says who is missing")
