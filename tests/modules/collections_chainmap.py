# collections.ChainMap.
from collections import ChainMap
defaults = {"color": "red", "user": "guest"}
env = {"user": "admin"}
cli = {}
cm = ChainMap(cli, env, defaults)
print(cm["color"], cm["user"], len(cm), sorted(cm), "color" in cm, cm.get("nope", 0))
cm["color"] = "blue"
print(cli, defaults["color"], cm.maps[0] is cli)
child = cm.new_child({"user": "child"})
print(child["user"], child.parents["user"], len(child.maps))
del cm["color"]
print(cm["color"])
try:
    del cm["user"]
except KeyError as e:
    print("KeyError", e)
print(dict(ChainMap({"a": 1}, {"a": 2, "b": 3})), ChainMap({"a": 1}, {"b": 2}))
print(list(ChainMap({"x": 1}, {"y": 2, "x": 0}).items()))
