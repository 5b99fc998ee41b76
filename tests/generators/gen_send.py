# send(): priming, values flowing in, running averages, errors for non-None first send.
def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
print(next(a))
print(a.send(10), a.send(20), a.send(0))
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    yield received
e = echo()
print(e.send(None), e.send("a"), e.send("b"), e.send(None))
g = averager()
try:
    g.send(5)
except TypeError as err:
    print(err)
def done():
    yield 1
d = done()
next(d)
try:
    d.send("x")
except StopIteration:
    print("StopIteration from send on finished generator")
