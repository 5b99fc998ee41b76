# concurrent.futures: Future states, ThreadPoolExecutor submit/map/shutdown, wait, as_completed.
import threading
import concurrent.futures as cf
from concurrent.futures import (ThreadPoolExecutor, Future, as_completed, wait,
                                FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)

print(cf.TimeoutError is TimeoutError, issubclass(cf.CancelledError, Exception))

def shape(r):
    # Hide the address in a Future repr.
    start = r.find('0x')
    if start < 0:
        return r
    end = r.find(' ', start)
    return r[:start] + '0x...' + r[end:]

# A bare Future driven by hand.
f = Future()
print(shape(repr(f)), f.done(), f.running(), f.cancelled())
seen = []
f.add_done_callback(lambda fut: seen.append(('cb', fut.result())))
try:
    f.result(timeout=0.01)
except TimeoutError:
    print('result timed out')
try:
    f.exception(timeout=0)
except TimeoutError:
    print('exception timed out')
f.set_result(42)
print(shape(repr(f)), f.done(), f.result(), f.exception(), seen)
f.add_done_callback(lambda fut: seen.append('late'))
print(seen)
try:
    f.set_result(1)
except cf.InvalidStateError as e:
    print('InvalidStateError', shape(str(e)))

g = Future()
g.set_exception(ValueError('bad'))
print(shape(repr(g)), type(g.exception()).__name__)
try:
    g.result()
except ValueError as e:
    print('raised', e)

c = Future()
print(c.cancel(), c.cancelled(), c.done(), shape(repr(c)))
try:
    c.result()
except cf.CancelledError:
    print('CancelledError')
r = Future()
print(r.set_running_or_notify_cancel(), r.running(), r.cancel())
r.set_result(None)

# ThreadPoolExecutor
def square(x):
    return x * x

def names(_):
    return threading.current_thread().name

with ThreadPoolExecutor(max_workers=4) as ex:
    futs = [ex.submit(square, i) for i in range(10)]
    print(sorted(fu.result() for fu in futs))
    print(list(ex.map(square, range(8))))
    print(list(ex.map(pow, [2, 3, 4], [5, 2, 1])))
    print(ex._max_workers)
    name = ex.submit(names, 0).result()
    print(name.startswith('ThreadPoolExecutor-'), name.split('_')[-1].isdigit())

ex = ThreadPoolExecutor(max_workers=2, thread_name_prefix='pool')
print(ex.submit(names, 0).result().startswith('pool_'))
ex.shutdown()
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print('RuntimeError:', e)

import os
print(ThreadPoolExecutor()._max_workers == min(32, os.cpu_count() + 4))
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print('ValueError:', e)

# Exceptions travel through the future.
def boom(x):
    raise KeyError(x)

with ThreadPoolExecutor(2) as ex:
    fu = ex.submit(boom, 'k')
    print(repr(fu.exception()))
    try:
        list(ex.map(boom, [1, 2]))
    except KeyError as e:
        print('map raised', e)

# as_completed yields every future once, finishing order first.
gate = threading.Event()

def gated(x):
    gate.wait()
    return x

with ThreadPoolExecutor(3) as ex:
    fs = [ex.submit(square, i) for i in range(6)]
    print(sorted(fu.result() for fu in as_completed(fs)))
    blocked = ex.submit(gated, 'g')
    try:
        for fu in as_completed(fs + [blocked], timeout=0.05):
            pass
    except TimeoutError as e:
        print('TimeoutError:', e)
    gate.set()
    print(blocked.result())

# wait()
gate2 = threading.Event()
with ThreadPoolExecutor(2) as ex:
    quick = ex.submit(square, 3)
    slow = ex.submit(lambda: gate2.wait() and 'slow')
    done, not_done = wait([quick, slow], return_when=FIRST_COMPLETED)
    print(quick in done, slow in not_done)
    res = wait([quick, slow], timeout=0.01)
    print(type(res).__name__, len(res.done), len(res.not_done))
    gate2.set()
    res = wait([quick, slow], return_when=ALL_COMPLETED)
    print(len(res.done), len(res.not_done), slow.result())
    bad = ex.submit(boom, 1)
    res = wait([bad], return_when=FIRST_EXCEPTION)
    print(bad in res.done)

# shutdown(cancel_futures=True) cancels what has not started.
gate3 = threading.Event()
started = threading.Event()

def first_task():
    started.set()
    return gate3.wait()

ex = ThreadPoolExecutor(1)
first = ex.submit(first_task)
started.wait()                  # the only worker is now busy with first_task
rest = [ex.submit(square, i) for i in range(5)]

def release_once_cancelled():
    # The worker is let go only after shutdown has cancelled the queued futures, however
    # slowly this build runs.
    while not all(fu.cancelled() for fu in rest):
        gate3.wait(0.001)
    gate3.set()

threading.Thread(target=release_once_cancelled).start()
ex.shutdown(wait=True, cancel_futures=True)
print(first.result(), [fu.cancelled() for fu in rest])

# map with a timeout: the iterator raises TimeoutError once the deadline passes.
gate4 = threading.Event()
with ThreadPoolExecutor(1) as ex:
    it = ex.map(lambda x: gate4.wait() and x, [1, 2], timeout=0.02)
    try:
        list(it)
    except TimeoutError:
        print('map timed out')
    gate4.set()

# ProcessPoolExecutor is out of scope for Adder; it is not exercised here.
print('done')
