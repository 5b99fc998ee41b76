# itertools.islice, takewhile, dropwhile, compress, filterfalse.
from itertools import islice, takewhile, dropwhile, compress, filterfalse
print(list(islice("abcdefg", 3)), list(islice("abcdefg", 2, 5)), list(islice("abcdefg", 0, None, 2)))
print(list(islice(range(10), 1, 8, 3)), list(islice([], 3)), list(islice("ab", 5)), list(islice("abc", None)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
for args in ((-1,), (0, -1), (0, 5, 0), ("x",)):
    try:
        islice("abc", *args)
    except ValueError as e:
        print(e)
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(bool, [])), list(dropwhile(bool, [1, 1])))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a"])))
