# An exception raised while handling another: the last stderr line is the new one.
def cleanup():
    raise OSError("cleanup failed")
try:
    raise ValueError("first")
finally:
    print("in finally")
    cleanup()
