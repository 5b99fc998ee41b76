# throw() and close(): exceptions at the yield point, finally blocks, GeneratorExit.
def worker():
    try:
        while True:
            try:
                x = yield
                print("got", x)
            except ValueError as e:
                print("handled inside:", e)
                yield "recovered"
    finally:
        print("cleanup")
w = worker()
next(w)
w.send(1)
print(w.throw(ValueError("bad value")))
next(w)
w.close()
print("closed")
w.close()
def unhandled():
    yield 1
    yield 2
u = unhandled()
next(u)
try:
    u.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
print(next(u, "dead after throw"))
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(e)
def fresh():
    print("never runs")
    yield
f = fresh()
f.close()
try:
    next(f)
except StopIteration:
    print("closed before start")
g = unhandled()
try:
    g.throw(TypeError, TypeError("unstarted"))
except TypeError as e:
    print("throw into unstarted:", e)
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("finally on close")
x = fin()
print(next(x))
x.close()
print("after close")
