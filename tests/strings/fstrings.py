# f-strings: expressions, nesting, conversions, specs, the = specifier.
name, n, pi = "Ada", 7, 3.14159
print(f"{name} has {n} items, pi={pi:.2f}, {n * 6}, {name.upper()!r}")
print(f"{name!r} {name!s} {'é'!a} {n:>4} {n:<4}| {n:04d} {n:b} {n:#x}")
width, prec = 10, 3
print(f"[{pi:{width}.{prec}f}]", f"[{pi:^{width}}]", f"{'nested ' + f'{n}'}")
print(f"{n=}", f"{pi = :.1f}", f"{name=!r}", f"{n + 1 = }")
d = {"k": "v"}
print(f"{d['k']} {d}", f"{[x * 2 for x in range(3)]}", f"{(lambda: 'lam')()}")
print(f"{{braces}} {{{n}}}", f"{n if n > 5 else 0}", f"{1_000_000:,}", f"{0.5:.0%}")
print(f"""triple {name}
line two {n}""")
print(f"{3.0:g} {1e-7:g} {123456789.0:e} {-5:+} {5:+}")
import math
print(f"{math.pi:.5} {math.pi!r:>20}")
class C:
    def __str__(self): return "str-C"
    def __repr__(self): return "repr-C"
print(f"{C()} {C()!r} {C()!s}")
