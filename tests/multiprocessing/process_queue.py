import os
import sys
from multiprocessing import Process, Queue, SimpleQueue, current_process, cpu_count, Pipe, Lock
import multiprocessing as mp
import queue


def worker(x, q):
    q.put((x, sum(i * i for i in range(1000 * x)), current_process().name))


def failing():
    raise ValueError("boom")


def exits(code):
    sys.exit(code)


def talk(conn):
    msg = conn.recv()
    conn.send({"got": msg, "pid_differs": os.getpid() != mp.parent_process().pid})
    conn.send_bytes(b"raw")
    conn.close()


def locked_writer(lock, q, n):
    for i in range(n):
        with lock:
            q.put(i)


if __name__ == "__main__":
    print(current_process().name, cpu_count() > 0)
    q = Queue()
    procs = [Process(target=worker, args=(i, q)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print([p.exitcode for p in procs], [p.is_alive() for p in procs])
    got = []
    while not q.empty():
        got.append(q.get())
    print(sorted(got))
    try:
        q.get(timeout=0.05)
    except queue.Empty:
        print("Empty")
    try:
        q.get_nowait()
    except queue.Empty:
        print("Empty again")

    p = Process(target=failing, name="Failer")
    p.start()
    p.join()
    print(p.name, p.exitcode)
    for code in (0, 3, None):
        p = Process(target=exits, args=(code,))
        p.start()
        p.join()
        print("exit", code, p.exitcode)

    parent, child = Pipe()
    p = Process(target=talk, args=(child,))
    p.start()
    parent.send(["hello", 1, 2.5])
    print(parent.recv())
    print(parent.recv_bytes())
    p.join()
    print(parent.poll(0.01) if False else "joined", p.exitcode)

    sq = SimpleQueue()
    lock = Lock()
    ps = [Process(target=locked_writer, args=(lock, sq, 5)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    items = []
    while not sq.empty():
        items.append(sq.get())
    print(sorted(items))

    import time
    p = Process(target=time.sleep, args=(5,), daemon=True)
    p.start()
    print(p.daemon, p.is_alive())
    p.join(0.05)
    print(p.exitcode)
    p.terminate()
    p.join()
    print(p.exitcode, p.is_alive())
    print(lock.acquire(), lock.acquire(timeout=0.05), lock.acquire(False))
    lock.release()
    print(lock.acquire(False))
