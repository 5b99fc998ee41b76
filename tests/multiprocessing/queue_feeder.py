import sys
import time
from multiprocessing import Process, Queue, JoinableQueue, Event


def consumer(q, out):
    total = 0
    count = 0
    while True:
        item = q.get()
        if item is None:
            break
        total += len(item)
        count += 1
    out.put((count, total))


def big_producer(q):
    q.put(b"x" * 300000)
    q.put("after big")


def late_printer(ev):
    ev.wait(5)
    time.sleep(0.1)
    print("child finished after parent's last line")
    sys.stdout.flush()


def joinable_worker(jq, out):
    while True:
        item = jq.get()
        out.put(item * 10)
        jq.task_done()


if __name__ == "__main__":
    q, out = Queue(), Queue()
    for i in range(200):  # far more than a pipe holds: put() must not block
        q.put("x" * (1000 + i))
    q.put(None)
    p = Process(target=consumer, args=(q, out))
    p.start()
    print(out.get())
    p.join()
    print(p.exitcode)

    q = Queue()
    p = Process(target=big_producer, args=(q,))
    p.start()
    print(len(q.get()), q.get())
    p.join()

    bounded = Queue(maxsize=2)
    bounded.put(1)
    bounded.put(2)
    try:
        bounded.put(3, timeout=0.05)
    except Exception as e:
        print(type(e).__name__)
    print(bounded.get(), bounded.get())

    jq, out = JoinableQueue(), Queue()
    w = Process(target=joinable_worker, args=(jq, out), daemon=True)
    w.start()
    for i in range(5):
        jq.put(i)
    jq.join()
    print(sorted(out.get() for _ in range(5)))

    ev = Event()
    p = Process(target=late_printer, args=(ev,))
    p.start()
    print(ev.is_set())
    ev.set()
    print(ev.is_set(), ev.wait(0))
    print("parent's last line")
