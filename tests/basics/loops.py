# while/for with else, break and continue.
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("while", i)
else:
    print("while-else ran")
while True:
    i -= 1
    if i < 2:
        break
else:
    print("not printed")
print("after break", i)
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")
for x in []:
    print("never")
else:
    print("empty for-else")
total = 0
for k in range(10):
    if k % 2:
        continue
    total += k
print(total)
for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print(i, j)
n = 3
while n:
    n -= 1
print(n)
