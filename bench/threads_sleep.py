# Measures blocking calls releasing the GIL: rounds of a hundred threads that each sleep 0.1 s at once (a round should take barely more than 0.1 s, not 100 x 0.1 s), then hand a result back through a queue.
import queue
import sys
import threading
import time


def sleeper(k, out):
    time.sleep(0.1)
    out.put(k * k)


def main():
    rounds = 4
    t0 = time.perf_counter()
    total = 0
    for r in range(rounds):
        out = queue.Queue()
        threads = [threading.Thread(target=sleeper, args=(k + r, out)) for k in range(100)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        got = sorted(out.get() for _ in range(100))
        total += sum(got)
    elapsed = time.perf_counter() - t0
    print("rounds", rounds, "threads per round", 100)
    print("checksum", total)
    print("%d rounds of 100 sleeping threads: %.3f s, %.3f s a round"
          % (rounds, elapsed, elapsed / rounds), file=sys.stderr)


main()
