from . import circ_a
B = "b sees " + circ_a.A_EARLY + ", A_LATE defined: " + str(hasattr(circ_a, "A_LATE"))
