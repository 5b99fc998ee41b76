# threading.local, Timer, uncaught exceptions in threads, _thread directly.
import threading
import _thread

data = threading.local()
data.x = "main"
seen = []
def visit(i):
    seen.append(hasattr(data, "x"))
    data.x = i
    seen.append(data.x == i)
ts = [threading.Thread(target=visit, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(seen, data.x)

class Stamped(threading.local):
    def __init__(self, tag):
        self.tag = tag
        self.count = 0
s = Stamped("t")
s.count = 5
out = []
t = threading.Thread(target=lambda: out.append((s.tag, s.count)))
t.start(); t.join()
print(out, s.count)

fired = threading.Event()
calls = []
tm = threading.Timer(0.01, lambda x: (calls.append(x), fired.set()), args=("tick",))
tm.start()
fired.wait()
tm.join()
print(calls)
tm2 = threading.Timer(100, calls.append, args=("never",))
tm2.start()
tm2.cancel()
tm2.join()
print(calls)

def fails():
    raise ValueError("bad thing")
t = threading.Thread(target=fails, name="worker")
t.start()
t.join()
print("after failure", t.is_alive())

def quits():
    raise SystemExit(3)
t = threading.Thread(target=quits)
t.start(); t.join()
print("system exit ignored")

done = _thread.allocate_lock()
done.acquire()
box = []
def raw(a, b, c=0):
    box.append(a + b + c)
    done.release()
ident = _thread.start_new_thread(raw, (1, 2), {"c": 3})
done.acquire()
print(box, isinstance(ident, int), type(done).__name__)
try:
    _thread.start_new_thread(raw, [1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    _thread.start_new_thread(42, ())
except TypeError as e:
    print("TypeError:", e)
