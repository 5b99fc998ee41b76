# Measures list sorting with key functions: sorted()/list.sort with lambda and tuple keys, reverse=True, stable multi-pass sorts, min/max with key.


def make_records(n, seed):
    x = seed
    records = []
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        name = "n%05d" % ((x >> 8) % 50000)
        records.append((name, (x >> 4) % 1000, (x % 97) / 7.0, i))
    return records


def by_score(rec):
    return rec[1]


def main():
    records = make_records(60000, 3)
    total = 0
    for rnd in range(3):
        a = sorted(records, key=by_score)
        b = sorted(records, key=lambda r: (r[2], r[0]), reverse=True)
        c = sorted(records, key=lambda r: r[0][::-1])
        d = list(records)
        d.sort(key=lambda r: r[3] % 1000)
        d.sort(key=lambda r: -r[1])
        e = sorted(r[1] * 3 - r[3] for r in records)
        f = sorted([r[0] for r in records], key=str.upper)
        total += a[0][3] + a[-1][3] + b[0][3] + b[-1][3] + c[7][3] + d[100][3] + d[-1][3] + e[500] + len(f[-1])
        for i in range(0, len(records), 997):
            total += a[i][3] + b[i][3] * 3 + c[i][3] * 5 + d[i][3] * 7
        total += min(records, key=lambda r: r[2] - r[1])[3] + max(records, key=by_score)[3]
        records = d
    print("first", a[0][3], a[0][1], "last", b[-1][3], b[-1][0])
    print("sorting checksum", total % 1000000007)


main()
