# collections.OrderedDict.
from collections import OrderedDict
od = OrderedDict()
od["b"] = 1; od["a"] = 2; od["c"] = 3
print(od, list(od), list(od.items()))
od.move_to_end("b")
print(list(od))
od.move_to_end("b", last=False)
print(list(od))
print(od.popitem(), od.popitem(last=False), od)
od2 = OrderedDict([("x", 1), ("y", 2)])
od3 = OrderedDict([("y", 2), ("x", 1)])
print(od2 == od3, dict(od2) == dict(od3), od2 == {"y": 2, "x": 1})
print(OrderedDict(), OrderedDict(a=1), OrderedDict.fromkeys("ab", 0), isinstance(od2, dict))
try:
    od2.move_to_end("zz")
except KeyError as e:
    print("KeyError", e)
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)
od2.update(z=3)
od2["x"] = 10
print(od2, list(reversed(od2)), od2.copy(), od2.pop("y"), od2.setdefault("w", 0), od2)
