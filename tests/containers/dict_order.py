# dicts keep insertion order through updates, deletes and re-inserts.
d = {}
for k in ["zebra", "apple", "mango", "kiwi"]:
    d[k] = len(k)
print(list(d))
d["apple"] = 100
print(list(d.items()))
del d["zebra"]
d["zebra"] = 0
print(list(d))
keys = d.keys()
d["new"] = 1
print(keys, len(keys), "new" in keys)
print({k: v for k, v in sorted(d.items(), key=lambda kv: kv[1])})
items = d.items()
print(("kiwi", 4) in items, list(d.values()))
try:
    for k in d:
        d["added"] = 1
except RuntimeError as e:
    print(e)
print(d.keys() & {"kiwi", "nope"}, d.keys() - {"kiwi", "mango", "new", "added", "apple"})
many = {i: i * i for i in range(100)}
for i in range(0, 100, 2):
    del many[i]
print(list(many)[:5], len(many), many[99])
