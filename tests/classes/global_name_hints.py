# Global and builtin name loads stay right while module globals and builtins change under a
# function that has already run (loads remember where a name was found).
import builtins


def use_len():
    return len([1, 2, 3])


def use_g():
    return G


G = 1
print(use_len(), use_g())
len = lambda x: "shadowed len"
print(use_len())
del len
print(use_len())
builtins.len = lambda x: "patched builtin"
print(use_len())
del builtins.len
try:
    use_len()
except NameError as e:
    print("NameError:", e)
builtins.len = lambda x: 3
print(use_len())

for i in range(40):
    globals()["filler%d" % i] = i
G = "rebound after growth"
print(use_g())
del G
try:
    use_g()
except NameError as e:
    print("NameError:", e)
G = "again"
print(use_g())

ns = {"G": "exec globals"}
code = compile("def f():\n    return G, abs(-1)\n", "<s>", "exec")
exec(code, ns)
print(ns["f"]())
ns2 = {"G": "other", "abs": lambda x: "own abs", "pad": 0}
exec(code, ns2)
print(ns2["f"](), ns["f"]())
ns3 = {"__builtins__": {"abs": lambda x: "custom builtins"}, "G": 0}
exec(code, ns3)
print(ns3["f"](), ns["f"]())
