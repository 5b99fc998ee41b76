import os, threading, sys

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    t = threading.current_thread()
    done = []
    th = threading.Thread(target=lambda: done.append(1))
    th.start()
    th.join()
    msg = "child %s %s %s %s" % (t.name, t is threading.main_thread(), os.getppid() != os.getpid(), done)
    os.write(w, msg.encode())
    os._exit(3)
os.close(w)
chunks = []
while True:
    b = os.read(r, 4)
    if not b:
        break
    chunks.append(b)
os.close(r)
print(b"".join(chunks).decode())
p, st = os.waitpid(pid, 0)
print(p == pid, os.WIFEXITED(st), os.WEXITSTATUS(st), os.WIFSIGNALED(st), os.waitstatus_to_exitcode(st))

print("before fork", flush=True)
pid = os.fork()
if pid == 0:
    print("in child")
    sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)
print("after")

import signal
pid = os.fork()
if pid == 0:
    import time
    time.sleep(10)
    os._exit(0)
os.kill(pid, signal.SIGTERM)
p, st = os.waitpid(pid, 0)
print(os.WIFSIGNALED(st), os.WTERMSIG(st) == signal.SIGTERM, os.waitstatus_to_exitcode(st))
print(os.waitpid(-1, os.WNOHANG) if False else "ok", os.cpu_count() > 0)
try:
    os.waitpid(-1, 0)
except ChildProcessError as e:
    print("ChildProcessError", e.errno)
