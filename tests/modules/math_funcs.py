# math module.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7))
print(math.factorial(20), math.factorial(50), math.gcd(48, 18), math.gcd(0, 5), math.lcm(4, 6))
print(math.pow(2, 10), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 10), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
print(math.fabs(-3), math.fmod(7, 3), math.copysign(1, -0.0), math.hypot(3, 4), math.isclose(0.1 + 0.2, 0.3))
print(math.isinf(math.inf), math.isfinite(1.0), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.isqrt(99), math.modf(3.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(type(math.floor(2.5)).__name__, math.floor(10**20 + 0.5) == 10**20, math.dist((0, 0), (3, 4)))
for bad in (lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1)):
    try:
        bad()
    except ValueError as e:
        print(e)
try:
    math.factorial(2.5)
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
