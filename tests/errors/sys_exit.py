# sys.exit(3): the exit status is 3, nothing is printed to stderr.
import sys
print("exiting")
sys.exit(3)
print("never")
