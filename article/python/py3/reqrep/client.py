# The article's request-reply client.py, made to run on Python 3. Each changed line is
# marked with a comment; every other line is as the article printed it.
import zmq
import sys
context = zmq.Context()
print("Connecting to server...")
socket = context.socket(zmq.REQ)
# Changed: the endpoint may be given as an argument (the article's address by default).
socket.connect(sys.argv[1] if len(sys.argv) > 1 else "tcp://localhost:5555")
while True:
    # Changed: Python 3 has no raw_input(); its input() does the same.
    input1 = input("请输入内容:")
    if input1 == 'b':
        sys.exit()
    socket.send(input1.encode('utf-8'))
    message = socket.recv()
    print("Received reply: ", message.decode('utf-8'))
