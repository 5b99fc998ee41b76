# An uncaught exception: output so far is kept, exit status 1, traceback on stderr.
print("before")
def divide(a, b):
    return a / b
divide(1, 0)
print("never")
