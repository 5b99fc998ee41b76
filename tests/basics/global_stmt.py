# global: rebinding, creating, in nested functions; module-level names seen from functions.
counter = 0
def bump():
    global counter
    counter += 1
for _ in range(3):
    bump()
print(counter)
def reader():
    return counter * 10
print(reader())
def creator():
    global made_here
    made_here = "yes"
creator()
print(made_here)
def outer():
    def inner():
        global counter
        counter = -1
    inner()
outer()
print(counter)
def local_shadow():
    counter = "local"
    return counter
print(local_shadow(), counter)
try:
    def bad():
        counter += 1
    bad()
except UnboundLocalError as e:
    print(e)
