# sys: argv, version_info, recursion limit, modules, maxsize, stdout, path.
import sys
print(sys.argv)
print(sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 8), sys.version.startswith("3.11"))
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
print(sys.maxsize == 2**63 - 1, type(sys.path).__name__, "sys" in sys.modules, sys.byteorder)
sys.stdout.write("written directly\n")
print(sys.stdout is sys.__stdout__, hasattr(sys.stderr, "write"), sys.platform)
print(type(sys.implementation.name).__name__, sys.exc_info() == (None, None, None))
print(sys.float_info.max > 1e308)
