# __enter__/__exit__: return values, exception info, suppression, order of several items.
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("outer") as o, CM("inner") as i:
    print("both", o, i)
with CM("swallow", suppress=True):
    raise ValueError("hidden")
print("after suppressed")
try:
    with CM("pass-through"):
        1 / 0
except ZeroDivisionError as e:
    print("caught", e)
try:
    with CM("x", True), CM("y"):
        raise KeyError("k")
except KeyError:
    print("not reached")
print("x swallowed the KeyError")
def early():
    with CM("ret"):
        return "returned"
print(early())
for n in range(3):
    with CM(f"loop{n}"):
        if n == 1:
            continue
        if n == 2:
            break
try:
    with 5:
        pass
except TypeError as e:
    print(e)
