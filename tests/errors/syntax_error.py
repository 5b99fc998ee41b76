# A file that does not compile: nothing runs, exit status 1.
print("not printed")
x = = 1
