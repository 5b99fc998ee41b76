# if / elif / else chains and truthiness of conditions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for n in (-5, 0, 3, 42):
    print(n, classify(n))
if []:
    print("no")
elif {}:
    print("no")
else:
    print("empty containers are false")
if 1: print("one-line if")
x = 5
if x > 3 and x < 10 or x == 100:
    print("range ok")
if not (x == 5):
    pass
else:
    print("not not")
