# The fast paths of string building and indexing give the same results as the general ones:
# ASCII case mapping and splitting, extended slices, padded formats, one-character strings,
# and positions in long non-ASCII text (walked from a remembered position).

# One-character strings from iteration, indexing and slicing.
text = "ab\u00e9\u00ff\u0100z\U0001F600 \n"
print([ch for ch in text], [text[i] for i in range(len(text))])
print([text[i:i + 1] for i in range(len(text))], list(reversed(text)))
print([ord(c) for c in text], list(enumerate("xy\u00e9")))
print("".join(chr(i) for i in range(250, 260)) == "".join([chr(i) for i in range(250, 260)]))

# Case mapping: unchanged text, mixed text, non-ASCII text.
for s in ["hello", "Hello World", "ABC", "a1!B2@", "", "\u00c9t\u00e9", "stra\u00dfe", "QqZz@[`{"]:
    print(repr(s.lower()), repr(s.upper()), repr(s.casefold()), repr(s.capitalize()),
          repr(s.swapcase()), repr(s.title()))
class S(str):
    pass
print(type(S("abc").lower()), type(S("ABC").lower()), type(S("abc").upper()))

# Splitting on white space.
for s in ["  a b\tc\x1cd  e ", "one", "", "   ", "a\u00e9 b\u2003c", "x\x0by\x0cz\rw"]:
    print(s.split(), s.split(None, 1), s.rsplit(None, 1), s.split(maxsplit=0))

# Extended slices.
a, u = "abcdefgh", "h\u00e9llo w\u00f6rld \U0001F600"
for sl in [slice(None, None, -1), slice(None, None, 2), slice(1, None, 3), slice(5, 1, -1),
           slice(7, 8, -1), slice(None, None, 100), slice(-1, -9, -2)]:
    print(repr(a[sl]), repr(u[sl]), a[sl].isascii(), u[sl].isascii())

# Padded formats.
w = "h\u00e9llo"
print(f"{w:>12}|{w:<9}|{w:^10}|{w:*^11}|{w:\u00e9>8}|{w:.2}|{w:8.3}|{'ab':^5}|{'':>3}|")
print(f"{'x':0>4}|{'x':\U0001F600<3}|{w:\u0661\u0662}|", format("ab", "^7"), "{:x<4}".format("\u00e9"))
e = "\u00e9"
print(f"{'ab':>10}".isascii(), f"{e:>3}".isascii(), len(f"{w:>10}"))

# Positions in long non-ASCII text: forward, backward and random walks, searches.
long = "".join("\u00e9x\u4e2dy\U0001F600z"[i % 6] for i in range(3000))
chk = 0
for i in range(len(long)):
    chk = (chk * 31 + ord(long[i])) % 1000003
for i in range(len(long) - 1, -1, -7):
    chk = (chk * 31 + ord(long[i])) % 1000003
x = 1
for _ in range(500):
    x = (x * 1103515245 + 12345) % 2147483648
    i = x % len(long)
    chk = (chk * 31 + ord(long[i]) + len(long[i:i + 5]) + ord(long[-1 - i])) % 1000003
print(chk)
pos, hits = -1, []
while True:
    pos = long.find("\U0001F600", pos + 1)
    if pos < 0:
        break
    hits.append(pos)
print(len(hits), hits[:4], hits[-2:], long.rfind("\u4e2d", 0, 2000), long.index("z", 2990))
print(long.count("x", 100, 200), long[1000:1006], long[::-997], long[2999], long[-3000])
other = "\u00e9" * 100 + "!"
print(other[99], other[100], long[5], other.find("!"), long[4])
# Two and three long strings indexed side by side.
b = long[::-1]
c = "\u00e9" * 1500 + "x" * 1500
same = sum(1 for i in range(len(long)) if long[i] == b[i] or long[i] == c[i])
print(same, sum(ord(long[i]) - ord(b[-1 - i]) for i in range(0, len(long), 3)))
