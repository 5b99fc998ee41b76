# heapq: merge, nlargest, nsmallest (stable: ties keep their input order).
import heapq

print(list(heapq.merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25])))
print(list(heapq.merge(["dog", "horse"], ["cat", "fish", "kangaroo"], key=len)))
print(list(heapq.merge([7, 5, 1], [8, 2], reverse=True)), list(heapq.merge()), list(heapq.merge([1])))
pairs = [(1, "a"), (1, "b"), (2, "c")]
print(list(heapq.merge(pairs, [(1, "z")], key=lambda p: p[0])))

nums = [5, 1, 8, 3, 9, 2, 7, 8, 1]
print(heapq.nlargest(3, nums), heapq.nsmallest(3, nums), heapq.nlargest(1, nums), heapq.nsmallest(1, []))
print(heapq.nlargest(20, nums), heapq.nsmallest(0, nums), heapq.nsmallest(4, iter(nums)))
words = ["bb", "a", "ccc", "dd", "e", "fff"]
print(heapq.nlargest(2, words, key=len), heapq.nsmallest(3, words, key=len), heapq.nlargest(3, iter(words), key=len))
recs = [{"n": "x", "v": 3}, {"n": "y", "v": 1}, {"n": "z", "v": 3}]
print([r["n"] for r in heapq.nlargest(2, recs, key=lambda r: r["v"])])
