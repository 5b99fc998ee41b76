from __future__ import annotations
import __future__
def f(x: int) -> list[int]: return [x]
print(f.__annotations__, __future__.annotations)
