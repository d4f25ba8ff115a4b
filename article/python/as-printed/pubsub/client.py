import zmq
context = zmq.Context()
socket = context.socket(zmq.SUB)
socket.connect("tcp://localhost:5555")   #多个客户端连接同样的地址
socket.setsockopt(zmq.SUBSCRIBE,'123'.encode('utf-8'))  # 消息过滤  只接受123开头的信息
#socket.setsockopt(zmq.SUBSCRIBE,''.encode('utf-8'))  # 接收所有消息
#两种情况  这里必须使用一种来 过滤消息 不然无法接受消息
while True:
    response = socket.recv().decode('utf-8');
    print("response: %s" % response)
