# Runaway recursion raises RecursionError (a RuntimeError), and the program goes on.
import sys
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
class Loop:
    def __getattr__(self, name):
        return getattr(self, name)
try:
    Loop().x
except RecursionError as e:
    print(type(e).__name__)
def mutual_a(n): return mutual_b(n)
def mutual_b(n): return mutual_a(n)
try:
    mutual_a(0)
except RecursionError as e:
    print(type(e).__name__)
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))
