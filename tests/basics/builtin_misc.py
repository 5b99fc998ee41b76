# ord/chr, repr, format, hash equalities, id identity, sorted stability.
print(ord("a"), ord("€"), chr(97), chr(8364), chr(0x1F600) == "\U0001F600")
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there\n"), repr("\x00\x7f"))
print(repr(1.0), repr([1, "a"]), repr((1,)), repr(()), repr({}), repr(set()), repr(None))
print(format(3.14159, ".2f"), format(42, "05d"), format("x", ">3"), format(255, "x"), format(1234567, ","))
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(False), hash((1, 2)) == hash((1, 2)))
print(hash(-1), hash(-2), hash(2**61 - 1), hash(2**61), hash(0.5) == hash(0.5))
print({1: "int", 1.0: "float"}, {(1, 2): "t"}[(1, 2)])
try:
    hash([])
except TypeError as e:
    print(e)
try:
    {}[{}] = 1
except TypeError as e:
    print(e)
a = object()
print(id(a) == id(a), a is a)
print(ascii("é"), ascii("abc"), str(b"x"), str(12), str([1]))
print(bin(10), oct(-8), hex(2**40), int(hex(2**40), 16) == 2**40)
try:
    chr(-1)
except ValueError as e:
    print(e)
try:
    ord("ab")
except TypeError as e:
    print(e)
