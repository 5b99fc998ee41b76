# circ_a imports circ_b, which imports circ_a back while circ_a is half done.
A_EARLY = "a-early"
from . import circ_b
A_LATE = "a-late"
def use_b():
    return circ_b.B
