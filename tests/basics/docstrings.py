"""Module docstring."""
# __doc__ on modules, functions, classes and methods.
def f():
    """Function docstring."""
def g():
    x = 1
    "not a docstring"
class C:
    """Class docstring."""
    def m(self):
        """Method doc."""
print(__doc__)
print(f.__doc__, g.__doc__, C.__doc__, C.m.__doc__, C().m.__doc__)
print((lambda: 0).__doc__)
class D:
    pass
print(D.__doc__)
