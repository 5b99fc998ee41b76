# Attributes of builtin exceptions.
try:
    {}["missing"]
except KeyError as e:
    print(e.args, str(e), repr(e))
try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print(e.name, e, isinstance(e, ImportError))
try:
    open("/nonexistent/dir/file.txt")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, isinstance(e, OSError))
try:
    int("q")
except ValueError as e:
    print(e.args)
e = StopIteration(5)
print(e.value, StopIteration().value)
try:
    raise SystemExit(4)
except SystemExit as e:
    print(e.code, e.args)
try:
    x = undefined_name_q
except NameError as e:
    print(e.name, e)
try:
    (1).nope
except AttributeError as e:
    print(e.name, e.obj, e)
e = OSError(2, "No such file")
print(type(e).__name__, e.errno, e.strerror, e)
print(OSError is IOError, EnvironmentError is OSError)
err = ValueError("tb")
print(err.__traceback__, err.__context__, err.__cause__)
try:
    raise err
except ValueError:
    print(err.__traceback__ is not None)
e2 = Exception("a")
e2.custom = 1
print(e2.custom, e2.with_traceback(None) is e2)
