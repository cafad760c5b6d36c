# example.expect: Pool.map(square) -> [0, 1, 4, 9]
# example.expect: Pool.map(lambda) -> PicklingError
# example.expect: open file as an argument -> TypeError
# example.expect: plain pickle.dumps(socket) -> TypeError
# example.expect: socket sent through a multiprocessing Pipe -> the child wrote through it: hello from the child
# Everything crossing a process boundary is pickled: the function (by its
# module and name), its arguments and its result. A lambda has no importable
# name, and an open file object is refused. Sockets are a special case: plain
# pickle refuses them, but multiprocessing's own pickler (multiprocessing.reduction)
# sends the socket's file descriptor to the other process, which gets a copy of it.
import pickle
import socket
import sys
from multiprocessing import Pipe, Pool, Process
from multiprocessing.connection import Connection


def square(n: int) -> int:
    return n * n


def write_hello(conn: Connection) -> None:
    sock = conn.recv()  # a socket.socket, rebuilt in this process around a duplicate of the descriptor
    sock.sendall(b"hello from the child")
    sock.close()


if __name__ == "__main__":
    with Pool(2) as pool:
        print(f"Pool.map(square) -> {pool.map(square, range(4))}")
        try:
            pool.map(lambda n: n * n, range(4))
        except pickle.PicklingError as error:
            print(f"Pool.map(lambda) -> {type(error).__name__}")
        try:
            pool.map(len, [sys.stdout])
        except TypeError as error:
            print(f"open file as an argument -> {type(error).__name__}")

    mine, theirs = socket.socketpair()
    try:
        pickle.dumps(theirs)
    except TypeError as error:
        print(f"plain pickle.dumps(socket) -> {type(error).__name__}")
    parent_end, child_end = Pipe()
    child = Process(target=write_hello, args=(child_end,))
    child.start()
    parent_end.send(theirs)  # Connection.send uses multiprocessing's pickler, which knows sockets
    child.join()
    theirs.close()
    received = b""
    while chunk := mine.recv(100):
        received += chunk
    print(f"socket sent through a multiprocessing Pipe -> the child wrote through it: {received.decode()}")
