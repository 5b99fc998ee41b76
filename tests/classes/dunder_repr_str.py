# __repr__ and __str__: which one print, str(), repr(), f-strings and containers use.
class Both:
    def __repr__(self): return "Both()"
    def __str__(self): return "both as str"
class ReprOnly:
    def __repr__(self): return "ReprOnly()"
class StrOnly:
    def __str__(self): return "str only"
b, r = Both(), ReprOnly()
print(b, str(b), repr(b), [b], f"{b} {b!r}", "%s %r" % (b, b), "{}".format(b))
print(r, str(r), [r], (r,), {"k": r})
print(StrOnly(), str(StrOnly()), repr(StrOnly()).startswith("<__main__.StrOnly object at 0x"))
class Bad:
    def __str__(self): return 42
try:
    str(Bad())
except TypeError as e:
    print(e)
class Sub(Both):
    pass
print(Sub(), repr(Sub()))
print(repr(Both).startswith("<class '__main__.Both'>"), str(int), repr(len), repr(None))
