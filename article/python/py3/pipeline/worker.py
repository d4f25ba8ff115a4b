# The article's pipeline worker.py. It was written for Python 3 already; the changed lines
# are marked with a comment.
import zmq
# Changed: sys reads the arguments.
import sys
context = zmq.Context()
receive = context.socket(zmq.PULL)
# Changed: the ventilator's endpoint may be given as a first argument (the article's
# address by default).
receive.connect(sys.argv[1] if len(sys.argv) > 1 else 'tcp://127.0.0.1:5557')
sender = context.socket(zmq.PUSH)
# Changed: the sink's endpoint may be given as a second argument (the article's address
# by default).
sender.connect(sys.argv[2] if len(sys.argv) > 2 else 'tcp://127.0.0.1:5558')

while True:
    data = receive.recv()
    print("正在转发...")
    sender.send(data)
