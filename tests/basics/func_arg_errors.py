# CPython's wording for bad calls.
def f(a, b, c=3, *, d):
    pass
def g(x, /, y):
    pass
def h():
    pass
calls = [
    lambda: f(1),
    lambda: f(1, 2),
    lambda: f(1, 2, 3, 4, d=1),
    lambda: f(1, 2, d=1, e=5),
    lambda: f(1, 2, a=1, d=1),
    lambda: g(x=1, y=2),
    lambda: h(1),
    lambda: f(),
    lambda: h(**{"k": 1}),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
