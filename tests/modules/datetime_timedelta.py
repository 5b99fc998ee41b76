# datetime.timedelta: normalization, reprs, arithmetic (float rounding as in CPython).
from datetime import timedelta

for td in [timedelta(), timedelta(1), timedelta(days=1, seconds=3600), timedelta(hours=-1),
           timedelta(microseconds=1), timedelta(weeks=1, minutes=1.5), timedelta(days=-1, seconds=5),
           timedelta(milliseconds=1500), timedelta(0, 0, 0.5), timedelta(0, 0, 1.5), timedelta(seconds=0.1),
           timedelta(days=1.5, hours=0.25), timedelta(microseconds=-1), timedelta(days=-2.5)]:
    print(repr(td), str(td), td.days, td.seconds, td.microseconds, td.total_seconds())
a = timedelta(hours=5)
b = timedelta(minutes=30)
print(a + b, a - b, -a, abs(-a), a * 2, 2 * a, a * 1.5, a / 2, a / b, a // b, a % b, divmod(a, b), +a)
print(a // 7, a / 3.3, a * 0.1, timedelta(seconds=1) / 3, timedelta(microseconds=3) / 2, timedelta(microseconds=5) / 2)
print(a > b, a == timedelta(seconds=18000), a != b, bool(timedelta()), bool(b), a == 5, a != "x")
print(hash(a) == hash(timedelta(seconds=18000)), {timedelta(1): "day"}[timedelta(hours=24)], sorted([a, b, -b]))
print(timedelta.min, timedelta.max, timedelta.resolution, repr(timedelta.max), repr(timedelta.min))
print(timedelta(days=400).total_seconds(), timedelta(seconds=1, microseconds=500000) * 3, timedelta(1) * 0.0000001)
print(sum([timedelta(minutes=20)] * 4, timedelta()), timedelta(weeks=2) - timedelta(days=1), timedelta(2).__reduce__())
for bad in [lambda: timedelta(days=1000000000), lambda: a / 0, lambda: a // timedelta(), lambda: a < 5,
            lambda: a + 1, lambda: 1 - a, lambda: timedelta(1, 2, 3, 4, 5, 6, 7, 8), lambda: timedelta("1"),
            lambda: timedelta.max + timedelta(1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
