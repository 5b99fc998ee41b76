# Event, Condition, Semaphore, RLock, Barrier: ordering only through the primitives.
import threading

# Event ping-pong: strict alternation between two threads.
log = []
ping, pong = threading.Event(), threading.Event()
def player(name, mine, other, rounds):
    for i in range(rounds):
        mine.wait()
        mine.clear()
        log.append("%s%d" % (name, i))
        other.set()
a = threading.Thread(target=player, args=("a", ping, pong, 3))
b = threading.Thread(target=player, args=("b", pong, ping, 3))
a.start(); b.start()
ping.set()
a.join(); b.join()
print(log)

# Event.wait with a timeout that expires, and one that is already set.
e = threading.Event()
print(e.is_set(), e.wait(0.01), e.wait(0))
e.set()
print(e.is_set(), e.wait(), e.wait(5))

# Condition: producer/consumer.
cond = threading.Condition()
items = []
consumed = []
def consumer():
    for _ in range(5):
        with cond:
            cond.wait_for(lambda: items)
            consumed.append(items.pop(0))
c = threading.Thread(target=consumer)
c.start()
for i in range(5):
    with cond:
        items.append(i * i)
        cond.notify()
c.join()
print(consumed)
with cond:
    print(cond.wait(0.01), cond.wait_for(lambda: 42, 0.01))

# notify_all wakes every waiter.
go = False
woken = []
cv = threading.Condition(threading.Lock())
ready = threading.Semaphore(0)
def waiter(i):
    with cv:
        ready.release()
        cv.wait_for(lambda: go)
        woken.append(i)
ws = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for w in ws: w.start()
for w in ws: ready.acquire()
with cv:
    go = True
    cv.notify_all()
for w in ws: w.join()
print(sorted(woken))

# Semaphore bounds concurrency; BoundedSemaphore refuses extra releases.
sem = threading.Semaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False), sem.acquire(timeout=0.01))
sem.release(2)
bs = threading.BoundedSemaphore(1)
with bs:
    pass
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)

# RLock re-entry and ownership.
r = threading.RLock()
with r:
    with r:
        print("reentered")
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
owned = []
r.acquire()
t = threading.Thread(target=lambda: owned.append(r.acquire(blocking=False)))
t.start(); t.join()
r.release()
print(owned)

# Lock basics.
l = threading.Lock()
print(l.acquire(), l.locked(), l.acquire(False), l.acquire(timeout=0.01))
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# Barrier: every party gets a distinct index.
bar = threading.Barrier(3)
idx = []
def party():
    idx.append(bar.wait())
ps = [threading.Thread(target=party) for _ in range(3)]
for p in ps: p.start()
for p in ps: p.join()
print(sorted(idx), bar.broken)

# join with a timeout on a thread that is blocked, then release it.
hold = threading.Event()
slow = threading.Thread(target=hold.wait)
slow.start()
slow.join(0.01)
print(slow.is_alive())
hold.set()
slow.join()
print(slow.is_alive())
