# operator: the operators as functions.
import operator as op

print(op.add(2, 3), op.sub(2, 3), op.mul(4, 5), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3))
print(op.pow(2, 10), op.neg(5), op.pos(-5), op.abs(-3), op.inv(5), op.invert(0))
print(op.lshift(1, 4), op.rshift(32, 2), op.and_(12, 10), op.or_(12, 10), op.xor(12, 10))
print(op.not_(0), op.not_([1]), op.truth(""), op.truth("x"), op.is_(None, None), op.is_not(1, None))
print(op.eq(1, 1.0), op.ne("a", "b"), op.lt(1, 2), op.le(2, 2), op.gt(1, 2), op.ge(3, 2))
print(op.concat([1], [2]), op.concat("ab", "cd"), op.contains([1, 2], 2), op.contains("abc", "z"))
print(op.countOf([1, 2, 1, 1], 1), op.indexOf("hello", "l"), op.index(7), op.index(True))
d = {"a": 1}
op.setitem(d, "b", 2)
print(op.getitem(d, "b"), d)
op.delitem(d, "a")
print(d, op.getitem([10, 20, 30], slice(1, None)))
print(op.length_hint([1, 2, 3]), op.length_hint(iter(range(5))), op.length_hint(x for x in []), op.length_hint(object(), 7))
print(op.call(max, 3, 9, 4), op.__add__(1, 1), op.__getitem__("xyz", 0))

# In-place forms change mutable objects and rebind immutable ones.
lst = [1]
print(op.iadd(lst, [2]) is lst, lst, op.iadd(1, 2), op.imul("ab", 2), op.isub(5, 1), op.ior({1}, {2}))
print(op.iconcat([1], (2,)), op.itruediv(1, 4), op.ifloordiv(9, 2), op.imod(9, 4), op.ipow(3, 2))
print(op.iand(6, 3), op.ixor(6, 3), op.ilshift(1, 3), op.irshift(8, 3))

for bad in [lambda: op.concat(1, 2), lambda: op.index(1.5), lambda: op.indexOf([1], 5),
            lambda: op.length_hint([], "x"), lambda: op.add(1, "a")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# The functions reduce and sort like lambdas would.
from functools import reduce
print(reduce(op.mul, range(1, 6)), list(map(op.neg, [1, -2])), sorted([3, 1, 2], key=op.neg))
