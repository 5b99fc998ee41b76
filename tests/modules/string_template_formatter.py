# string: constants, capwords, Template ($-substitution) and Formatter.
import string
from string import Template
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), repr(string.punctuation), len(string.printable))
print(string.capwords("  hello   wORLD  foo "), string.capwords("a-b-c", "-"), string.capwords("x--y", "-"))
t = Template("$who likes $what, ${who}s cost $$5 $")
print(t.safe_substitute(who="tim"))
try: t.substitute(who="tim", what="x")
except ValueError as e: print(e)
print(Template("$a$b ${c}d $$").substitute({"a": 1, "b": 2}, c=3))
try: Template("$missing").substitute()
except KeyError as e: print("KeyError", e)
for s in ["$1", "ab\ncd $ x", "${a", "${}", "$", "x${1}", "$$$a", "${a}${b"]:
    try: print(repr(Template(s).substitute(a="A", b="B")))
    except ValueError as e: print(repr(s), e)
    print(repr(Template(s).safe_substitute(a="A")), Template(s).is_valid())
print(Template("$a ${b} $a $$c").get_identifiers())
class P(Template):
    delimiter = "%"
print(P("%x and %% and %{y}").substitute(x=1, y=2))
print(Template("$x").template)
f = string.Formatter()
print(f.format("{} {} {{x}} {0!r:>5}", "a", "b") if False else f.format("{} and {}", "a", "b"))
print(f.format("{0.real} {1[k]} {1[k]!r:>6} {x:{w}}|", 3, {"k": "v"}, x=5, w=4))
print(list(f.parse("a{{b}}c{0!r:>{w}}d{x.y[1]}")))
for bad in ["{", "}", "{0!}", "{0!rx}", "{0", "{} {0}", "{0} {}"]:
    try: print(f.format(bad, 1, 2))
    except (ValueError, IndexError) as e: print(repr(bad), type(e).__name__, e)
class F2(string.Formatter):
    def get_value(self, key, args, kw):
        return kw.get(key, "<%s>" % key) if isinstance(key, str) else args[key]
print(F2().format("{a} {b}", a=1))
print(f.vformat("{0}-{1}", (1, 2), {}))
for s in ["{0", "{0:x", "{0!r", "{0[:]", "{", "{0:{", "{a.b", "x{0}{", "{0!}", "{0!:}", "{0!r}x"]:
    try: print(list(f.parse(s)))
    except Exception as e: print(repr(s), e)
