# Indexing and slicing strings with positive, negative and stepped slices.
s = "abcdefghij"
print(s[0], s[-1], s[3:6], s[:3], s[7:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[8:2:-2], s[-1:-4:-1], s[100:], s[2:1], s[-100:2])
print(s[::3], s[5:100], s[:0], repr(s[5:5]))
try:
    s[10]
except IndexError as e:
    print(e)
try:
    s[0] = "z"
except TypeError as e:
    print(e)
print("héllo"[1], "héllo"[::-1], "a€b"[1:], len("a€b"))
print(s * 2, "-" * 5, 3 * "ab", "" * 10 == "", "ab" + "cd")
print(list("abc"), tuple("ab"), sorted("cab"), "b" < "ab", "abc" < "abd", "Z" < "a")
