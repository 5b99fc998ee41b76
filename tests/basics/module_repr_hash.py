import types, math, sys
print(types.ModuleType("m"), sys)
class H:
    def __hash__(self): return 2**62
print(hash(H()), hash(()))
