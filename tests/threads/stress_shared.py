# 32 threads hammer shared containers at once for about two seconds: a list, a dict, a set,
# a bounded queue between producers and consumers, a lock-protected counter, and objects
# they allocate and drop, while the GIL switches between them. How much each thread gets
# done depends on the machine (and on ADDER_GC_STRESS), so what is printed are totals
# checked against each other, which hold whatever the interleaving.
import queue
import threading
import time

NTHREADS = 32
SECONDS = 2.0
MIN_ROUNDS = 5       # every producer does at least this much, however slow the build
MAX_ROUNDS = 20000

shared_list = []
shared_dict = {}
shared_set = set()
work = queue.Queue(maxsize=64)
results = queue.SimpleQueue()
rounds_done = {}
counter_lock = threading.Lock()
counter = [0]
start = threading.Barrier(NTHREADS + 1)
deadline = [0.0]


class Box:
    def __init__(self, n):
        self.n = n
        self.tag = "box%d" % n

    def value(self):
        return self.n * 2


def producer(me):
    start.wait()
    i = 0
    while i < MAX_ROUNDS and (i < MIN_ROUNDS or time.monotonic() < deadline[0]):
        key = (me, i)
        shared_list.append(key)
        shared_dict[key] = [i, str(i), Box(i)]
        shared_set.add(me * 100000 + i)
        if i % 3 == 0:
            # Another producer's entry: it may or may not be there.
            shared_dict.pop(((me + 1) % (NTHREADS // 2), i - 3), None)
        if i % 7 == 0:
            last = shared_list.pop()
            shared_list.append(last)
        work.put(Box(i))
        with counter_lock:
            counter[0] += 1
        i += 1
    rounds_done[me] = i
    work.put(None)
    work.put(None)


def consumer(me):
    start.wait()
    total = seen = stops = 0
    while stops < 2:
        item = work.get()
        if item is None:
            stops += 1
            continue
        total += item.value()
        seen += 1
        d = {item.tag: item, "t": (item.n, me)}
        total += len(d) - 2
    results.put((seen, total))


# Half the threads produce, half consume; each consumer stops at its second sentinel, and
# each producer sends two.
threads = []
for me in range(NTHREADS // 2):
    threads.append(threading.Thread(target=producer, args=(me,)))
    threads.append(threading.Thread(target=consumer, args=(me,)))
for t in threads:
    t.start()
deadline[0] = time.monotonic() + SECONDS
start.wait()
for t in threads:
    t.join()

seen = total = 0
while not results.empty():
    s, tot = results.get()
    seen += s
    total += tot
items = sum(rounds_done.values())
print("every producer finished", len(rounds_done) == NTHREADS // 2,
      min(rounds_done.values()) >= MIN_ROUNDS)
print("list holds every item once", len(shared_list) == items == len(set(shared_list)))
print("set", len(shared_set) == items)
print("counter", counter[0] == items)
print("consumed", seen == items)
print("sum of values", total == sum(n * (n - 1) for n in rounds_done.values()))
print("dict consistent", all(v[0] == k[1] and v[1] == str(k[1]) and v[2].value() == 2 * k[1]
                             for k, v in shared_dict.items()), len(shared_dict) <= items)
print("queue drained", work.empty(), work.qsize())
print("threads left", threading.active_count())
