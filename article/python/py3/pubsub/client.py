# The article's publish-subscribe client.py. It was written for Python 3 already; the
# changed lines are marked with a comment.
import zmq
# Changed: sys reads the arguments.
import sys
context = zmq.Context()
socket = context.socket(zmq.SUB)
# Changed: the endpoint may be given as a first argument (the article's address by default).
socket.connect(sys.argv[1] if len(sys.argv) > 1 else "tcp://localhost:5555")   #多个客户端连接同样的地址
# Changed: the filter may be given as a second argument, '123' by default; '' is the
# article's commented-out line below, which receives everything.
topic = sys.argv[2] if len(sys.argv) > 2 else '123'
socket.setsockopt(zmq.SUBSCRIBE,topic.encode('utf-8'))  # 消息过滤  只接受123开头的信息
#socket.setsockopt(zmq.SUBSCRIBE,''.encode('utf-8'))  # 接收所有消息
#两种情况  这里必须使用一种来 过滤消息 不然无法接受消息
while True:
    response = socket.recv().decode('utf-8');
    print("response: %s" % response)
