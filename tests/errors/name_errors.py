# NameError and UnboundLocalError messages.
try:
    undefined_thing_qq
except NameError as e:
    print(type(e).__name__, e)
def f():
    print(later)
    later = 1
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def outer():
    def inner():
        return free_var
    free_var = 1
    del free_var
    return inner()
try:
    outer()
except NameError as e:
    print(type(e).__name__, e)
class C:
    try:
        missing_in_class_qq
    except NameError as e:
        print(type(e).__name__, e)
