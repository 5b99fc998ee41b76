# Unicode lengths, comparisons, encode/decode, str() of objects, immutability tricks.
s = "naïve café €"
print(len(s), s.upper(), s.encode("utf-8"), s.encode("utf-8").decode("utf-8") == s)
print(s.encode("ascii", "replace"), s.encode("ascii", "ignore"), "x".encode("latin-1"))
print(str(1), str(1.5), str([1, "a"]), str(None), str(b"b"), str(), repr(str()))
print("abc" == "abc", "abc" is not None, "a" * 0, min("hello"), max("hello"))
print(sorted("Banana"), "".join(sorted("hello")), "hello".index("l"))
print("{}".format("x") == "x", "%s" % "y", str.upper("low"), "a".join("123"))
print([c for c in "añb"], list(map(ord, "AZ")), "".join(chr(c) for c in range(97, 100)))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e.reason)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    1 + "a"
except TypeError as e:
    print(e)
print(hash("abc") == hash("ab" + "c"), "ab" "c" == "abc")
