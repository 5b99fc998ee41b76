# time: only relations between readings are printed, never the readings.
import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
total = 0
for i in range(10000):
    total += i
time.sleep(0.01)
t1, p1, m1 = time.time(), time.perf_counter(), time.monotonic()
print(t1 >= t0, p1 > p0, m1 >= m0, p1 - p0 >= 0.009, t0 > 1.6e9)
print(type(t0).__name__, type(time.time_ns()).__name__, time.time_ns() > 10**18)
print(isinstance(time.localtime().tm_year, int), time.gmtime(0).tm_year, time.strftime("%Y-%m-%d", time.gmtime(86400)))
print(total)
