# Generator state and attributes: gi_running, re-entrancy error, generator as method.
def self_ref():
    yield me.gi_running
    next(me)
me = self_ref()
print(next(me))
try:
    next(me)
except ValueError as e:
    print(e)
def simple():
    yield 1
s = simple()
print(s.__name__, s.gi_frame is not None, s.gi_running)
list(s)
print(s.gi_frame)
class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
t = Tree(1, Tree(2, Tree(3)), Tree(4))
print(list(t.walk()))
def counter():
    n = 0
    while True:
        n += 1
        cmd = yield n
        if cmd == "reset":
            n = 0
c = counter()
print(next(c), next(c), c.send("reset"), next(c))
gens = [simple() for _ in range(3)]
print([next(g) for g in gens])
