"""PL2, in your own program: wait until every worker is connected
(src/claims/pipeline/pl2.rs, `own`)."""

import bench
import zmq
from zmq.utils.monitor import recv_monitor_message


# ANCHOR: own
class Ventilator:
    """Before the first task, wait until every worker is connected, or the first to
    arrive takes every early task. The socket's monitor reports each handshake."""

    def __init__(self, context, address):
        self.socket = context.socket(zmq.PUSH)
        self.events = self.socket.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
        self.socket.bind(address)

    def wait_for_workers(self, workers, timeout_ms):
        """Waits for `workers` handshakes (tcp or ipc), at most `timeout_ms` for each."""
        for _ in range(workers):
            if not self.events.poll(timeout_ms):
                return False
            recv_monitor_message(self.events)  # one more worker is connected
        self.socket.get(zmq.EVENTS)  # take the new connections in before the first send
        return True

    def close(self):
        self.socket.disable_monitor()  # stop the monitor before its socket closes
        self.events.close()
        self.socket.close()
# ANCHOR_END: own


with bench.Context() as context:
    # One worker of two comes: the wait says so.
    ventilator = Ventilator(context, "tcp://127.0.0.1:*")
    endpoint = ventilator.socket.last_endpoint.decode()
    worker = context.socket(zmq.PULL)
    worker_events = worker.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    worker.connect(endpoint)
    bench.handshakes(worker_events, 1)  # the worker's side is connected
    assert not ventilator.wait_for_workers(2, 50), "two workers counted where one came"
    late = context.socket(zmq.PULL)
    late.connect(endpoint)
    assert ventilator.wait_for_workers(1, 5000), "the late worker never came"
    worker.disable_monitor()
    ventilator.close()

    # Two come: each is dealt one of the first two tasks.
    ventilator = Ventilator(context, "tcp://127.0.0.1:*")
    endpoint = ventilator.socket.last_endpoint.decode()
    workers = [context.socket(zmq.PULL) for _ in range(2)]
    for worker in workers:
        worker.connect(endpoint)
    assert ventilator.wait_for_workers(2, 5000), "the workers never connected"
    ventilator.socket.send(b"task 0")
    ventilator.socket.send(b"task 1")
    for i, worker in enumerate(workers):
        task = bench.recv_within(worker)
        assert task in (b"task 0", b"task 1"), f"worker {i} got {task!r}"
    ventilator.close()
    context.destroy(linger=0)
bench.done("a missing worker is reported; two workers each get one of the first tasks")
