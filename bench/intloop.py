# Measures integer loops: while/for loops over small-int arithmetic, %, //, bit operations and comparisons.


def collatz_total(limit):
    # Sum of Collatz sequence lengths for 1..limit-1.
    total = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n & 1:
                n = 3 * n + 1
            else:
                n >>= 1
            steps += 1
        total += steps
    return total


def lcg_mix(count):
    # A linear congruential generator folded into a running xor/sum.
    x = 12345
    acc = 0
    for i in range(count):
        x = (x * 1103515245 + 12345) % 2147483648
        acc ^= x >> 7
        acc = (acc + i * 31) & 0xFFFFFFFF
        if x % 3 == 0:
            acc -= x // 1000
    return acc


def gcd_sum(n):
    total = 0
    for a in range(1, n):
        b = n * 7 + 3
        while b:
            a, b = b, a % b
        total += a
    return total


def main():
    c = collatz_total(100000)
    m = lcg_mix(1200000)
    g = gcd_sum(200000)
    print("collatz", c)
    print("lcg", m)
    print("gcd", g)
    print("intloop checksum", (c * 31 + m * 17 + g) % 1000000007)


main()
