# Daemon threads still running at exit are not waited for: one spinning on bytecode, one
# blocked on a lock that is never released, one asleep. The script ends at once, status 0,
# and a non-daemon thread is still joined first.
import threading
import time

never = threading.Lock()
never.acquire()
started = threading.Barrier(4)


def spin():
    started.wait()
    n = 0
    while True:
        n += 1


def block():
    started.wait()
    never.acquire()


def nap():
    started.wait()
    while True:
        time.sleep(0.01)


for target in (spin, block, nap):
    threading.Thread(target=target, daemon=True).start()
started.wait()

finish = threading.Event()


def last():
    finish.wait()
    print("non-daemon thread joined")


threading.Thread(target=last).start()
print("main done", threading.active_count())
finish.set()
