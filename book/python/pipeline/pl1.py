"""PL1, in your own program: each task reaches exactly one worker
(src/claims/pipeline/pl1.rs, `own`)."""

import bench
import zmq


# ANCHOR: own
def ventilate(ventilator, tasks):
    """The ventilator sends each task once; every worker connected to its address pulls
    its share, and no task goes to two workers."""
    for task in tasks:
        ventilator.send(task)  # to exactly one worker
# ANCHOR_END: own


with bench.Context() as context:
    ventilator = context.socket(zmq.PUSH)
    monitor = ventilator.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    endpoint = bench.tcp(ventilator)
    workers = [context.socket(zmq.PULL) for _ in range(2)]
    for worker in workers:
        worker.connect(endpoint)
    bench.handshakes(monitor, 2)
    ventilator.get(zmq.EVENTS)  # take both connections in before the first task
    tasks = [f"task {i}".encode() for i in range(4)]
    ventilate(ventilator, tasks)
    # Read until four messages came, then listen for a duplicate a while longer.
    received = {0: [], 1: []}
    poller = zmq.Poller()
    for worker in workers:
        poller.register(worker, zmq.POLLIN)
    while sum(map(len, received.values())) < len(tasks):
        ready = dict(poller.poll(bench.BOUND_MS))
        assert ready, f"only {received} within {bench.BOUND_MS} ms"
        for i, worker in enumerate(workers):
            if worker in ready:
                received[i].append(worker.recv_multipart())
    assert not poller.poll(bench.SILENCE_MS), f"more than the four tasks came: {received}"
    every = received[0] + received[1]
    assert sorted(every) == [[task] for task in tasks], f"not each task exactly once: {received}"
    assert received[0] and received[1], f"one worker got nothing: {received}"
    ventilator.disable_monitor()
    context.destroy(linger=0)
bench.done("four tasks, each to exactly one of two workers, both given some")
