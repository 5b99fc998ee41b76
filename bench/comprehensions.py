# Measures comprehensions: list, dict and set comprehensions (nested, filtered, with conditional expressions) and building from them.


def main():
    x = 17
    data = []
    for _ in range(20000):
        x = (x * 1103515245 + 12345) % 2147483648
        data.append(x % 10007)
    total = 0
    for rnd in range(100):
        squares = [v * v % 1009 for v in data]
        evens = [v for v in squares if v % 2 == 0]
        pairs = [(a, b) for a in range(60) for b in range(a, 60) if (a + b + rnd) % 3 == 0]
        index = {v: i for i, v in enumerate(data)}
        buckets = {k: [v for v in data[k * 200:(k + 1) * 200] if v % 3] for k in range(100)}
        uniq = {v % 1000 for v in data}
        flags = [1 if v > 5000 else -1 for v in data]
        matrix = [[i * j % 7 for j in range(40)] for i in range(40)]
        diag = sum(matrix[i][i] for i in range(40))
        inverted = {v: k for k, v in index.items() if k % 5 == 0}
        total += (sum(evens) + len(pairs) + len(index) + sum(len(b) for b in buckets.values())
                  + len(uniq) + sum(flags) + diag + len(inverted) + sum(sorted(uniq)[:10]))
        data = [(v * 31 + rnd) % 10007 for v in data]
    print("last", sorted(uniq)[-3:], len(pairs), diag)
    print("comprehensions checksum", total)


main()
