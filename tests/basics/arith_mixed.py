# Arithmetic across int/float/bool: true and floor division, modulo signs, powers.
print(7 / 2, 7 // 2, 7 % 3, -7 / 2, -7 // 2, -7 % 3)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2)
print(2 ** 10, 2 ** -1, 2.0 ** 3, (-8) ** 2, 4 ** 0.5)
print(True + True, True * 3, False - 1, 3 / True)
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2))
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 2 ** 3 ** 2, -2 ** 2)
print(10 - 3 - 2, 100 / 10 / 5, 2 * 3 % 4)
print(0.1 + 0.7, 3 * 1.1, 1 - 0.9)
print(5 & 3, 5 | 3, 5 ^ 3, 1 << 10, 1024 >> 3, -16 >> 2)
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x **= 3; print(x)
x %= 7; print(x)
x /= 4; print(x)
y = 6
y <<= 2; y >>= 1; y &= 7; y |= 8; y ^= 1
print(y)
