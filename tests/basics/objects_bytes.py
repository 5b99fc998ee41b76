# bytes and bytearray.
b = b"hello\x00\xff"
print(b, len(b), b[0], b[-1], b[1:3], list(b[:2]))
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), "é".encode(), b"\xc3\xa9".decode())
print(b"ab" + b"cd", b"ab" * 2, b"a" in b"cat", 97 in b"cat", b"x".hex(), bytes.fromhex("41 42"))
print(b"a,b,c".split(b","), b"-".join([b"x", b"y"]), b"  s ".strip(), b"abc".upper())
print(b"hello".find(b"l"), b"hello".count(b"l"), b"hello".replace(b"l", b"L"), b"abc".startswith(b"a"))
print(repr(b"'"), repr(b'"'), repr(b"\n\t\\"), b"abc" == b"abc", b"a" < b"b")
ba = bytearray(b"abc")
ba.append(100)
ba[0] = 65
ba.extend(b"ef")
print(ba, len(ba), ba.pop(), bytes(ba), ba[1:])
ba2 = bytearray(3)
ba2[1:2] = b"xyz"
print(ba2, bytearray("hi", "ascii"), repr(ba2.decode("latin-1")))
try:
    b[0] = 1
except TypeError as e:
    print(e)
try:
    bytes([256])
except ValueError as e:
    print(e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
print(int.from_bytes(b"\x01\x00", "big"), (258).to_bytes(2, "little"), b"%d-%s" % (5, b"x"))
