# Exceptions inside handlers and finally blocks, and nested try statements.
def f():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise TypeError("second")
        except TypeError as inner:
            print("inner caught", inner)
        print("still handling first")
        return "done"
print(f())
def g():
    try:
        try:
            raise KeyError("k")
        finally:
            print("finally 1")
    except KeyError:
        print("caught after finally")
    finally:
        print("finally 2")
g()
try:
    try:
        raise ValueError("a")
    finally:
        raise TypeError("b")
except TypeError as e:
    print(e, repr(e.__context__))
import sys
try:
    raise IndexError("current")
except IndexError:
    print(sys.exc_info()[0].__name__, sys.exc_info()[1])
print(sys.exc_info())
def gen_exc():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
g2 = gen_exc()
next(g2)
g2.close()
for i in range(2):
    try:
        raise ValueError(i)
    except ValueError as e:
        print("loop", e)
