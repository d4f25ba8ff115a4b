"""PL5, in your own program: a puller leaves without loss once the stream has ended
(src/claims/pipeline/pl5.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def end_the_stream(pusher):
    """A PULL that closes loses what it holds unread, and what is still on its way to it.
    Disconnecting first does not keep it: a disconnect discards the connection's queue,
    unread messages and all. A puller can leave without loss only once nothing more is
    dealt to it: the sender ends its stream with a message of its own (here an empty
    one), and the puller reads up to it before it closes."""
    pusher.send(b"")  # after the last task: dealt to the puller, it comes last


def read_to_the_end(puller):
    tasks = []
    while True:
        task = puller.recv()  # with rcvtimeo: zmq.Again if no end comes
        if task == b"":
            return tasks  # the sender's end: nothing follows it
        tasks.append(task)
# ANCHOR_END: own


with bench.Context() as context:
    pusher = context.socket(zmq.PUSH)
    monitor = pusher.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    endpoint = bench.tcp(pusher)
    puller = context.socket(zmq.PULL)
    puller.rcvtimeo = bench.BOUND_MS
    puller.connect(endpoint)
    bench.handshakes(monitor, 1)
    tasks = [f"task {i}".encode() for i in range(100)]
    for task in tasks:
        pusher.send(task)
    end_the_stream(pusher)
    assert read_to_the_end(puller) == tasks, "not every task, in order, before the end"
    assert bench.silent(puller), "something came after the end"
    # A puller whose end never comes is told so, at its receive timeout.
    puller.rcvtimeo = 50
    try:
        read_to_the_end(puller)
        raise AssertionError("read to an end that never came")
    except zmq.Again:
        pass
    pusher.disable_monitor()
    context.destroy(linger=0)
bench.done("a hundred tasks read up to the end marker; no end, zmq.Again at the timeout")
