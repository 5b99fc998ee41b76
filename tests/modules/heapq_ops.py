# heapq: a priority queue on a list; orders match CPython's algorithms exactly.
import heapq

h = []
for v in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, v)
print(h)
print([heapq.heappop(h) for _ in range(3)], h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 10), data)
print(heapq.heappushpop(data, -1), heapq.heappushpop(data, 4), data)
print(sorted(data) == [heapq.heappop(data) for _ in range(len(data))])

# Tuples: priority first, then a tie-breaker.
tasks = []
for prio, name in [(2, "write"), (1, "plan"), (3, "test"), (1, "coffee")]:
    heapq.heappush(tasks, (prio, name))
print([heapq.heappop(tasks) for _ in range(len(tasks))])

for bad in [lambda: heapq.heappop([]), lambda: heapq.heapreplace([], 1),
            lambda: heapq.heappush((), 1), lambda: heapq.heapify(None)]:
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
