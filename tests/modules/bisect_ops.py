# bisect: binary search in sorted lists; insort keeps them sorted.
import bisect

a = [1, 2, 4, 4, 4, 7, 9]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect(a, 0), bisect.bisect(a, 10))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 3), bisect.bisect_left(a, 5, lo=2, hi=6))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
bisect.insort_right(a, 0)
print(a)


def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])

# key= applies to the list items; insort applies it to the new item too.
people = [("ann", 25), ("bob", 31), ("cy", 40)]
print(bisect.bisect_left(people, 31, key=lambda p: p[1]), bisect.bisect_right(people, 31, key=lambda p: p[1]))
bisect.insort(people, ("dee", 33), key=lambda p: p[1])
bisect.insort_left(people, ("eve", 25), key=lambda p: p[1])
print(people)
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print("ValueError", e)
print(bisect.bisect_left([], 1), bisect.bisect_right(["a", "c"], "b"))
