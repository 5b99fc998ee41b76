# split, join, strip, partition, replace, splitlines and friends.
print("a,b,,c".split(","), "a b  c ".split(), " x ".split(" "), "a,b,c".split(",", 1))
print("a,b,c".rsplit(",", 1), "  lead".split(), "".split(), "".split(","))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"))
print("  pad  ".strip(), "xxhixx".strip("x"), "  l".lstrip(), "r  ".rstrip(), "abcba".strip("ab"))
print("key=value=x".partition("="), "no-sep".partition("="), "a.b.c".rpartition("."), "abc".rpartition("x"))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"))
print("l1\nl2\r\nl3\rl4".splitlines(), "x\ny\n".splitlines(True), "".splitlines())
print("a\tb".expandtabs(), "a\tb".expandtabs(4), "42".zfill(5), "-42".zfill(5), "+7".zfill(3))
print("hi".center(6, "*"), "hi".ljust(5) + "|", "hi".rjust(5, "."), "hi".center(5))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"), "x".removeprefix("y"))
table = str.maketrans("abc", "xyz", "d")
print("abcd".translate(table), "hello".translate({ord("l"): None, ord("h"): "J"}))
print("a b".split(None), "1,2;3".replace(";", ",").split(","))
try:
    "x".join([1, 2])
except TypeError as e:
    print(e)
try:
    "a".split("")
except ValueError as e:
    print(e)
print("%s|%s" % ("a b c".split(" ", maxsplit=1)[0], "x".encode()))
