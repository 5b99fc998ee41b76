# eval, exec, compile, globals, locals.
print(eval("1 + 2 * 3"), eval("x * 2", {"x": 21}), eval("y", {}, {"y": "local"}))
ns = {}
exec("a = 5\ndef f(n):\n    return n + a\n", ns)
print(ns["a"], ns["f"](1))
code = compile("print('compiled', 7 * 6)", "<test>", "exec")
exec(code)
expr = compile("10 // 3", "<expr>", "eval")
print(eval(expr))
g = 99
def show_locals():
    x = 1
    y = "two"
    return sorted(locals().items())
print(show_locals())
print([k for k in globals() if not k.startswith("__")])
print(globals()["g"], "g" in globals())
exec("g = 100")
print(g)
try:
    eval("1 +")
except SyntaxError as e:
    print(type(e).__name__)
try:
    exec("raise ValueError('from exec')")
except ValueError as e:
    print(e)
ns2 = {"__builtins__": {}}
try:
    exec("len([])", ns2)
except NameError as e:
    print(e)
single = compile("z = 3", "<s>", "single")
exec(single)
print(z)
