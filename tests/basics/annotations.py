# Annotations: variables, functions, classes; annotated names without value.
x: int = 5
y: "str"
print(x, __annotations__)
def f(a: int, b: str = "s", *args: float, c: bool = True, **kw: dict) -> list:
    return [a, b, c]
print(f(1))
print(f.__annotations__)
class C:
    field: int
    other: str = "o"
print(C.__annotations__, C.other)
print(hasattr(C, "field"))
def g(): 
    z: int = 3
    return z
print(g())
