# queue: FIFO/LIFO/priority order, blocking put/get between threads, timeouts, task_done/join.
import queue
import threading

q = queue.Queue()
for i in range(5):
    q.put(i)
print(q.qsize(), q.empty(), q.full())
print([q.get() for _ in range(5)], q.empty())

lq = queue.LifoQueue()
for i in range(4):
    lq.put(i)
print([lq.get_nowait() for _ in range(4)])

pq = queue.PriorityQueue()
for item in [(3, 'c'), (1, 'a'), (4, 'd'), (2, 'b'), (0, 'z')]:
    pq.put(item)
print([pq.get()[1] for _ in range(5)])

# Bounded queue: full() and the non-blocking/timeout failures.
bq = queue.Queue(maxsize=2)
bq.put('x')
bq.put_nowait('y')
print(bq.full(), bq.qsize())
try:
    bq.put_nowait('z')
except queue.Full:
    print('Full raised')
try:
    bq.put('z', timeout=0.01)
except queue.Full:
    print('Full after timeout')
print(bq.get(), bq.get())
try:
    bq.get_nowait()
except queue.Empty:
    print('Empty raised')
try:
    bq.get(timeout=0.01)
except queue.Empty:
    print('Empty after timeout')
try:
    bq.get(timeout=-1)
except ValueError as e:
    print('ValueError:', e)
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))

# Producer/consumer through a small bounded queue: the producer blocks on put.
work = queue.Queue(maxsize=3)
results = []
lock = threading.Lock()

def consumer():
    while True:
        item = work.get()
        if item is None:
            work.task_done()
            return
        with lock:
            results.append(item * item)
        work.task_done()

workers = [threading.Thread(target=consumer) for _ in range(3)]
for w in workers:
    w.start()
for i in range(30):
    work.put(i)
work.join()                     # every item fetched and marked done
print(len(results), sorted(results)[:5], sum(results))
for w in workers:
    work.put(None)
for w in workers:
    w.join()
print(work.unfinished_tasks, work.empty())

try:
    work.task_done()
except ValueError as e:
    print('ValueError:', e)

# A getter blocked on an empty queue wakes when a put arrives.
handoff = queue.Queue()
got = []
t = threading.Thread(target=lambda: got.append(handoff.get()))
t.start()
handoff.put('hello')
t.join()
print(got)

# SimpleQueue
sq = queue.SimpleQueue()
print(sq.empty(), sq.qsize())
for i in range(3):
    sq.put(i)
print(sq.qsize(), [sq.get() for _ in range(3)])
try:
    sq.get_nowait()
except queue.Empty:
    print('SimpleQueue Empty')
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print('SimpleQueue Empty after timeout')
out = []
ts = [threading.Thread(target=lambda n=n: sq.put(n)) for n in range(10)]
for t in ts:
    t.start()
for _ in range(10):
    out.append(sq.get())
for t in ts:
    t.join()
print(sorted(out))
print(sorted(queue.__all__))
