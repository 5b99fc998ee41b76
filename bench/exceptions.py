# Measures exception handling: raise/catch in a loop, custom exception hierarchies, re-raise, try/finally, exceptions crossing function frames.


class AppError(Exception):
    def __init__(self, code, msg="app"):
        super().__init__(msg)
        self.code = code


class NotFound(AppError):
    pass


class Invalid(AppError):
    pass


def lookup(table, key):
    if key not in table:
        raise NotFound(key)
    v = table[key]
    if v % 7 == 0:
        raise Invalid(v, "divisible by seven")
    return v


def deep(n, key, table):
    if n == 0:
        return lookup(table, key)
    return deep(n - 1, key, table)


def main():
    table = {}
    x = 99
    for i in range(2000):
        x = (x * 1103515245 + 12345) % 2147483648
        table[i * 2] = x % 1000
    found = missing = invalid = other = finals = 0
    total = 0
    for i in range(700000):
        key = i % 4000
        try:
            try:
                total += deep(i % 5, key, table)
                found += 1
            except NotFound as e:
                missing += 1
                total += e.code
            except Invalid as e:
                invalid += 1
                total -= e.code
                if e.code % 2 == 0:
                    raise
            finally:
                finals += 1
        except AppError as e:
            other += 1
            total += len(e.args[0])
        if i % 3 == 0:
            try:
                1 // (i % 2)
            except ZeroDivisionError:
                total += 1
        if i % 5 == 0:
            try:
                [][i]
            except (IndexError, KeyError) as e:
                total += 2 if isinstance(e, IndexError) else 0
        if i % 11 == 0:
            try:
                int("x%d" % i)
            except ValueError:
                total += 3
    print("found", found, "missing", missing, "invalid", invalid, "reraised", other, "finally", finals)
    print("exceptions checksum", total % 1000000007)


main()
