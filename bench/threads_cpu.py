# Measures CPU-bound threads under the GIL: the same four chunks of integer work, first one after another, then on four threads at once (the threaded pass should take about as long, not much more: GIL hand-offs, not lock convoys).
import sys
import threading
import time


def work(seed, n):
    # An LCG folded into a sum, with a little branching: pure bytecode, no I/O.
    x = seed
    total = 0
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        if x & 1:
            total += x >> 7
        else:
            total ^= i
    return total


def main():
    n = 180000
    seeds = [1, 2, 3, 4]

    t0 = time.perf_counter()
    sequential = [work(s, n) for s in seeds]
    t1 = time.perf_counter()

    threaded = [None] * len(seeds)

    def run(k):
        threaded[k] = work(seeds[k], n)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(seeds))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t2 = time.perf_counter()

    print("same results", sequential == threaded)
    print("checksum", sum(sequential) % 1000000007)
    # Timing goes to stderr: it differs from run to run, the checksum does not.
    print("sequential %.3f s, 4 threads %.3f s, ratio %.2f"
          % (t1 - t0, t2 - t1, (t2 - t1) / (t1 - t0)), file=sys.stderr)


main()
