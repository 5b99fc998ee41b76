"""A short tour of what Adder runs: decorators, generators, classes, f-strings,
comprehensions, exceptions and with-blocks. Its output is the same on every run."""


def traced(label):
    """A decorator with an argument: prints each call and its result."""
    def decorate(fn):
        def wrapper(*args):
            result = fn(*args)
            print(f"  [{label}] {fn.__name__}{args} -> {result!r}")
            return result
        return wrapper
    return decorate


@traced("math")
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def fibonacci():
    """An infinite generator."""
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


class Account:
    interest = 0.02

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"deposit must be positive, got {amount}")
        self.balance += amount
        return self

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, balance={self.balance:,.2f})"


class Savings(Account):
    interest = 0.05

    def add_interest(self):
        self.balance *= 1 + self.interest
        return self


class Section:
    """A context manager that frames its block."""

    def __init__(self, title):
        self.title = title

    def __enter__(self):
        print(f"== {self.title} ==")
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            print(f"  (section ended by {exc_type.__name__}: {exc})")
        return exc_type is ValueError  # swallow ValueError only


with Section("decorators"):
    gcd(84, 36)
    gcd(17, 5)

with Section("generators"):
    fibs = fibonacci()
    first = [next(fibs) for _ in range(10)]
    print("  first ten:", first)
    evens = (f for f in fibonacci() if f % 2 == 0)  # lazy: a filter over an endless stream
    print("  first six even ones:", [next(evens) for _ in range(6)])

with Section("classes"):
    acct = Savings("ada", 1000).deposit(250).add_interest()
    print(" ", acct, "| interest", Savings.interest, "| is an Account:", isinstance(acct, Account))

with Section("comprehensions"):
    words = "the quick brown fox jumps over the lazy dog".split()
    lengths = {w: len(w) for w in words}
    print("  lengths:", lengths)
    print("  long words:", [w.upper() for w in words if len(w) > 4])
    print("  letters:", "".join(sorted({c for w in words for c in w})))

with Section("exceptions"):
    for amount in (50, -5):
        try:
            Account("bob").deposit(amount)
            print(f"  deposited {amount}")
        except ValueError as e:
            print(f"  refused: {e}")
        finally:
            print(f"  (done with {amount})")

with Section("a swallowed error"):
    Account("eve").deposit(0)
    print("  not reached")

print("demo finished")
