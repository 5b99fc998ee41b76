# Exception chaining: __context__ (implicit), __cause__ (from), suppression.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError as ke:
        raise RuntimeError("explicit") from ke
except RuntimeError as e:
    print(repr(e.__cause__), e.__cause__ is e.__context__, e.__suppress_context__)
try:
    try:
        raise TypeError("a")
    except TypeError:
        raise OSError("b") from None
except OSError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    raise ValueError("v") from TypeError("t")
except ValueError as e:
    print(repr(e.__cause__), e.__context__)
def chain_len(e):
    n = 0
    while e is not None:
        n += 1
        e = e.__context__
    return n
try:
    try:
        try:
            raise KeyError(1)
        except KeyError:
            raise IndexError(2)
    except IndexError:
        raise NameError(3)
except NameError as e:
    print(chain_len(e), repr(e.__context__.__context__))
try:
    raise ValueError("x") from 5
except TypeError as e:
    print(e)
