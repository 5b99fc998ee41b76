# Measures recursive function calls: naive doubly recursive Fibonacci (call overhead, small-int adds, compares).


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    total = 0
    for n in range(20, 32):
        total += fib(n)
    total += fib(32)
    print("fib checksum", total)


main()
