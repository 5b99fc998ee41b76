# A subpackage whose __init__ pulls names from its own submodules with relative imports.
from .sub import sub_func
from . import sibling
INIT_SAW = sibling.SIB
