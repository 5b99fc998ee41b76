# Dicts grown through many sizes with deletions and reinsertions: contents and order at
# every size, across the index-width boundaries (128 and 32768 slots) and small tables.


def keyval(k):
    if isinstance(k, int):
        return k
    return int(k[1:]) if k[0] == "k" else 99999  # str hashes vary from run to run


def digest(d):
    h = 0
    for i, (k, v) in enumerate(d.items()):
        h = (h * 1000003 + (i + 1) * (keyval(k) % 1000) + v) % 1000000007
    return h


def keys_for(kind, n):
    if kind == 0:
        return list(range(n))
    if kind == 1:
        return [i * 128 for i in range(n)]  # every key in one home slot of small tables
    if kind == 2:
        return ["k%d" % i for i in range(n)]
    return [-i - 1 for i in range(n)]


for kind in range(4):
    out = []
    for n in range(0, 301, 7 if kind else 2):
        keys = keys_for(kind, n)
        d = {}
        for i, k in enumerate(keys):
            d[k] = i
        assert len(d) == n
        for k in keys[::3]:
            del d[k]
        for k in keys[::6]:
            d[k] = -1
        for k in keys[1::4]:
            d.pop(k, None)
        c = d.copy()
        assert c == d and list(c) == list(d)
        m = d | {keys[0] if keys else 0: 5, "new": 1}
        assert len(m) >= len(d)
        while len(d) > n // 2:
            d.popitem()
        for k in keys[:5]:
            d[k] = 7
        out.append(digest(d) % 1000)
        out.append(digest(m) % 1000)
        out.append(len(d))
    print(kind, out)

# the small first table: instance-like dicts of one to six keys
for n in range(7):
    d = {}
    for i in range(n):
        d["a%d" % i] = i
    if n:
        del d["a0"]
        d["a0"] = 0
    print(n, list(d.items()), d == dict(d), len(d.copy()))

# big enough for 32-bit index slots
big = {}
for i in range(30000):
    big[i * 7] = i
for i in range(0, 30000, 2):
    del big[i * 7]
big.update((i, i) for i in range(-100, 0))
print(len(big), digest(big), list(big.items())[:3], list(big.items())[-3:])

# modification during iteration is still reported
d = {1: 1, 2: 2, 3: 3}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print("RuntimeError", e)
d = {i: i for i in range(3)}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError", e)
e = {}
print(e.popitem() if e else "empty", {} == {}, {1: 2} | {}, {} | {3: 4})
