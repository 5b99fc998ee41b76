# Measures big-int arithmetic: digits of pi by an unbounded spigot (big multiply/add/floordiv), a large factorial and a large Fibonacci number.


def pi_digits(count):
    # Gibbons' unbounded spigot algorithm.
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    digits = []
    while len(digits) < count:
        if 4 * q + r - t < n * t:
            digits.append(n)
            q, r, t, k, n, l = 10 * q, 10 * (r - n * t), t, k, (10 * (3 * q + r)) // t - 10 * n, l
        else:
            q, r, t, k, n, l = q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2
    return digits


def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def fibonacci(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def main():
    digits = pi_digits(4000)
    print("pi", "".join(str(d) for d in digits[:30]), "digit sum", sum(digits))
    f = factorial(20000)
    print("factorial bits", f.bit_length(), "mod", f % 1000000007, "low", f % (10 ** 20) == 0)
    fb = fibonacci(100000)
    print("fibonacci bits", fb.bit_length(), "mod", fb % 1000000007)
    mixed = (f // (fb % (10 ** 50) + 1)) ^ (fb << 100)
    print("bigint checksum", (sum(digits) * 1000003 + mixed % 998244353 + (-f) % 12345 + pow(3, 10 ** 5, 10 ** 9 + 7)) % 1000000007)


main()
