# The article's request-reply server.py, made to run on Python 3. Each changed line is
# marked with a comment; every other line is as the article printed it.
import zmq
import sys
context = zmq.Context()
socket = context.socket(zmq.REP)
# Changed: the endpoint may be given as an argument (the article's address by default),
# so that the program can run beside others on a port of your choice.
socket.bind(sys.argv[1] if len(sys.argv) > 1 else "tcp://*:5555")
while True:
    try:
        print("wait for client ...")
        message = socket.recv()
        print("message from client:", message.decode('utf-8'))
        # Changed: Python 3 has no raw_input(); its input() does the same.
        input1 = input("请输入内容:")
        # Changed: on Python 3 input() returns text, and a socket sends bytes.
        socket.send(input1.encode('utf-8'))
    except Exception as e:
        # Changed: print is a function on Python 3; `print '异常:',e` is a syntax error.
        print('异常:', e)
        sys.exit()
