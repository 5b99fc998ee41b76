# sort / sorted: key, reverse, stability, and errors for mixed types.
data = [("b", 2), ("a", 2), ("c", 1), ("a", 1)]
print(sorted(data))
print(sorted(data, key=lambda t: t[1]))
print(sorted(data, key=lambda t: t[1], reverse=True))
words = ["banana", "Apple", "cherry", "apple"]
words.sort()
print(words)
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
nums = [5, -3, 2, -8, 0]
nums.sort(key=abs)
print(nums, sorted(nums, reverse=True), sorted([]), sorted([1.5, 1, True, 0]))
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
print(sorted({"b": 1, "a": 2}), sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]))
big = list(range(1000, 0, -1))
big.sort()
print(big[:3], big[-3:], big == sorted(big))
