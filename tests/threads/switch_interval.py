# sys.getswitchinterval / setswitchinterval: the default, changes while threads compete for
# the GIL (each spinner only stops once the other has run), and the argument checks.
import sys
import threading

print(sys.getswitchinterval())
for value in (0.001, 0.02, 1, 0.005):
    sys.setswitchinterval(value)
    print(value, sys.getswitchinterval() == value)

for bad in (0, -1.0):
    try:
        sys.setswitchinterval(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    sys.setswitchinterval("x")
except TypeError as e:
    print("TypeError")


def spin(mine, other, flags):
    flags[mine] = True
    while not flags[other]:
        pass


for interval in (0.0001, 0.002, 0.005):
    sys.setswitchinterval(interval)
    flags = {"a": False, "b": False}
    pair = [threading.Thread(target=spin, args=("a", "b", flags)),
            threading.Thread(target=spin, args=("b", "a", flags))]
    for t in pair:
        t.start()
    # Changing the interval while the two compete is safe too.
    sys.setswitchinterval(interval * 2)
    for t in pair:
        t.join()
    print("interval", interval, flags)
