# print: sep, end, several arguments, file=, flush.
import sys
print("a", "b", "c")
print("a", "b", sep="-")
print("no newline", end="")
print(" <- same line")
print(1, 2, 3, sep="", end="!\n")
print()
print(*[1, 2, 3])
print("to stdout", file=sys.stdout, flush=True)
print(None, sep=None, end=None)
print("x", "y", sep="\n")
print([1, "a", (2,)], {"k": [None]})
