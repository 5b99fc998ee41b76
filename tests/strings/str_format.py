# str.format: positional, keyword, indexing, attributes, conversions, specs.
print("{} {}".format("a", "b"), "{1} {0} {1}".format("x", "y"), "{name}!".format(name="N"))
print("{0[1]} {d[k]} {o.real}".format([5, 6], d={"k": "v"}, o=3))
print("{!r} {!s} {!a}".format("q", "q", "é"))
print("{:>8}|{:<8}|{:^8}|{:*^9}".format("r", "l", "c", "mid"))
print("{:08.3f} {:+d} {:,} {:_} {:x} {:#b} {:o}".format(3.14159, 5, 1234567, 1000000, 255, 5, 64))
print("{:.1%} {:e} {:.3g} {:g} {:n}".format(0.256, 123456.0, 0.000123456, 1e-10, 42))
print("{0:{1}}|".format("w", 6), "{:{fill}>{w}}".format(1, fill="0", w=4))
print("{{literal}} {}".format("x"), "{:d}".format(True), "{:s}".format("s"))
class P:
    def __format__(self, spec):
        return "P<" + spec + ">"
print("{:abc}".format(P()), format(P(), "z"))
try:
    "{} {}".format(1)
except IndexError as e:
    print(type(e).__name__, e)
try:
    "{x}".format()
except KeyError as e:
    print(type(e).__name__, e)
try:
    "{:d}".format("s")
except ValueError as e:
    print(e)
print("{:>5.2f}|{:<6.1e}|{:^7}|".format(2.567, 12345.6789, True))
