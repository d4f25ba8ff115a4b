"""RR3, in your own program: a broker between many clients and many workers
(src/claims/reqrep/rr3.rs, `own`)."""

import threading

import bench
import zmq


# ANCHOR: own
def run_broker(context, clients, workers, control):
    """A broker for many clients and many workers. Clients connect their REQ to `clients`,
    workers their REP to `workers`; the broker shuttles every message, envelope and all,
    until a message "TERMINATE" comes on `control` (a PAIR bound there)."""
    frontend = context.socket(zmq.ROUTER)  # remembers which client asked
    frontend.bind(clients)
    backend = context.socket(zmq.DEALER)  # deals requests to workers in turn
    backend.bind(workers)
    commands = context.socket(zmq.PAIR)
    commands.connect(control)
    zmq.proxy_steerable(frontend, backend, None, commands)
# ANCHOR_END: own


with bench.Context() as context:
    stop = context.socket(zmq.PAIR)
    stop.bind("inproc://control")
    failed = []

    def broker():
        try:
            run_broker(context, "inproc://clients", "inproc://workers", "inproc://control")
        except Exception as error:  # shown below, in the main thread
            failed.append(error)

    running = threading.Thread(target=broker, daemon=True)
    running.start()
    worker = context.socket(zmq.REP)
    client = context.socket(zmq.REQ)
    worker.connect("inproc://workers")  # inproc lets a connect come before the bind
    client.connect("inproc://clients")
    client.send(b"hello")
    assert bench.recv_within(worker) == b"hello", "the request never reached the worker"
    worker.send(b"world")
    assert bench.recv_within(client) == b"world", "the reply never reached the client"
    stop.send(b"TERMINATE")
    running.join(bench.BOUND_MS / 1000)
    assert not running.is_alive(), "the broker did not stop on TERMINATE"
    assert not failed, f"the broker failed: {failed[0]!r}"
    context.destroy(linger=0)
bench.done("the broker carried a request and its reply, and stopped on TERMINATE")
