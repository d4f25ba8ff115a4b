# The article's publish-subscribe server.py. It was written for Python 3 already; the one
# changed line is marked with a comment.
import zmq
import time
import sys
context = zmq.Context()
socket = context.socket(zmq.PUB)
# Changed: the endpoint may be given as an argument (the article's address by default).
socket.bind(sys.argv[1] if len(sys.argv) > 1 else "tcp://*:5555")

while True:
    msg = input("请输入要发布的信息:").strip()
    if msg == 'b':   #关闭连接的字符
        sys.exit()
    socket.send(msg.encode('utf-8'))
    time.sleep(1)
