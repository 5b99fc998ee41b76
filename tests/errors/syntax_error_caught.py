# SyntaxError from compile(): type, message, line number.
sources = [
    "x = = 1",
    "def f(:\n    pass",
    "if True\n    pass",
    "return 5",
    "a b",
    "f(x for x in y, 1)",
    "x = 1 +",
    "1 = x",
    "del f()",
    "break",
    "(1, 2",
    "nonlocal q",
    "def f():\n  x = 1\n    y = 2",
]
for src in sources:
    try:
        compile(src, "<src>", "exec")
        print("compiled?!", src)
    except SyntaxError as e:
        print(type(e).__name__, "|", e.msg, "| line", e.lineno)
