# warnings: filters, actions, catch_warnings(record=True), formatting.
import warnings, sys
class Out:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
# Location-independent checks: record warnings and look at what they carry.
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("first")
    warnings.warn("second", DeprecationWarning)
    warnings.warn(RuntimeWarning("third"))
    warnings.warn("fourth", stacklevel=2)
print([(type(w.message).__name__, str(w.message), w.category.__name__) for w in log])
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("default")
    for i in range(3):
        warnings.warn("repeated")
    warnings.warn("other")
print([str(w.message) for w in log])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("boom", UserWarning)
    except UserWarning as e:
        print("raised", type(e).__name__, e)
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="ign")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("error", message=".*fatal$")
    warnings.warn("ignore me")
    warnings.warn("IGNORE me too")
    warnings.warn("keep me")
    warnings.warn("old", DeprecationWarning)
    warnings.warn("new", FutureWarning)
    try: warnings.warn("this is fatal")
    except UserWarning as e: print("error filter:", e)
print([str(w.message) for w in log])
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    warnings.warn("o"); warnings.warn("o"); warnings.warn("o", RuntimeWarning)
print(len(log))
try: warnings.warn("x", int)
except TypeError as e: print(e)
try: warnings.simplefilter("bogus")
except AssertionError as e: print(e)
print(warnings.formatwarning("msg", UserWarning, "file.py", 12, line="  code()  "), end="")
print(warnings.formatwarning("msg", UserWarning, "nofile.py", 3), end="")
out = Out()
warnings.showwarning("shown", RuntimeWarning, "f.py", 7, file=out, line="x = 1")
print(repr("".join(out.parts)))
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn_explicit("expl", UserWarning, "mod.py", 42)
w = log[0]; print(w.filename, w.lineno, w.category.__name__, str(w.message))
print(warnings.catch_warnings(record=True))
seen = []
old = warnings.showwarning
warnings.showwarning = lambda m, c, f, l, file=None, line=None: seen.append((str(m), c.__name__))
warnings.simplefilter("always")
warnings.warn("custom hook")
warnings.showwarning = old
print(seen)
warnings.resetwarnings(); print(warnings.filters)
