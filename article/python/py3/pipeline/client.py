# The article's pipeline client.py (the sink). It was written for Python 3 already; the
# changed lines are marked with a comment.
import zmq
# Changed: sys reads the arguments.
import sys
context = zmq.Context()
socket = context.socket(zmq.PULL)
# Changed: the endpoint may be given as an argument (the article's address by default).
socket.bind(sys.argv[1] if len(sys.argv) > 1 else "tcp://*:5558")

while True:
    response = socket.recv().decode('utf-8')
    print("response: %s" % response)
