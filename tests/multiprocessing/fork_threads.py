import os
import threading
from multiprocessing import Process, Queue, current_process


def report(q):
    t = threading.current_thread()
    q.put((current_process().name, t is threading.main_thread(), threading.active_count(),
           len(threading.enumerate())))


if __name__ == "__main__":
    stop = threading.Event()
    idle = threading.Thread(target=stop.wait, name="idler")
    idle.start()
    q = Queue()
    p = Process(target=report, args=(q,))
    p.start()
    p.join()
    print(q.get(), threading.active_count())

    results = []

    def from_thread():
        p = Process(target=report, args=(q,))
        p.start()
        p.join()
        results.append(q.get())

    t = threading.Thread(target=from_thread)
    t.start()
    t.join()
    print(results)

    def fork_and_join_other():
        pid = os.fork()
        if pid == 0:
            idle.join()  # the idler does not exist in the child: returns at once
            os._exit(7 if not idle.is_alive() else 1)
        print("child exit", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

    t = threading.Thread(target=fork_and_join_other)
    t.start()
    t.join()
    stop.set()
    idle.join()
    print("done")
