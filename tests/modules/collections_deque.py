# collections.deque.
from collections import deque
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend([7, 8]); d.extendleft("ab")
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
b = deque(maxlen=3)
for i in range(6):
    b.append(i)
print(b, b.maxlen)
b.appendleft(-1)
print(b, list(b))
print(deque("abc", 2), deque(), deque(maxlen=0))
e = deque([1, 2, 3, 2])
print(e.count(2), e.index(2), e.index(2, 2), 3 in e, list(reversed(e)))
e.remove(2); e.insert(1, "x"); e[0] = "first"; del e[-1]
print(e, e == deque(["first", "x", 3]), e.copy(), bool(deque()))
e.reverse()
print(e, e + deque([9]), e * 2)
e.clear()
print(e)
for bad in (lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5], lambda: deque([1]).remove(9)):
    try:
        bad()
    except (IndexError, ValueError) as err:
        print(type(err).__name__, err)
q = deque(range(5))
try:
    for x in q:
        q.append(x)
except RuntimeError as err:
    print(err)
print(deque([1, [2]]), deque([1], maxlen=None))
