# dict methods and views.
d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, 1 in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("a"), d.pop("zz", "dflt"), d)
print(d.setdefault("b", 99), d.setdefault("new", []), d)
d.update({"b": 20}, x=1)
d.update([("y", 2)])
print(d)
print(d.popitem(), d)
e = d.copy()
e.clear()
print(e, d == {"b": 20, "c": 3, "new": [], "x": 1}, dict.fromkeys("ab", 0))
print(dict(a=1), dict([("k", "v")]), dict({"x": 1}, y=2), dict(zip("ab", (1, 2))))
try:
    d["missing"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    {}.popitem()
except KeyError as e:
    print(e)
print({**{"a": 1}, "b": 2, **{"a": 3}}, {"a": 1} | {"b": 2})
f = {"q": 1}
f |= {"r": 2}
print(f, {1: "a"} == {1.0: "a"}, {"a": 1} != {"a": 2})
try:
    {"a": 1} < {"b": 2}
except TypeError as e:
    print(e)
print(list(reversed({"x": 1, "y": 2})), dict(sorted({"z": 1, "a": 2}.items())))
