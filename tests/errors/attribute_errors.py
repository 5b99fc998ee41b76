# AttributeError messages for instances, classes, modules, builtins, None (and the
# TypeError for setting an attribute of a builtin type).
import math
class Thing:
    pass
class Slotted:
    __slots__ = ("a",)
tests = [
    lambda: (5).foo,
    lambda: "s".nope,
    lambda: [].push,
    lambda: None.attr,
    lambda: Thing().missing,
    lambda: Thing.missing,
    lambda: math.nope,
    lambda: setattr(5, "x", 1),
    lambda: setattr(Slotted(), "b", 1),
    lambda: Slotted().a,
    lambda: setattr(object(), "x", 1),
    lambda: delattr(Thing(), "q"),
    lambda: (1, 2).append(3),
    lambda: {}.x,
    lambda: len.attr,
    lambda: setattr(str, "upper", None),
]
for t in tests:
    try:
        t()
        print("no error")
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
