# Container protocol: __len__, __getitem__, __setitem__, __delitem__, __contains__, slices.
class Grid:
    def __init__(self):
        self.cells = {}
    def __len__(self):
        return len(self.cells)
    def __getitem__(self, key):
        if isinstance(key, slice):
            return f"slice({key.start}, {key.stop}, {key.step})"
        if key not in self.cells:
            raise KeyError(key)
        return self.cells[key]
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, key):
        return key in self.cells
g = Grid()
g[0, 1] = "a"
g[2, 2] = "b"
print(len(g), g[0, 1], (2, 2) in g, (9, 9) in g, g[1:5], g[::2])
del g[0, 1]
print(len(g), bool(g))
try:
    g[5, 5]
except KeyError as e:
    print("KeyError", e)
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), 25 in Seq(), [x for x in Seq()])
class NoLen:
    pass
try:
    len(NoLen())
except TypeError as e:
    print(e)
try:
    NoLen()[0]
except TypeError as e:
    print(e)
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print(e)
