# Closures, nonlocal and global.
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    x = "changed"
    return middle()()
print(outer())
g = 1
def set_global():
    global g, newg
    g = 2
    newg = "created"
set_global()
print(g, newg)
def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in make_adders()])
def shadow():
    g = "local"
    return g
print(shadow(), g)
def cell_shared():
    v = []
    def add(x):
        v.append(x)
    def get():
        return v
    return add, get
add, get = cell_shared()
add(1); add(2)
print(get())
print(c1.__closure__ is not None, counter.__closure__)
def nested_nonlocal():
    a = 1
    def f():
        nonlocal a
        def g():
            nonlocal a
            a *= 10
        g()
        a += 1
    f()
    return a
print(nested_nonlocal())
