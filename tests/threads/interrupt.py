# SIGINT reaches the main thread as KeyboardInterrupt: right at os.kill, and while it is
# blocked in sleep, lock acquire, join and a busy loop (another thread sends the signal).
# signal.signal installs a Python handler or SIG_IGN; an uncaught KeyboardInterrupt ends
# the script with status 130, as CPython (dying of SIGINT) does.
import os
import signal
import threading
import time

sent = threading.Event()


def interrupt_soon():
    sent.clear()

    def later():
        time.sleep(0.1)
        os.kill(os.getpid(), signal.SIGINT)
        sent.set()
    threading.Thread(target=later).start()


print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    os.kill(os.getpid(), signal.SIGINT)
    print("not reached")
except KeyboardInterrupt:
    print("caught at kill")

try:
    interrupt_soon()
    time.sleep(30)
    print("slept")
except KeyboardInterrupt:
    print("caught in sleep")

lock = threading.Lock()
lock.acquire()
try:
    interrupt_soon()
    lock.acquire()
except KeyboardInterrupt:
    print("caught in acquire")

try:
    interrupt_soon()
    lock.acquire(timeout=30)
except KeyboardInterrupt:
    print("caught in acquire with timeout")

release = threading.Event()
waiter = threading.Thread(target=release.wait)
waiter.start()
try:
    interrupt_soon()
    waiter.join()
except KeyboardInterrupt:
    print("caught in join")
release.set()
waiter.join()

try:
    interrupt_soon()
    while True:
        pass
except KeyboardInterrupt:
    print("caught in loop")
sent.wait()

# A Python handler runs on the main thread, and a sleep it interrupts goes on afterwards.
got = []
old = signal.signal(signal.SIGINT, lambda signum, frame: got.append(signum))
print(old is signal.default_int_handler)
os.kill(os.getpid(), signal.SIGINT)
print("handler ran", got)
interrupt_soon()
time.sleep(0.3)
sent.wait()
print("handler ran during sleep", got)

signal.signal(signal.SIGINT, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGINT)
print("ignored", signal.getsignal(signal.SIGINT) == signal.SIG_IGN)

signal.signal(signal.SIGINT, signal.default_int_handler)
print("uncaught next")
os.kill(os.getpid(), signal.SIGINT)
print("not reached")
