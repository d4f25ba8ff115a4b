"""PL4, in your own program: a PUSH that holds tasks for an absent worker, and one that
deals only to workers that are there (src/claims/pipeline/pl4.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def queueing_pusher(context, address, room):
    """To hold tasks while no worker is up, let the PUSH connect: it queues up to its
    high-water mark. (A PUSH that binds has nowhere to put them.) When the queue is full,
    a send with a timeout says so with zmq.Again instead of blocking for ever."""
    pusher = context.socket(zmq.PUSH)
    pusher.sndhwm = room  # how many tasks it may hold for an absent worker
    pusher.sndtimeo = 0  # when they are all taken: zmq.Again, not a block
    pusher.connect(address)  # the queue exists from now on
    return pusher


def pusher_to_live_workers(context, workers):
    """The other way round: a PUSH that deals only to workers that are there. With
    IMMEDIATE a connecting PUSH makes a queue for a worker only once its connection is
    complete, so a worker that is down is not dealt every n-th task to hold; with no
    worker up at all, it has no queue and refuses (zmq.Again) as a binding PUSH does."""
    pusher = context.socket(zmq.PUSH)
    pusher.immediate = True  # before connect: it applies to connections made after
    pusher.sndtimeo = 0
    for worker in workers:
        pusher.connect(worker)
    return pusher
# ANCHOR_END: own


with bench.Context() as context:
    # No worker yet: three tasks are held, the fourth refused at once.
    address = bench.ipc("worker")
    pusher = queueing_pusher(context, address, 3)
    pusher.linger = 0
    for i in range(3):
        pusher.send(f"task {i}".encode())
    try:
        pusher.send(b"one too many")
        raise AssertionError("a fourth task was taken with room for three")
    except zmq.Again:
        pass
    worker = context.socket(zmq.PULL)
    worker.bind(address)
    assert bench.expect(worker, 3) == [b"task 0", b"task 1", b"task 2"]

    # Only workers that are there: none up, no queue; one up, all to it.
    down_at = bench.ipc("down")  # nobody binds it
    nobody = pusher_to_live_workers(context, [down_at])
    nobody.linger = 0
    try:
        nobody.send(b"task")
        raise AssertionError("a task was queued for a worker that is down")
    except zmq.Again:
        pass
    worker = context.socket(zmq.PULL)
    worker_at = bench.tcp(worker)
    pusher = pusher_to_live_workers(context, [down_at, worker_at])
    pusher.linger = 0
    # Ready to send once a connection is complete (the live worker's): no earlier.
    assert pusher.poll(bench.BOUND_MS, zmq.POLLOUT) == zmq.POLLOUT, "the live worker never came"
    for i in range(6):
        pusher.send(f"task {i}".encode())
    assert len(bench.expect(worker, 6)) == 6, "not all to the live worker"
    context.destroy(linger=0)
bench.done("a connecting PUSH held three tasks and refused the fourth; with IMMEDIATE it "
           "dealt only to the live worker")
