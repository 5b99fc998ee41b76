# Threads via the threading module: start/join, names, results collected under a lock.
import threading

results = []
lock = threading.Lock()

def work(n, scale=1):
    total = 0
    for i in range(n):
        total += i * scale
    with lock:
        results.append((n, total))

threads = [threading.Thread(target=work, args=(n,), kwargs={"scale": 2}) for n in (10, 1000, 50000)]
for t in threads:
    print(t.name, t.is_alive(), t.daemon)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print([t.is_alive() for t in threads])
print(all(isinstance(t.ident, int) for t in threads))
print(len(set(t.ident for t in threads)) >= 1)
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), len(threading.enumerate()))

class Counter(threading.Thread):
    def __init__(self, n):
        super().__init__(name="counter-%d" % n)
        self.n = n
        self.value = None
    def run(self):
        self.value = sum(range(self.n))
        self.me = threading.current_thread()

c = Counter(100)
c.start()
c.join()
print(c.name, c.value, c.me is c, c.is_alive())
print(threading.Thread(target=print).name.endswith("(print)"))
t = threading.Thread()
print(t.name.startswith("Thread-"), "(" not in t.name)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
t.start(); t.join()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
print(threading.get_ident() == threading.main_thread().ident)
