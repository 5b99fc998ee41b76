# try/except: matching by class, tuples, base classes, the `as` name being cleared.
def risky(kind):
    if kind == 0:
        return 1 / 0
    if kind == 1:
        return [][1]
    if kind == 2:
        return {}["k"]
    if kind == 3:
        return int("x")
    return "fine"
for k in range(5):
    try:
        print(risky(k))
    except ZeroDivisionError:
        print("zero")
    except (IndexError, KeyError) as e:
        print("lookup", type(e).__name__)
    except Exception as e:
        print("other", type(e).__name__)
try:
    raise KeyError("k")
except LookupError as e:
    print("LookupError catches", type(e).__name__, isinstance(e, LookupError))
try:
    pass
except Exception as err:
    pass
try:
    raise ValueError
except ValueError as err:
    pass
try:
    err
except NameError as e:
    print(e)
try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("wrong handler")
except TypeError as e:
    print("outer got", e)
try:
    raise ValueError("bare except")
except:
    print("bare except caught")
