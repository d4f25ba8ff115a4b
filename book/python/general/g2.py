"""G2, in your own program: an answer goes out on a second socket
(src/claims/general/g2.rs, `own`)."""

import threading

import bench
import zmq


# ANCHOR: own
def worker_step(context, tasks, results):
    """A one-way socket only sends (PUB, PUSH) or only receives (SUB, PULL). An answer
    needs a second socket going the other way, as a pipeline worker has."""
    receive = context.socket(zmq.PULL)  # tasks come in here…
    receive.connect(tasks)
    send = context.socket(zmq.PUSH)  # …and results go out here
    send.connect(results)
    task = receive.recv()
    send.send(task)
# ANCHOR_END: own


with bench.Context() as context:
    ventilator = context.socket(zmq.PUSH)
    ventilator.bind("inproc://tasks")
    ventilator.sndtimeo = bench.BOUND_MS
    sink = context.socket(zmq.PULL)
    sink.bind("inproc://results")
    failed = []

    def work():
        try:
            worker_step(context, "inproc://tasks", "inproc://results")
        except Exception as error:  # shown below, in the main thread
            failed.append(error)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    ventilator.send(b"task")  # waits (up to the bound) for the worker to connect
    answer = bench.recv_within(sink)
    worker.join(bench.BOUND_MS / 1000)
    assert not worker.is_alive(), "the worker never finished its step"
    assert not failed, f"the worker failed: {failed[0]!r}"
    assert answer == b"task", f"the sink got {answer!r}"
    context.destroy(linger=0)
bench.done("a PULL takes the task, a PUSH sends the answer on")
