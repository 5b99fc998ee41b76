# Integer literals: underscores, bases, big values.
print(1_000_000, 0x_ff, 0o17, 0b1010, 0XAB, 0O7, 0B11)
print(0, -0, +5, -(-5))
print(2**100)
print(-2**100)
print(10**30 + 1)
f = 1
for i in range(1, 51):
    f *= i
print(f)
print(len(str(f)))
print(0xdead_beef, 0b_1111_0000)
print(int("1_000"), int("  42  "), int("-7"))
print(type(2**100).__name__, type(7).__name__)
