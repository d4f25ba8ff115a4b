"""PL3, in your own program: the worker loop that stops when idle
(src/claims/pipeline/pl3.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def work(tasks, results, idle_ms):
    """The article's worker loop, which stops once no task has come for a while instead
    of waiting for ever."""
    tasks.rcvtimeo = idle_ms
    done = 0
    while True:
        try:
            task = tasks.recv()
        except zmq.Again:
            return done  # idle: stop
        results.send(task)
        done += 1
# ANCHOR_END: own


with bench.Context() as context:
    ventilator = context.socket(zmq.PUSH)
    ventilator.bind("inproc://tasks")
    sink = context.socket(zmq.PULL)
    sink.bind("inproc://results")
    tasks, results = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    tasks.connect("inproc://tasks")
    results.connect("inproc://results")
    for i in range(3):
        ventilator.send(f"task {i}".encode())
    with bench.Clock() as took:
        done = work(tasks, results, 100)
    assert done == 3, f"{done} tasks done"
    # The three were waiting: what the worker waited for is the idle time after them.
    assert bench.gave_up_at(took.ms, 100), f"stopped after {took.ms:.0f} ms, not 100"
    assert bench.expect(sink, 3) == [b"task 0", b"task 1", b"task 2"]
    assert bench.silent(sink), "the sink got more than the three"
    context.destroy(linger=0)
bench.done("three tasks passed on, then the worker stopped after 100 ms idle")
