# repr of nested and recursive containers.
l = [1, "two", 3.0, None, True, [4, (5,)], {"k": {"n": []}}]
print(l)
print(repr(l) == str(l))
d = {}
d["self"] = d
print(d)
l2 = [1]
l2.append([l2])
print(l2)
print(((),), [[]], {(): ()}, {1: {2: {3: {}}}})
print(["quote's", 'dq"'], {"\n": "\t"})
print(list(), tuple(), dict(), set(), frozenset([]), [1, 2][1:1])
