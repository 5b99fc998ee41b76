# raise: class vs instance, re-raise, raise from, raise in except, custom args.
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    raise ValueError("msg", 42)
except ValueError as e:
    print(e, e.args, repr(e))
def reraise():
    try:
        1 / 0
    except ZeroDivisionError:
        print("handling, then re-raising")
        raise
try:
    reraise()
except ZeroDivisionError as e:
    print("re-raised", e)
try:
    raise 5
except TypeError as e:
    print(e)
class NotExc:
    pass
try:
    raise NotExc
except TypeError as e:
    print(e)
try:
    raise
except RuntimeError as e:
    print(e)
e = KeyError("saved")
try:
    raise e
except KeyError as caught:
    print(caught is e, str(caught), repr(caught))
try:
    raise IndexError("x") from None
except IndexError as e:
    print(e.__cause__, e.__suppress_context__)
