# json.dumps: types, indent, sort_keys, separators, ensure_ascii, default.
import json
data = {"name": "Ada", "age": 36, "langs": ["en", "fr"], "ok": True, "none": None, "pi": 3.5}
print(json.dumps(data))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, indent=2))
print(json.dumps([1, [2, {"a": []}], {}], indent=4))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, indent=1, separators=(",", ": ")))
print(json.dumps("café ☕"), json.dumps("café ☕", ensure_ascii=False), json.dumps("\n\t\"\\"))
print(json.dumps(1.0), json.dumps(10**20), json.dumps(-0.5), json.dumps((1, 2)), json.dumps({1: "int key", True: "b"}))
print(json.dumps(float("inf")), json.dumps(None), json.dumps("😀"))
try:
    json.dumps({1, 2})
except TypeError as e:
    print(e)
print(json.dumps({"s": {1, 2}}, default=sorted))
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e:
    print(e)
print(json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps({"k": [1]}, indent="\t"))
