# A failing assert at top level.
x = 2
assert x == 2
assert x > 5, f"x is too small: {x}"
