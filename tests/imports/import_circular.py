# A circular import sees the partly initialised module.
from mods import circ_a
print(circ_a.use_b())
print(circ_a.A_LATE)
