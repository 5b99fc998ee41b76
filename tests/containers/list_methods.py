# list methods.
a = [3, 1, 2]
a.append(4); a.extend([5, 6]); a.insert(0, 0); a.insert(-1, "x"); a.insert(100, "end")
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(3)
print(a, a.index(2), a.count(1), a.index(5, 2))
a.reverse()
print(a)
b = a.copy()
b.clear()
print(a, b, len(a))
for bad in (lambda: [].pop(), lambda: [1].remove(2), lambda: [1].index(3), lambda: [1, 2][5]):
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
l = [1, 2]
l += (3,)
l *= 2
print(l, [0] * 3, [[]] * 2, l + [9])
m = [[0] * 2] * 2
m[0][0] = 1
print(m)
print([1, 2, 3][1:], [1, 2, 3][::-1], list(reversed([1, 2])), [1, [2, [3]]])
print(list("ab") == ["a", "b"], [1, 2] < [1, 2, 0], [] == [], [1] * 0)
r = [1, 2]
r.append(r)
print(r)
try:
    [1, 2].pop(5)
except IndexError as e:
    print(e)
print(sum([[1], [2, 3]], []), list(range(3)) + [3], len([None] * 5))
