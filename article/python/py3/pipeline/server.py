# The article's pipeline server.py (the ventilator). It was written for Python 3 already;
# the changed lines are marked with a comment.
import zmq
import time
# Changed: sys reads the arguments.
import sys

context = zmq.Context()
socket = context.socket(zmq.PUSH)
# Changed: the endpoint may be given as an argument (the article's address by default).
socket.bind(sys.argv[1] if len(sys.argv) > 1 else "tcp://*:5557")

while True:
    msg = input("请输入要发布的信息:").strip()
    socket.send(msg.encode('utf-8'))
    print("已发送")
    time.sleep(1)
