# The GIL is handed over while threads run pure bytecode: each of these loops only ends
# once another thread has run, so without forced switching the script would hang.
import threading
import time

state = {"a": False, "b": False}
def spin(mine, other):
    state[mine] = True
    n = 0
    while not state[other]:
        n += 1
    return n

ta = threading.Thread(target=spin, args=("a", "b"))
tb = threading.Thread(target=spin, args=("b", "a"))
ta.start(); tb.start()
ta.join(); tb.join()
print("both ran", state)

# The main thread spins until a worker flips a flag.
flag = []
w = threading.Thread(target=lambda: flag.append(1))
w.start()
while not flag:
    pass
w.join()
print("main saw", flag)

# Many threads incrementing a shared counter under a lock.
counter = [0]
lock = threading.Lock()
def bump(times):
    for _ in range(times):
        with lock:
            counter[0] += 1
workers = [threading.Thread(target=bump, args=(2000,)) for _ in range(8)]
for t in workers: t.start()
for t in workers: t.join()
print(counter[0])

# time.sleep lets others run.
order = []
sleeper_started = threading.Event()
def sleeper():
    sleeper_started.set()
    time.sleep(0.05)
    order.append("sleeper")
s = threading.Thread(target=sleeper)
s.start()
sleeper_started.wait()
order.append("main")
s.join()
print(sorted(order))

# Deep recursion inside a thread (its C stack is large enough for the recursion limit).
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
res = []
t = threading.Thread(target=lambda: res.append(depth(900)))
t.start(); t.join()
print(res)
def forever(n):
    return forever(n + 1)
def catch():
    try:
        forever(0)
    except RecursionError as e:
        res.append(type(e).__name__)
t = threading.Thread(target=catch)
t.start(); t.join()
print(res)
