import zmq
import time

context = zmq.Context()
socket = context.socket(zmq.PUSH)
socket.bind("tcp://*:5557")

while True:
    msg = input("请输入要发布的信息:").strip()
    socket.send(msg.encode('utf-8'))
    print("已发送")
    time.sleep(1)
