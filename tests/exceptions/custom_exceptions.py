# User-defined exception classes: hierarchy, extra attributes, __str__, args.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__(f"{name} not found")
        self.name = name
class Validation(AppError):
    def __init__(self, field, problem):
        self.field, self.problem = field, problem
    def __str__(self):
        return f"{self.field}: {self.problem}"
for exc in (NotFound("user"), Validation("age", "negative"), AppError("generic", 1)):
    try:
        raise exc
    except NotFound as e:
        print("NotFound", e, e.name, e.args)
    except AppError as e:
        print(type(e).__name__, str(e), e.args)
print(issubclass(NotFound, Exception), NotFound.__mro__[1].__name__, repr(AppError("r")))
print(isinstance(NotFound("x"), BaseException), str(AppError()), repr(AppError()))
class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr!"
print(repr(WithRepr()), [WithRepr()])
e = ValueError("a", "b")
print(str(e), e.args, str(ValueError()), str(KeyError("k")), str(KeyError("k", "j")))
print(issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, BaseException))
print([c.__name__ for c in ZeroDivisionError.__mro__])
