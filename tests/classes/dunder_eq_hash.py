# __eq__ and __hash__: dict/set keys, the rule that __eq__ alone makes a class unhashable.
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return isinstance(o, Key) and self.k.lower() == o.k.lower()
    def __hash__(self):
        return hash(self.k.lower())
    def __repr__(self):
        return f"Key({self.k!r})"
d = {Key("A"): 1}
d[Key("a")] = 2
print(d, Key("A") in d, len({Key("x"), Key("X"), Key("y")}))
class EqOnly:
    def __eq__(self, o):
        return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print(e)
class Default:
    pass
x = Default()
print(hash(x) == hash(x), {x: 1}[x], x == Default())
class Inherit(Key):
    pass
print(hash(Inherit("Q")) == hash(Key("q")), Inherit("Q") == Key("q"))
class NoHash:
    __hash__ = None
try:
    {NoHash()}
except TypeError as e:
    print(e)
class HashCount:
    calls = 0
    def __hash__(self):
        HashCount.calls += 1
        return 1
    def __eq__(self, o):
        return self is o
s = {HashCount() for _ in range(3)}
print(len(s), HashCount.calls)
