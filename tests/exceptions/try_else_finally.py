# else and finally: when each runs, finally overriding return, break and continue.
def f(fail):
    log = []
    try:
        log.append("try")
        if fail:
            raise RuntimeError("x")
    except RuntimeError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(f(False), f(True))
def ret():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(ret())
def override():
    try:
        return "try"
    finally:
        return "finally"
print(override())
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"
print(swallow())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
while True:
    try:
        break
    finally:
        print("finally on break")
try:
    try:
        raise KeyError("a")
    finally:
        print("finally while propagating")
except KeyError:
    print("propagated")
def nested():
    try:
        try:
            return 1
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested())
