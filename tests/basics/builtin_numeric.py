# Numeric builtins: abs, round (banker's rounding), divmod, pow, bases, int(), float().
print(abs(-3), abs(2.5), abs(-0.0), abs(-2**70))
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(3.7))
print(round(2.675, 2), round(1.25, 1), round(1.35, 1), round(123.456, -1), round(1234, -2))
print(round(5, -1), round(15, -1), round(25, -1), round(3.14159, 3), type(round(2.5)).__name__)
print(round(7.0), type(round(7.0, 1)).__name__, round(-2.5), round(0.125, 2))
print(divmod(17, 5), divmod(-17, 5), divmod(17.0, -5))
print(pow(2, 10), pow(2, 10, 1000), pow(7, -1), pow(3, 4, -5), pow(2.0, 0.5))
print(hex(255), hex(-255), oct(8), bin(5), bin(-5), hex(0))
print(int("ff", 16), int("0xff", 16), int("0o17", 0), int("101", 2), int("z", 36), int("0b11", 0))
print(int(" -12 "), int("+3"), int(3.99), int(-3.99), int(True), int("1_0"))
print(float("inf"), float("-Infinity"), float("nan") != float("nan"), float(" 1.5\n"))
print(float(10**20), int(1e20), int(float("1e3")))
for bad in ("abc", "1.5", "", "12a"):
    try:
        int(bad)
    except ValueError as e:
        print(e)
try:
    int("9", 8)
except ValueError as e:
    print(e)
try:
    float("x1")
except ValueError as e:
    print(e)
try:
    int(float("inf"))
except OverflowError as e:
    print(e)
try:
    pow(0, -1)
except ZeroDivisionError as e:
    print(e)
print(max(2, 3.5), min(-1, -1.0), 10 ** -2)
